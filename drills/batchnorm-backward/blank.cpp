// Drill: batch normalization's backward pass (nn.BatchNorm1d).  ./grade drill check
//
// The forward pass (given), per feature (column) of X (N, H):
//   training:   mu, var = the batch's mean and variance over the N rows (var divided by N)
//   evaluation: mu, var = the running statistics
//   inv_std = 1 / sqrt(var + eps)      x_hat = (X - mu) * inv_std      Y = gamma * x_hat + beta
// Its cache is BatchNormCache {x_hat (N, H), inv_std (H), training}; BatchNorm holds gamma and
// beta (H) among others.
//
// Write batchnorm_backward(dY, cache, bn): return BatchNormGradients {dX (N, H), dgamma (H),
// dbeta (H)}. In training mode mu and var are functions of every row of X; in evaluation mode
// they are constants.
//
// Errors: throw std::invalid_argument when dY is not the shape of cache.x_hat, or gamma is not
// (H); the message names the argument and its shape.
//
// The hidden checks: every gradient against central differences of a loss built from the
// checks' own forward pass (relative error 1e-6), in both modes, for N from 2 to 8 and H from
// 1 to 5; values PyTorch's autograd wrote in float64 (1e-10 relative); rows that sum dX to 0 in
// training mode; each error alone.
//
// Matrix is xt::xtensor<double, 2>, Vector xt::xtensor<double, 1> (core.hpp); xt::sum(M, {0})
// sums the rows (one value per column); an (H) vector broadcasts over the rows of an (N, H)
// matrix.
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
    // your code
    throw not_implemented("batchnorm_backward");
}

}  // namespace scratchnet
