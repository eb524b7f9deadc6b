/// @file backpropagation.hpp
/// @brief Chapter 02 contract: a stable softmax, cross-entropy from logits and its gradient,
///        the backward pass of a dense layer and of an activation, backpropagation through a
///        network, one SGD step, a training loop and a numerical gradient checker.
///
/// You implement these in `exercises/02-backpropagation/backpropagation.cpp`; `./grade 02`
/// checks them. Shapes follow the course convention: a batch of N rows, `X: (N, D)`,
/// `W: (D, H)`, `b: (H)`; logits (scores before the softmax) are `S: (N, C)` for C classes, and
/// labels are a `Labels` of N integers in `[0, C)`.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "forward_propagation.hpp"

namespace scratchnet {

/// Row-wise softmax: \f$ P_{nc} = e^{S_{nc}} / \sum_k e^{S_{nk}} \f$.
///
/// - `S: (N, C)` logits → returns `P: (N, C)`, every row non-negative and summing to 1.
///
/// Must be stable: subtract each row's maximum before `exp`, so that logits of \f$ \pm 10^3 \f$
/// give finite probabilities. Adding the same number to every entry of a row must not change
/// that row's result.
Matrix softmax(const Matrix& S);

/// One-hot encoding of labels: \f$ Y_{nc} = 1 \f$ if \f$ c = y_n \f$, else 0.
///
/// - `y`: N labels, `classes`: C → returns `Y: (N, C)`.
///
/// Throws `std::invalid_argument` when a label is not below `classes`; the message names the
/// label's value, its position and the number of classes.
Matrix one_hot(const Labels& y, std::size_t classes);

/// Mean cross-entropy of the softmax of `S` against the labels `y`:
/// \f[ L = \frac{1}{N} \sum_{n} \Bigl( \log \sum_k e^{S_{nk}} - S_{n, y_n} \Bigr), \f]
/// computed with log-sum-exp (max subtracted), so that it is finite for logits of
/// \f$ \pm 10^3 \f$.
///
/// - `S: (N, C)` logits, `y`: N labels in `[0, C)` → returns the scalar L.
///
/// Throws `std::invalid_argument` when `y.size()` differs from N (the message gives both
/// numbers) or when a label is not below C (the message gives the label's value and C).
double cross_entropy(const Matrix& S, const Labels& y);

/// Gradient of cross_entropy() with respect to the logits: \f$ \partial L / \partial S = (P - Y)/N \f$,
/// with P = softmax(S) and Y = one_hot(y, C).
///
/// - `S: (N, C)`, `y`: N labels → returns `dS: (N, C)`.
///
/// Throws `std::invalid_argument` for the same bad labels as cross_entropy().
Matrix cross_entropy_gradient(const Matrix& S, const Labels& y);

/// The gradients of a dense layer \f$ Z = X W + b \f$.
struct DenseGradients {
    Matrix dX;  ///< \f$ \partial L / \partial X \f$, `(N, D)`
    Matrix dW;  ///< \f$ \partial L / \partial W \f$, `(D, H)`
    Vector db;  ///< \f$ \partial L / \partial b \f$, `(H)`
};

/// Dense layer backward: given \f$ dZ = \partial L / \partial Z \f$ and the forward pass's input
/// and weights, returns \f$ dX = dZ\, W^\top \f$, \f$ dW = X^\top dZ \f$ and
/// \f$ db = \sum_n dZ_{n,:} \f$.
///
/// - `dZ: (N, H)`, `X: (N, D)` (the input the forward pass saw), `W: (D, H)`
/// - returns dX `(N, D)`, dW `(D, H)`, db `(H)`
/// - `input_gradient = false` skips dX and leaves it empty, shape `(0, 0)`; dW and db are the
///   same. The first layer's input is the data, whose gradient nobody uses: skipping it saves a
///   matrix product as large as the forward one (a third of a 784-256-10 network's backward work).
DenseGradients dense_backward(const Matrix& dZ, const Matrix& X, const Matrix& W,
                              bool input_gradient = true);

/// Activation backward: \f$ dZ = dA \odot g'(Z) \f$, element-wise, for the activation named
/// `activation` ("identity", "sigmoid", "tanh" or "relu"; chapter 01's `activation()`).
///
/// - `dA: (N, H)` the gradient with respect to the activation's output
/// - `Z: (N, H)` the pre-activation the forward pass stored (`ForwardCache::Z`)
/// - returns `dZ: (N, H)`
///
/// At z = 0 exactly, ReLU's derivative is 0 (chapter 01's convention). dZ is finite wherever
/// chapter 01's activations are (the sigmoid for \f$ |z| \f$ up to \f$ 10^4 \f$): for large
/// \f$ |z| \f$ the derivatives of sigmoid and tanh are tiny or 0, never NaN.
Matrix activation_backward(const Matrix& dA, const Matrix& Z, const std::string& activation);

// [loss_and_gradients]
/// The gradients of every layer's parameters, in the network's layer order.
struct Gradients {
    std::vector<Matrix> dW;  ///< `dW[l]` has the shape of layer l's W
    std::vector<Vector> db;  ///< `db[l]` has the shape of layer l's b
};

/// A loss and the gradients of the parameters that produced it.
struct LossAndGradients {
    double loss = 0.0;  ///< the mean cross-entropy
    Gradients grads;    ///< its gradient with respect to every W and b
};

/// Backpropagation. The network's output is read as logits: the loss is
/// `cross_entropy(forward(net, X).output(), y)`. Returns it with the gradient of every layer's
/// W and b, found by running the chain rule backwards through the cache of one forward pass.
///
/// - `net`: L layers, any activations (for the two-layer classifier of this chapter:
///   `{D, H, "relu"}` then `{H, C, "identity"}`)
/// - `X: (N, D)`, `y`: N labels in `[0, C)` where C is the last layer's width
LossAndGradients loss_and_gradients(const Network& net, const Matrix& X, const Labels& y);
// [loss_and_gradients]

/// One step of gradient descent: \f$ W_l \leftarrow W_l - \eta\, dW_l \f$ and
/// \f$ b_l \leftarrow b_l - \eta\, db_l \f$ for every layer l, with \f$ \eta \f$ = `lr`.
///
/// Throws `std::invalid_argument` when `grads` does not hold one dW and one db per layer.
void sgd_step(Network& net, const Gradients& grads, double lr);

/// Full-batch training: `epochs` times, compute the loss and gradients on all of (X, y) and take
/// one sgd_step(). Returns the loss history: entry e is the loss computed in epoch e, before
/// that epoch's step (so entry 0 is the loss of the starting weights). `net` is updated in place.
///
/// Uses no random numbers: the caller chooses the starting weights.
std::vector<double> train(Network& net, const Matrix& X, const Labels& y, double lr,
                          std::size_t epochs);

/// The predicted class of each row: the index of the largest logit (the first one on a tie).
///
/// - `X: (N, D)` → N labels.
Labels predict(const Network& net, const Matrix& X);

// [gradient_check]
/// The result of a numerical gradient check: the worst relative error and where it occurred.
struct GradCheck {
    /// \f$ \max_{ij} |a_{ij} - n_{ij}| / \max(|a_{ij}|, |n_{ij}|) \f$ (0 where both are 0)
    double max_relative_error = 0.0;
    std::size_t row = 0;    ///< row of the worst entry
    std::size_t col = 0;    ///< column of the worst entry
    double analytic = 0.0;  ///< the analytic gradient at the worst entry
    double numeric = 0.0;   ///< the numerical gradient at the worst entry
};

/// Numerical gradient check with central differences, as CS231n does it: for every entry of
/// `x`, \f$ n_{ij} = \bigl(f(x + h e_{ij}) - f(x - h e_{ij})\bigr) / 2h \f$, compared with
/// `analytic` by the relative error of GradCheck::max_relative_error.
///
/// - `f`: a scalar function of a matrix; `x: (R, K)` the point; `analytic: (R, K)` the gradient
///   to check; `h` the step.
/// - returns the worst entry (the first one on a tie).
///
/// Throws `std::invalid_argument` when `analytic` and `x` differ in shape (the message gives
/// both shapes).
GradCheck gradient_check(const std::function<double(const Matrix&)>& f, const Matrix& x,
                         const Matrix& analytic, double h = 1e-5);
// [gradient_check]

}  // namespace scratchnet
