// Drill: TwoLayerNet, ReLU + softmax + cross-entropy, learns XOR.   ./grade drill check
//
// The seed notebook's two-layer classifier, written whole, with the correct gradient. Implement
// the API of two_layer_net.hpp (namespace scratchnet::drill). Rows are examples: X is
// (N, inputs), y holds N labels in [0, classes); b1 (hidden) and b2 (classes) are Vectors added
// to every row.
//
//   TwoLayerNet(inputs, hidden, classes, rng)
//       W1 (inputs, hidden), every entry rng.normal(0, 1/sqrt(inputs)); then W2 (hidden, classes),
//       every entry rng.normal(0, 1/sqrt(hidden)). Each is drawn in row-major order (row 0 left
//       to right, then row 1, ...), all of W1 before W2, and nothing else is drawn from rng. b1
//       and b2 are zero.
//   scores(X)           X (N, inputs) -> S (N, classes), S = max(X W1 + b1, 0) W2 + b2.
//   loss_and_step(X, y, lr)
//                       the mean cross-entropy of the softmax of S,
//                           L = (1/N) sum over rows n of ( log sum_k e^S[n,k] - S[n, y[n]] ),
//                       then one step of gradient descent with learning rate lr on every W and b
//                       (ReLU'(0) = 0). Returns L of the parameters as they were before the step.
//   predict(X)          each row's class with the largest score, the first one on a tie.
//   train_two_layer_net_xor(seed)
//                       Rng rng(seed); TwoLayerNet(2, 10, 2, rng); then 1000 epochs of
//                       loss_and_step with lr 0.1 on the four XOR rows (data::xor_inputs(),
//                       data::xor_labels()). Returns the trained net and the 1000 losses.
//
// The hidden checks: the constructor for random sizes (1 included) against the draw order above
// (relative error 1e-14), zero biases, no extra draws; scores and the returned loss against the
// checks' own computation (relative 1e-10); one step on random nets: the change of each
// parameter divided by lr against central differences of L (relative 1e-6); scores spanning
// 2000, where a probability underflows to 0: the loss must be exact and every parameter finite
// after the step (no NaN, no inf); predict on integer scores with exact ties;
// train_two_layer_net_xor for seed 0 and two hidden seeds: the losses against the same run by
// chapter 02's reference train (relative 1e-9; all 1000 for seed 0, the first 250 for the
// others), the last loss below 0.026, and predictions 0 1 1 0.
//
// Matrix is xt::xtensor<double, 2>, Vector xt::xtensor<double, 1>, Labels a std::vector of
// labels; dot(A, B) is the matrix product; Rng and data:: are in chapters/core/core.hpp. xtensor
// works like NumPy: xt::exp, xt::log, xt::maximum, xt::amax(A, {axis}), xt::sum(A, {axis}),
// xt::transpose, xt::view(v, xt::all(), xt::newaxis()).
#include "core.hpp"
#include "two_layer_net.hpp"

#include <cmath>

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet::drill {

TwoLayerNet::TwoLayerNet(std::size_t inputs, std::size_t hidden, std::size_t classes, Rng& rng)
{
    // your code
    throw not_implemented("drill::TwoLayerNet::TwoLayerNet");
}

Matrix TwoLayerNet::scores(const Matrix& X) const
{
    // your code
    throw not_implemented("drill::TwoLayerNet::scores");
}

double TwoLayerNet::loss_and_step(const Matrix& X, const Labels& y, double lr)
{
    // your code
    throw not_implemented("drill::TwoLayerNet::loss_and_step");
}

Labels TwoLayerNet::predict(const Matrix& X) const
{
    // your code
    throw not_implemented("drill::TwoLayerNet::predict");
}

XorRun train_two_layer_net_xor(std::uint64_t seed)
{
    // your code
    throw not_implemented("drill::train_two_layer_net_xor");
}

}  // namespace scratchnet::drill
