// mutant: sigma'(z) computed as z (1 - z): the formula s (1 - s) applied to z instead of to
//         s = sigma(z) (it is the right formula only when given the activation).
// rejected-by: Activations.SigmoidDerivativeMatchesFiniteDifferences
#include "forward_propagation.hpp"

namespace scratchnet::activations {
Matrix sigmoid_derivative(const Matrix& Z) { return Z * (1.0 - Z); }
}  // namespace scratchnet::activations
