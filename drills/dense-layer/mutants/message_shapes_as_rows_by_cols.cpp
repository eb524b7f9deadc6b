// mutant: the error messages write the shapes their own way ("X is 4x3 but W is 2x5"), not as
//         shape_str writes them ("(4, 3)"): a reader, or a log search, cannot match them.
// rejected-by: Dense.ShapeMismatchNamesBothShapes
#include "backpropagation.hpp"
#include "core.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {

static std::string dims(const Matrix& M)
{
    return std::to_string(M.shape(0)) + "x" + std::to_string(M.shape(1));
}

Matrix dense_forward(const Matrix& X, const Matrix& W, const Vector& b)
{
    if (X.shape(1) != W.shape(0))
        throw std::invalid_argument("dense_forward: X is " + dims(X) + " but W is " + dims(W));
    if (b.size() != W.shape(1))
        throw std::invalid_argument("dense_forward: b has length " + std::to_string(b.size()) +
                                    " but W is " + dims(W));
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
