// mutant: sigmoid written as e^z / (1 + e^z): e^z overflows to inf for z > 709, and inf / inf
//         is NaN.
// rejected-by: Activations.SigmoidStaysFiniteForHugeInputs
// rejected-by: Activations.SigmoidRaisesNoOverflow
// rejected-by: Activations.SigmoidDerivativeMatchesFiniteDifferences
#include "forward_propagation.hpp"

namespace scratchnet::activations {
Matrix sigmoid(const Matrix& Z)
{
    Matrix e = xt::exp(Z);
    return e / (1.0 + e);
}
}  // namespace scratchnet::activations
