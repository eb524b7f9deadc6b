// mutant: the ReLU derivative returns max(z, 0) — the activation's values — instead of the
//         0/1 mask.
// rejected-by: Activations.ReluDerivativeIsAMask
// rejected-by: Activations.ReluDerivativeMatchesFiniteDifferences
#include "forward_propagation.hpp"

namespace scratchnet::activations {
Matrix relu_derivative(const Matrix& Z) { return xt::maximum(Z, 0.0); }
}  // namespace scratchnet::activations
