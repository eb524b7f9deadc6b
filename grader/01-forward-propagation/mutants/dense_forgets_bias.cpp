// mutant: the dense layer computes X W and forgets to add b.
// rejected-by: Dense.ForwardMatchesReference
// rejected-by: Network.ForwardMatchesReference
// rejected-by: Network.ForwardKeepsPreActivationsAndActivations
#include "forward_propagation.hpp"

namespace scratchnet {
Matrix dense_forward(const Matrix& X, const Matrix& W, const Vector& b)
{
    if (X.shape(1) != W.shape(0) || b.size() != W.shape(1))
        throw std::invalid_argument("dense_forward: X " + shape_str(X) + ", W " + shape_str(W) +
                                    ", b " + shape_str(b));
    return dot(X, W);
}
}  // namespace scratchnet
