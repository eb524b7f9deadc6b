// mutant: dx_hat taken as dY, forgetting gamma
// rejected-by: BatchNormBackward.EvaluationTreatsStatisticsAsConstants
// rejected-by: BatchNormBackward.GradientMatchesFiniteDifferences
// rejected-by: PyTorch.BatchNormBackwardMatchesGoldenValues
#include "core.hpp"
#include "going_further.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>

namespace scratchnet {

BatchNormGradients batchnorm_backward(const Matrix& dY, const BatchNormCache& cache,
                                      const BatchNorm& bn)
{
    if (dY.shape() != cache.x_hat.shape())
        throw std::invalid_argument("batchnorm_backward: dY is " + shape_str(dY) + ", x_hat is " +
                                    shape_str(cache.x_hat));
    if (bn.gamma.size() != dY.shape(1))
        throw std::invalid_argument("batchnorm_backward: gamma is " + shape_str(bn.gamma) +
                                    " for dY " + shape_str(dY));
    const double N = static_cast<double>(dY.shape(0));
    BatchNormGradients g;
    g.dbeta = xt::sum(dY, {0});
    g.dgamma = xt::sum(dY * cache.x_hat, {0});
    const Matrix dx_hat = dY;
    if (!cache.training) {
        g.dX = dx_hat * cache.inv_std;
        return g;
    }
    // x_hat = (x - mu) * inv_std, mu and var of the batch: the chain rule through both
    const Vector mean_dx_hat = xt::sum(dx_hat, {0}) / N;
    const Vector mean_dx_hat_x_hat = xt::sum(dx_hat * cache.x_hat, {0}) / N;
    g.dX = cache.inv_std * (dx_hat - mean_dx_hat - cache.x_hat * mean_dx_hat_x_hat);
    return g;
}

}  // namespace scratchnet
