// mutant: b's length compared with X's columns (D) instead of W's columns (H), a shape(0) /
//         shape(1) slip: every valid layer with D != H throws, and a b that fits X but not W gets
//         through to xtensor's broadcast.
// rejected-by: Dense.ForwardMatchesReference
// rejected-by: Dense.RowsAreIndependent
// rejected-by: Dense.ShapeMismatchNamesBothShapes
#include "backpropagation.hpp"
#include "core.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {

Matrix dense_forward(const Matrix& X, const Matrix& W, const Vector& b)
{
    if (X.shape(1) != W.shape(0))
        throw std::invalid_argument("dense_forward: X is " + shape_str(X) + " but W is " +
                                    shape_str(W) + ": X's columns must equal W's rows");
    if (b.size() != X.shape(1))
        throw std::invalid_argument("dense_forward: b is " + shape_str(b) + " but W is " +
                                    shape_str(W) + ": b needs one entry per column of W");
    return dot(X, W) + b;
}

DenseGradients dense_backward(const Matrix& dZ, const Matrix& X, const Matrix& W,
                              bool input_gradient)
{
    DenseGradients g;
    if (input_gradient)
        g.dX = dot(dZ, transposed(W));
    g.dW = dot(transposed(X), dZ);
    g.db = xt::sum(dZ, {0});
    return g;
}

}  // namespace scratchnet
