// mutant: the bias is added once to the batch's total instead of to every row (a row of the
//         output depends on the other rows).
// rejected-by: Dense.ForwardMatchesReference
// rejected-by: Dense.RowsAreIndependent
// rejected-by: Network.ForwardMatchesReference
// rejected-by: Network.ForwardKeepsPreActivationsAndActivations
#include <xtensor/xview.hpp>

#include "forward_propagation.hpp"

namespace scratchnet {
Matrix dense_forward(const Matrix& X, const Matrix& W, const Vector& b)
{
    if (X.shape(1) != W.shape(0) || b.size() != W.shape(1))
        throw std::invalid_argument("dense_forward: X " + shape_str(X) + ", W " + shape_str(W) +
                                    ", b " + shape_str(b));
    Matrix Z = dot(X, W);
    xt::view(Z, 0, xt::all()) += b * static_cast<double>(X.shape(0));
    return Z;
}
}  // namespace scratchnet
