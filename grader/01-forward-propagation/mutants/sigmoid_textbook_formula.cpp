// mutant: the textbook 1 / (1 + e^-z) as it stands: every result is right and finite (at
//         z = -1e4, 1 / (1 + inf) = 0), but e^-z overflows to inf on the way for z < -709 — the
//         floating-point overflow a stable sigmoid avoids.
// rejected-by: Activations.SigmoidRaisesNoOverflow
#include "forward_propagation.hpp"

namespace scratchnet::activations {
Matrix sigmoid(const Matrix& Z) { return 1.0 / (1.0 + xt::exp(-Z)); }
}  // namespace scratchnet::activations
