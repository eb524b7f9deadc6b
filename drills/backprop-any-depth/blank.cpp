// Drill: backpropagation through a network of any depth.          ./grade drill check
//
// Row convention: a batch X (N, D); layer l has W_l (inputs, outputs), b_l (outputs) added to
// every row, and the activation g_l it names ("identity", "sigmoid", "tanh" or "relu"), on any
// layer, the last one included. y holds N labels in [0, C), C the last layer's outputs.
//
// Write loss_and_gradients(net, X, y):
//   loss   the mean cross-entropy of the network's output read as logits S = A_L (N, C): the
//          mean over the N rows of -log P[n, y[n]], P = softmax(S). It must be finite, and
//          accurate, when a row's logits span 2000 and its label sits on the smallest one (its
//          probability underflows to 0, its loss is about 2000).
//   grads  dW[l] = dL/dW_l and db[l] = dL/db_l for every layer l, in layer order: exactly L
//          entries each, with the shapes of W_l and b_l.
// Networks of 1 to 3 layers and batches of a single row are tried. X and y are always valid:
// no error condition is tested.
//
// You may call forward(net, X) (its cache: A[0] = X, Z[l] = A[l] W_l + b_l,
// A[l + 1] = g_l(Z[l]), output() = A[L]), softmax(S), activation(name) (.function and
// .derivative, g'_l evaluated element-wise at the pre-activation Z; relu' is 0 at 0), and dot
// (core.hpp). The loss, its gradient and the backward loop are yours: do not call
// cross_entropy, cross_entropy_gradient, dense_backward or activation_backward.
//
// The hidden checks: the loss against the course's reference (about 1e-9 absolute + 1e-7
// relative) and the checks' own cross-entropy (1e-10 relative); every dW and db against central
// differences of that loss (1e-8 absolute + 1e-6 relative), then against the reference; logits
// spanning 2000 (loss to 1e-9, gradients as the reference's to 1e-7 relative); and a two-layer
// relu / identity network against PyTorch's float64 values (1e-10 relative).
//
// Matrix is xt::xtensor<double, 2>, Vector xt::xtensor<double, 1>, Labels std::vector<size_t>
// (core.hpp). xtensor works like NumPy: xt::transpose(A), xt::sum(A, {axis}), xt::amax(A, {1}),
// xt::exp, xt::log, xt::view(v, xt::all(), xt::newaxis()) (a vector as a column).
// xtensor 0.24 trap: a reduction with xt::keep_dims used lazily inside a broadcast gives wrong
// numbers; assign each reduction to a Vector first.
#include "backpropagation.hpp"
#include "core.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {

LossAndGradients loss_and_gradients(const Network& net, const Matrix& X, const Labels& y)
{
    // your code
    throw not_implemented("loss_and_gradients");
}

}  // namespace scratchnet
