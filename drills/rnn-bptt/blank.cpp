// Drill: a vanilla RNN's backward pass, one step and through time.  ./grade drill check
//
// The forward pass (given): with parameters Wx (D, H), Wh (H, H), b (H),
//
//   h_t = tanh(x_t Wx + h_{t-1} Wh + b)        x_t (N, D), h_{t-1} and h_t (N, H)
//
// One step's cache is RnnCache {x, h_prev, h} (h = h_t, the tanh's output). A sequence is
// RnnSequence {caches}, one cache per step t = 0 … T − 1 (caches[t].h is h_{t+1}).
//
// 1. rnn_cell_backward(dh, cache, p): dh = dL/dh_t (N, H), the whole gradient reaching h_t.
//    Return RnnCellGradients {dx (N, D), dh_prev (N, H), dparams {Wx, Wh, b}} (each gradient of
//    its parameter's shape; b's sums over the N rows). Throw std::invalid_argument naming the
//    argument and its shape when dh is not (N, H) or the parameters disagree (Wh (H, H), b (H)).
// 2. rnn_backward(dh, seq, p): dh[t] = dL/dh_{t+1} from outside the recurrence (zeros where the
//    loss does not read that step), T matrices (N, H). Return RnnSequenceGradients {dx (one per
//    step), dh0, dparams (summed over the steps)}. Throw when dh does not hold T matrices of
//    (N, H), or the sequence is empty.
//
// The hidden checks: every gradient against central differences of losses built from the
// checks' own forward pass (relative error 1e-6), for N, D, H from 1 to 6 and T from 1 to 8; a
// loss reading only a middle step; the bias gradient's sum over rows; each error alone.
//
// Matrix is xt::xtensor<double, 2>, Vector xt::xtensor<double, 1> (core.hpp); dot(A, B);
// dot(transposed(A), B) is A^T B and dot(A, transposed(B)) is A B^T without copies;
// xt::sum(M, {0}) sums the rows (one value per column); xt::zeros_like(M).
#include "core.hpp"
#include "vanishing_gradients.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>

namespace scratchnet {

RnnCellGradients rnn_cell_backward(const Matrix& dh, const RnnCache& cache, const RnnParams& p)
{
    // your code
    throw not_implemented("rnn_cell_backward");
}

RnnSequenceGradients rnn_backward(const std::vector<Matrix>& dh, const RnnSequence& seq,
                                  const RnnParams& p)
{
    // your code
    throw not_implemented("rnn_backward");
}

}  // namespace scratchnet
