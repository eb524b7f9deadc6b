// Drill: softmax and the cross-entropy loss from logits, with its gradient.  ./grade drill check
//
// Logits S (N, C): one row of C class scores per example. Labels y: N integers, y[n] in [0, C).
//
// Write:
//   softmax(S)                    P (N, C), row-wise: P[n, c] = e^S[n, c] / sum_k e^S[n, k].
//   cross_entropy(S, y)           the mean over the N rows of -log P[n, y[n]], P = softmax(S).
//   cross_entropy_gradient(S, y)  dL/dS (N, C) of that mean loss L.
//
// Every result must be finite, and accurate, for logits of +-1e3: a row holding both 1e3 and
// -1e3 whose label sits on the -1e3 (its probability underflows to 0, its loss is 2000), a row
// of -1e3 only, a row of +1e3 only. Adding the same constant to every entry of a row must not
// change that row's softmax (1e-12 absolute + 1e-9 relative, for constants up to 500); the rows
// of softmax(S) are non-negative and sum to 1 (1e-12). N = 1 and C = 1 are valid.
//
// Errors (cross_entropy and cross_entropy_gradient): throw std::invalid_argument
//   - when y.size() differs from N: the message contains both numbers, N and y.size();
//   - when a label is not below C: the message contains that label's value and C.
// Each condition is tried alone (one label equal to C, one far above it, one label too few, one
// too many); labels up to C - 1 are valid.
//
// The hidden checks: random logits against the course's reference (about 1e-9 absolute + 1e-7
// relative) and against the checks' own loss (1e-10 relative); the gradient against central
// differences of that loss (1e-9 absolute + 1e-6 relative), then the reference; values PyTorch
// wrote in float64 (1e-10 relative).
//
// Matrix is xt::xtensor<double, 2>, Vector xt::xtensor<double, 1>, Labels std::vector<size_t>
// (core.hpp). xtensor works like NumPy: xt::exp, xt::log, xt::amax(S, {1}) and xt::sum(S, {1})
// (one value per row), xt::view(v, xt::all(), xt::newaxis()) (a vector as a column).
// xtensor 0.24 trap: a reduction with xt::keep_dims used lazily inside a broadcast gives wrong
// numbers; assign each reduction to a Vector first.
#include "backpropagation.hpp"
#include "core.hpp"

#include <cmath>

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {

Matrix softmax(const Matrix& S)
{
    // your code
    throw not_implemented("softmax");
}

double cross_entropy(const Matrix& S, const Labels& y)
{
    // your code
    throw not_implemented("cross_entropy");
}

Matrix cross_entropy_gradient(const Matrix& S, const Labels& y)
{
    // your code
    throw not_implemented("cross_entropy_gradient");
}

}  // namespace scratchnet
