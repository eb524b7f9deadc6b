// Drill: an LSTM cell's backward pass.  ./grade drill check
//
// The forward pass (given): z = [h_prev, x] (N, H + D), then with the parameters Wf, bf, Wi, bi,
// Wo, bo, Wc, bc (every W (H + D, H), every b (H)):
//
//   f = sigmoid(z Wf + bf)     i = sigmoid(z Wi + bi)     o = sigmoid(z Wo + bo)
//   c~ = tanh(z Wc + bc)       c = f * c_prev + i * c~    h = o * tanh(c)
//
// Its cache holds z, f, i, o, c_tilde, c_prev and tanh_c = tanh(c).
//
// Write lstm_cell_backward(dh, dc, cache, p): given dh = dL/dh and dc = dL/dc from outside
// (the gradient reaching c by another path than h, e.g. from the next time step; h's own path
// into c is yours to add), both (N, H), return LstmCellGradients {dx (N, D), dh_prev (N, H),
// dc_prev (N, H), dparams} with dparams.Wf … dparams.bc the gradients of every parameter, each
// of its parameter's shape (a bias's gradient sums over the N rows).
//
// Errors: throw std::invalid_argument when dh or dc is not (N, H) (N = the cache's z rows), or
// the parameters disagree (as in the forward pass); the message names the argument and shape.
//
// The hidden checks: every gradient against central differences of a loss built from the
// checks' own forward pass (relative error 1e-6), for N, D, H from 1 to 6 and N != H; dh = 0
// alone and dc = 0 alone; values PyTorch's autograd wrote in float64 (1e-10 relative).
//
// Matrix is xt::xtensor<double, 2>, Vector xt::xtensor<double, 1> (core.hpp); dot(A, B);
// dot(transposed(A), B) is A^T B and dot(A, transposed(B)) is A B^T without copies;
// xt::sum(M, {0}) sums the rows (one value per column); xt::view(M, xt::all(),
// xt::range(a, b)) takes columns a … b - 1.
#include "core.hpp"
#include "forward_propagation.hpp"
#include "lstm.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {

LstmCellGradients lstm_cell_backward(const Matrix& dh, const Matrix& dc, const LstmCache& cache,
                                     const LstmParams& p)
{
    // your code
    throw not_implemented("lstm_cell_backward");
}

}  // namespace scratchnet
