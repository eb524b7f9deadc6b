// Drill solution: a dense layer, forward and backward.
#include "backpropagation.hpp"
#include "core.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>

namespace scratchnet {

Matrix dense_forward(const Matrix& X, const Matrix& W, const Vector& b)
{
    if (X.shape(1) != W.shape(0))
        throw std::invalid_argument("dense_forward: X is " + shape_str(X) + " but W is " +
                                    shape_str(W) + ": X's columns must equal W's rows");
    if (b.size() != W.shape(1))
        throw std::invalid_argument("dense_forward: b is " + shape_str(b) + " but W is " +
                                    shape_str(W) + ": b needs one entry per column of W");
    return dot(X, W) + b;  // b (H) broadcasts over the N rows
}

DenseGradients dense_backward(const Matrix& dZ, const Matrix& X, const Matrix& W,
                              bool input_gradient)
{
    DenseGradients g;
    if (input_gradient)
        g.dX = dot(dZ, transposed(W));  // (N, H) (H, D) -> (N, D)
    g.dW = dot(transposed(X), dZ);      // (D, N) (N, H) -> (D, H)
    g.db = xt::sum(dZ, {0});            // b reached every row: add the rows up
    return g;
}

}  // namespace scratchnet
