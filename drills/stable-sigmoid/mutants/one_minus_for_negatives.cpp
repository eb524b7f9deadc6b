// mutant: the z < 0 branch written as 1 - 1 / (1 + e^z): right on paper, but 1 / (1 + e^z) is
//         within 1e-16 of 1 there, and the subtraction loses every digit (sigma(-40) becomes 0).
// rejected-by: Activations.SigmoidIsAccurateForNegativeInputs
#include "core.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>

namespace scratchnet::activations {

Matrix sigmoid(const Matrix& Z)
{
    Matrix e = xt::exp(-xt::abs(Z));
    return xt::where(Z >= 0.0, 1.0 / (1.0 + e), 1.0 - 1.0 / (1.0 + e));
}

Matrix sigmoid_derivative(const Matrix& Z)
{
    Matrix s = sigmoid(Z);
    return s * (1.0 - s);
}

}  // namespace scratchnet::activations
