// mutant: the derivative written as z (1 - z): the formula s (1 - s) applied to the
//         pre-activation instead of to sigma(z).
// rejected-by: Activations.SigmoidDerivativeMatchesFiniteDifferences
#include "core.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>

namespace scratchnet::activations {

Matrix sigmoid(const Matrix& Z)
{
    Matrix e = xt::exp(-xt::abs(Z));
    return xt::where(Z >= 0.0, 1.0 / (1.0 + e), e / (1.0 + e));
}

Matrix sigmoid_derivative(const Matrix& Z) { return Z * (1.0 - Z); }

}  // namespace scratchnet::activations
