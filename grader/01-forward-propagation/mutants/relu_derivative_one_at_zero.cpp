// mutant: the ReLU derivative is 1 where z >= 0: the kink at exactly 0 gets slope 1, against the
//         contract's convention (0).
// rejected-by: Activations.ReluDerivativeIsAMask
#include "forward_propagation.hpp"

namespace scratchnet::activations {
Matrix relu_derivative(const Matrix& Z) { return xt::where(Z >= 0.0, 1.0, 0.0); }
}  // namespace scratchnet::activations
