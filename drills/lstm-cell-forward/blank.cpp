// Drill: an LSTM cell's forward pass (the seed interview's task).  ./grade drill check
//
// Batched, rows are samples: x (N, D), h_prev and c_prev (N, H). The parameters p are, in this
// order, Wf, bf, Wi, bi, Wo, bo, Wc, bc: every W is (H + D, H), every b is (H). D and H are read
// from them (Wf is (H + D, H)). The input to every gate is z = [h_prev, x] — h first — (N, H + D):
//
//   f = sigmoid(z Wf + bf)     i = sigmoid(z Wi + bi)     o = sigmoid(z Wo + bo)
//   c~ = tanh(z Wc + bc)       c = f * c_prev + i * c~    h = o * tanh(c)
//
// (* is element by element; a bias is added to every row.)
//
// Write lstm_cell_forward(x, h_prev, c_prev, p), returning LstmStep{h, c, cache}, where the
// cache holds z, f, i, o, c~ (c_tilde), c_prev and tanh(c) (tanh_c).
//
// Errors: throw std::invalid_argument when x is not (N, D), h_prev or c_prev not (N, H) (N is
// x's row count), or the parameters disagree among themselves (a W not (H + D, H), a b not (H),
// Wf with no room for D >= 1); the message names the argument and its shape, e.g. "h_prev is
// (3, 4)". Each is tried alone.
//
// The hidden checks: h, c and every cache entry against the checks' own equations (1e-12
// relative) for N, D, H from 1 to 6, values PyTorch's LSTMCell wrote in float64 (converted to
// this layout; 1e-10 relative), inputs of +-50 (everything finite: use a sigmoid that does not
// overflow), 200 steps in a row staying finite.
//
// Matrix is xt::xtensor<double, 2>, Vector xt::xtensor<double, 1> (core.hpp); dot(A, B) is the
// matrix product; xt::concatenate(xt::xtuple(A, B), 1) joins columns; xt::tanh; a Vector added
// to a Matrix is added to each row. activations::sigmoid (chapter 01) is available.
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

LstmStep lstm_cell_forward(const Matrix& x, const Matrix& h_prev, const Matrix& c_prev,
                           const LstmParams& p)
{
    // your code
    throw not_implemented("lstm_cell_forward");
}

}  // namespace scratchnet
