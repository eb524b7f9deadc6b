// mutant: no shape checks: a wrong-sized bias reaches xtensor's broadcasting, whose error
//         (std::runtime_error, "Incompatible dimension of arrays") names no shape.
// rejected-by: Dense.ShapeMismatchNamesBothShapes
#include "forward_propagation.hpp"

namespace scratchnet {
Matrix dense_forward(const Matrix& X, const Matrix& W, const Vector& b) { return dot(X, W) + b; }
}  // namespace scratchnet
