// mutant: Batch-norm backward sums dY alone for dgamma, like dbeta (x̂ left out).
// rejected-by: BatchNormBackward.EvaluationTreatsStatisticsAsConstants
// rejected-by: BatchNormBackward.GradientMatchesFiniteDifferences
// rejected-by: ModernMlp.DropoutMasksFollowTheDrawOrder
// rejected-by: ModernMlp.EvaluationDrawsAndUpdatesNothing
// rejected-by: ModernMlp.GradientMatchesFiniteDifferences
// rejected-by: PyTorch.BatchNormBackwardMatchesGoldenValues
// rejected-by: PyTorch.ModernMlpStepMatchesGoldenValues
#include "going_further.hpp"

#include <cmath>
#include <stdexcept>
#include <string>
#include <type_traits>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {

BatchNormGradients batchnorm_backward(const Matrix& dY, const BatchNormCache& cache,
                                      const BatchNorm& bn)
{
    if (dY.shape() != cache.x_hat.shape())
        throw std::invalid_argument("batchnorm_backward: dY is " + shape_str(dY));
    if (bn.gamma.size() != dY.shape(1))
        throw std::invalid_argument("batchnorm_backward: gamma is " + shape_str(bn.gamma));
    const double N = static_cast<double>(dY.shape(0));
    BatchNormGradients g;
    g.dbeta = xt::sum(dY, {0}, xt::evaluation_strategy::immediate);
    g.dgamma = xt::sum(dY, {0}, xt::evaluation_strategy::immediate);
    const Matrix dx_hat = dY * bn.gamma;
    if (!cache.training) {
        g.dX = dx_hat * cache.inv_std;
        return g;
    }
    const Vector s1 = xt::sum(dx_hat, {0}, xt::evaluation_strategy::immediate);
    const Vector s2 = xt::sum(dx_hat * cache.x_hat, {0}, xt::evaluation_strategy::immediate);
    g.dX = (cache.inv_std / N) * (N * dx_hat - s1 - cache.x_hat * s2);
    return g;
}

}  // namespace scratchnet
