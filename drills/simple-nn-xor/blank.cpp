// Drill: SimpleNN, 2-4-1 with sigmoid units, learns XOR.           ./grade drill check
//
// The seed interview's SimpleNN, a network inputs -> hidden -> outputs with a sigmoid after both
// layers, trained by full-batch gradient descent. Its original settings (weights x 0.01,
// learning rate 0.1, 1000 epochs) leave every output at 0.5; yours must learn XOR. Implement the
// API of simple_nn.hpp (namespace scratchnet::drill). Rows are examples: X is (N, inputs);
// b1 (hidden) and b2 (outputs) are Vectors added to every row.
//
//   SimpleNN(inputs, hidden, outputs, init_scale, rng)
//       W1 (inputs, hidden), then W2 (hidden, outputs): every entry init_scale * rng.normal(0, 1),
//       drawn in row-major order (row 0 left to right, then row 1, ...), all of W1 before W2, and
//       nothing else drawn from rng. b1 and b2 are zero.
//   forward(X)          X (N, inputs) -> a2 (N, outputs), where z1 = X W1 + b1, a1 = sigma(z1),
//                       z2 = a1 W2 + b2, a2 = sigma(z2); keeps z1, a1, z2, a2 in the members.
//   backward(X, Y, lr)  called after forward(X): one step of gradient descent with learning rate
//                       lr on every W and b, for the loss
//                           L = (1/N) sum over rows n, outputs k of
//                               -Y[n,k] log a2[n,k] - (1 - Y[n,k]) log(1 - a2[n,k]),
//                       where Y (N, outputs) holds 0s and 1s.
//   predict(X)          for a net with one output: label 1 where the output is above 0.5, else 0
//                       (an output of exactly 0.5 is 0). Returns N labels.
//   train_simple_nn_xor(seed)
//                       Rng rng(seed); SimpleNN(2, 4, 1, init_scale 1.0, rng); then 1000 epochs,
//                       each forward then backward with lr 1.0, on the four XOR rows
//                       (data::xor_inputs(), targets data::xor_labels() as a (4, 1) matrix).
//                       Returns the trained net.
//
// The hidden checks: the constructor for random sizes (1 included) and scales, against the draw
// order above (relative error 1e-14), zero biases, no extra draws; forward against the checks'
// own computation (relative 1e-10) on random weights, and with pre-activations up to +-1e4,
// where every output must be finite (no NaN, no inf); one backward step on random nets: the
// change of each parameter divided by lr against central differences of L (relative 1e-6);
// predict with outputs of exactly 0.5; train_simple_nn_xor for seed 0 and two hidden seeds:
// predictions 0 1 1 0, and the trained weights and outputs against the same run computed by the
// checks themselves (relative 1e-7).
//
// Matrix is xt::xtensor<double, 2>, Vector xt::xtensor<double, 1>, Labels a std::vector of
// labels; dot(A, B) is the matrix product; Rng and data:: are in chapters/core/core.hpp. xtensor
// works like NumPy: xt::exp, xt::abs, xt::where, xt::transpose, xt::sum(A, {axis}).
#include "core.hpp"
#include "simple_nn.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet::drill {

SimpleNN::SimpleNN(std::size_t inputs, std::size_t hidden, std::size_t outputs, double init_scale,
                   Rng& rng)
{
    // your code
    throw not_implemented("drill::SimpleNN::SimpleNN");
}

Matrix SimpleNN::forward(const Matrix& X) { throw not_implemented("drill::SimpleNN::forward"); }

void SimpleNN::backward(const Matrix& X, const Matrix& Y, double lr)
{
    // your code
    throw not_implemented("drill::SimpleNN::backward");
}

Labels SimpleNN::predict(const Matrix& X) { throw not_implemented("drill::SimpleNN::predict"); }

SimpleNN train_simple_nn_xor(std::uint64_t seed)
{
    // your code
    throw not_implemented("drill::train_simple_nn_xor");
}

}  // namespace scratchnet::drill
