// mutant: Batch-norm backward treats the batch statistics as constants in training: dX =
// dY·γ·inv_std.
// rejected-by: BatchNormBackward.GradientMatchesFiniteDifferences
// rejected-by: ModernMlp.DropoutMasksFollowTheDrawOrder
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
    g.dgamma = xt::sum(dY * cache.x_hat, {0}, xt::evaluation_strategy::immediate);
    const Matrix dx_hat = dY * bn.gamma;
    if (!cache.training) {
        g.dX = dx_hat * cache.inv_std;
        return g;
    }
    g.dX = dx_hat * cache.inv_std;  // the slip: μ and σ² depend on X in training
    return g;
}

}  // namespace scratchnet
