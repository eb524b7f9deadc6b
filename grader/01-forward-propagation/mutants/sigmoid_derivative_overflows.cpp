// mutant: sigma'(z) written from the quotient rule as e^-z / (1 + e^-z)^2: for z < -709, e^-z
//         is inf and inf / inf is NaN.
// rejected-by: Activations.SigmoidDerivativeMatchesFiniteDifferences
#include "forward_propagation.hpp"

namespace scratchnet::activations {
Matrix sigmoid_derivative(const Matrix& Z)
{
    Matrix e = xt::exp(-Z);
    return e / ((1.0 + e) * (1.0 + e));
}
}  // namespace scratchnet::activations
