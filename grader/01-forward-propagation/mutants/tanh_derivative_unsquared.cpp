// mutant: tanh'(z) written as 1 - tanh(z), forgetting the square.
// rejected-by: Activations.TanhDerivativeMatchesFiniteDifferences
#include "forward_propagation.hpp"

namespace scratchnet::activations {
Matrix tanh_derivative(const Matrix& Z) { return 1.0 - xt::tanh(Z); }
}  // namespace scratchnet::activations
