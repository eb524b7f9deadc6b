// mutant: dense_forward checks X against W but not b: a bias of length 1 is silently broadcast
//         over every column, and other wrong lengths reach xtensor's broadcasting error.
// rejected-by: Dense.ShapeMismatchNamesBothShapes
#include "forward_propagation.hpp"

namespace scratchnet {
Matrix dense_forward(const Matrix& X, const Matrix& W, const Vector& b)
{
    if (X.shape(1) != W.shape(0))
        throw std::invalid_argument("dense_forward: X is " + shape_str(X) + " but W is " +
                                    shape_str(W));
    return dot(X, W) + b;
}
}  // namespace scratchnet
