// mutant: the textbook 1 / (1 + e^-z): right and finite everywhere (1 / (1 + inf) = 0), but
//         e^-z overflows to inf on the way for z < -709.
// rejected-by: Activations.SigmoidRaisesNoOverflow
#include "core.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>

namespace scratchnet::activations {

Matrix sigmoid(const Matrix& Z) { return 1.0 / (1.0 + xt::exp(-Z)); }

Matrix sigmoid_derivative(const Matrix& Z)
{
    Matrix s = sigmoid(Z);
    return s * (1.0 - s);
}

}  // namespace scratchnet::activations
