// mutant: the bias check is written as b.size() < W's columns, so a bias one entry too long is
//         never rejected by dense_forward itself.
// rejected-by: Dense.ShapeMismatchNamesBothShapes
#include "forward_propagation.hpp"

namespace scratchnet {
Matrix dense_forward(const Matrix& X, const Matrix& W, const Vector& b)
{
    if (X.shape(1) != W.shape(0))
        throw std::invalid_argument("dense_forward: X is " + shape_str(X) + " but W is " +
                                    shape_str(W));
    if (b.size() < W.shape(1))
        throw std::invalid_argument("dense_forward: b is " + shape_str(b) + " but W is " +
                                    shape_str(W));
    return dot(X, W) + b;
}
}  // namespace scratchnet
