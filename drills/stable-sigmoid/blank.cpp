// Drill: stable sigmoid and its derivative.                        ./grade drill check
//
// Write, element-wise on a matrix Z of any shape (N, H):
//   sigmoid(Z)             sigma(z) = 1 / (1 + e^-z)
//   sigmoid_derivative(Z)  sigma'(z), the slope of sigma at z (Z is the pre-activation)
// Both return a new matrix of Z's shape.
//
// The hidden checks: random matrices against the course's reference to a relative error of
// 1e-12; entries up to |z| = 1e4, where every result must be finite (no NaN, no inf) and no
// floating-point overflow may happen on the way (FE_OVERFLOW: no intermediate may become inf);
// z in [-100, -20], where sigma(z) is tiny but representable and must be accurate to a relative
// error of 1e-12; and the derivative against central differences of your sigmoid.
//
// Matrix is xt::xtensor<double, 2> (chapters/core/core.hpp). xtensor works like NumPy:
// xt::exp, xt::abs, xt::where(condition, a, b) apply element-wise to whole matrices.
#include "core.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>

namespace scratchnet::activations {

Matrix sigmoid(const Matrix& Z)
{
    // your code
    throw not_implemented("activations::sigmoid");
}

Matrix sigmoid_derivative(const Matrix& Z)
{
    // your code
    throw not_implemented("activations::sigmoid_derivative");
}

}  // namespace scratchnet::activations
