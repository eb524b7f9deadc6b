// mutant: dense_forward throws for bad shapes, but its message gives counts in words ("X has 3
//         columns but W has 4 rows") instead of the shapes as shape_str writes them.
// rejected-by: Dense.ShapeMismatchNamesBothShapes
// rejected-by: Network.ForwardRejectsWrongInputWidth
#include "forward_propagation.hpp"

namespace scratchnet {
Matrix dense_forward(const Matrix& X, const Matrix& W, const Vector& b)
{
    if (X.shape(1) != W.shape(0))
        throw std::invalid_argument("dense_forward: X has " + std::to_string(X.shape(1)) +
                                    " columns but W has " + std::to_string(W.shape(0)) + " rows");
    if (b.size() != W.shape(1))
        throw std::invalid_argument("dense_forward: b has " + std::to_string(b.size()) +
                                    " entries but W has " + std::to_string(W.shape(1)) +
                                    " columns");
    return dot(X, W) + b;
}
}  // namespace scratchnet
