// mutant: the stable sigmoid's z < 0 branch written as 1 - 1 / (1 + e^z): mathematically right,
//         but the subtraction cancels to exactly 0 for z below about -37.
// rejected-by: Activations.SigmoidIsAccurateForNegativeInputs
#include "forward_propagation.hpp"

namespace scratchnet::activations {
Matrix sigmoid(const Matrix& Z)
{
    Matrix e = xt::exp(-xt::abs(Z));
    return xt::where(Z >= 0.0, 1.0 / (1.0 + e), 1.0 - 1.0 / (1.0 + e));
}
}  // namespace scratchnet::activations
