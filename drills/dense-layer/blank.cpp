// Drill: a dense layer, forward and backward.                      ./grade drill check
//
// Row convention: a batch of N inputs, one per row, X (N, D); weights W (D, H); bias b (H).
//
// Write:
//   dense_forward(X, W, b)     Z = X W + b, with b added to every row; returns Z (N, H).
//   dense_backward(dZ, X, W, input_gradient)
//                              given dZ = dL/dZ (N, H) for some scalar loss L, and the X and W
//                              the forward pass used, returns the gradients of L with respect to
//                              X, W and b: DenseGradients{dX (N, D), dW (D, H), db (H)}. When
//                              input_gradient is false, dX is not computed and left empty (0, 0);
//                              dW and db are the same. (The header gives it a default: true.)
//
// Errors (dense_forward only): throw std::invalid_argument
//   - when X's columns differ from W's rows: the message contains X's shape and W's shape;
//   - when b's length differs from W's columns: the message contains b's shape and W's shape,
//     also for a b of length 1 (never let it broadcast over the columns).
// Shapes are written the way shape_str (core.hpp) writes them: "(4, 3)" for a matrix, "(5)" for
// a vector. Each condition is tried alone, with the other one fine, too short and too long; valid
// shapes, N = 1, D = 1 and H = 1 included, must not throw.
//
// The hidden checks: random layers against the course's reference (about 1e-9 absolute + 1e-7
// relative), each row of Z computed alone equal to the same row of the batch (1e-12), the
// gradients against central differences of a loss L = sum(G * Z) (1e-8 absolute + 1e-6 relative)
// and then against the reference, and against gradients PyTorch wrote (1e-10 relative).
//
// Matrix is xt::xtensor<double, 2>, Vector xt::xtensor<double, 1> (core.hpp); dot(A, B) is the
// matrix product, dot(transposed(A), B) is A^T B and dot(A, transposed(B)) is A B^T (no copy).
// xtensor works like NumPy: + broadcasts, xt::sum(A, {axis}).
#include "backpropagation.hpp"
#include "core.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>

namespace scratchnet {

Matrix dense_forward(const Matrix& X, const Matrix& W, const Vector& b)
{
    // your code
    throw not_implemented("dense_forward");
}

DenseGradients dense_backward(const Matrix& dZ, const Matrix& X, const Matrix& W,
                              bool input_gradient)
{
    // your code
    throw not_implemented("dense_backward");
}

}  // namespace scratchnet
