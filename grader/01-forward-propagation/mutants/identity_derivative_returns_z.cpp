// mutant: identity_derivative returns Z itself ("the identity's derivative is the identity").
// rejected-by: Activations.IdentityDerivativeMatchesFiniteDifferences
#include "forward_propagation.hpp"

namespace scratchnet::activations {
Matrix identity_derivative(const Matrix& Z) { return Z; }
}  // namespace scratchnet::activations
