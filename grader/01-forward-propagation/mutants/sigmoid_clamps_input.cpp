// mutant: to be safe from overflow, sigmoid clamps z to [-30, 30] first ("sigma is 0 or 1 out
//         there anyway"), so sigma(-40) comes out as sigma(-30) ~ 9.4e-14 instead of 4.2e-18.
// rejected-by: Activations.SigmoidIsAccurateForNegativeInputs
#include <xtensor/xsort.hpp>

#include "forward_propagation.hpp"

namespace scratchnet::activations {
Matrix sigmoid(const Matrix& Z)
{
    Matrix z = xt::clip(Z, -30.0, 30.0);
    return 1.0 / (1.0 + xt::exp(-z));
}
}  // namespace scratchnet::activations
