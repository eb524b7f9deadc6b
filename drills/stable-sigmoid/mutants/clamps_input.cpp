// mutant: z clamped to [-30, 30] before the textbook formula, "sigma is 0 or 1 out there anyway":
//         finite everywhere, but sigma(-40) comes out as sigma(-30), 22 000 times too large.
// rejected-by: Activations.SigmoidIsAccurateForNegativeInputs
#include "core.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>
#include <xtensor/xsort.hpp>

namespace scratchnet::activations {

Matrix sigmoid(const Matrix& Z)
{
    Matrix z = xt::clip(Z, -30.0, 30.0);
    return 1.0 / (1.0 + xt::exp(-z));
}

Matrix sigmoid_derivative(const Matrix& Z)
{
    Matrix s = sigmoid(Z);
    return s * (1.0 - s);
}

}  // namespace scratchnet::activations
