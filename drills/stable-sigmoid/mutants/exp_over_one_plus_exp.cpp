// mutant: sigmoid written as e^z / (1 + e^z): e^z overflows to inf for z > 709, and inf / inf is
//         NaN.
// rejected-by: Activations.SigmoidStaysFiniteForHugeInputs
// rejected-by: Activations.SigmoidRaisesNoOverflow
// rejected-by: Activations.SigmoidDerivativeMatchesFiniteDifferences
#include "core.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>

namespace scratchnet::activations {

Matrix sigmoid(const Matrix& Z)
{
    Matrix e = xt::exp(Z);
    return e / (1.0 + e);
}

Matrix sigmoid_derivative(const Matrix& Z)
{
    Matrix s = sigmoid(Z);
    return s * (1.0 - s);
}

}  // namespace scratchnet::activations
