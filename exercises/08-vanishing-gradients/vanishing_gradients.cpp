// Chapter 08 — vanishing and exploding gradients. Your file: replace each
// `throw not_implemented(...)` with your code, then run `./grade 08`. The contract (what each
// function takes and returns) is in chapters/08-vanishing-gradients/vanishing_gradients.hpp; the
// text is chapters/08-vanishing-gradients/README.md. `./grade hint 08` gives hints one at a time.
// The earlier chapters' functions (forward, cross_entropy_gradient, activation_backward, dot,
// transposed, lstm_forward, lstm_cell_backward, …) are available.
#include "vanishing_gradients.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xsort.hpp>

namespace scratchnet {

std::vector<double> backward_signal_norms(const Network& net, const Matrix& X, const Labels& y)
{
    // TODO: one forward pass, then walk the layers backwards as chapter 02 does, keeping
    // ‖∂L/∂Z_l‖ for every layer. Which layer's δ is the first one you know?
    throw not_implemented("backward_signal_norms");
}

RnnParams rnn_init(std::size_t D, std::size_t H, Rng& rng, double recurrent_scale)
{
    // TODO: Wx then Wh, uniform in [-1/√H, 1/√H); Wh scaled by recurrent_scale; b zero.
    // Which errors must be raised before anything is drawn?
    throw not_implemented("rnn_init");
}

RnnCache rnn_cell_forward(const Matrix& x, const Matrix& h_prev, const RnnParams& p)
{
    // TODO: h = tanh(x Wx + h_prev Wh + b), and a cache for the backward pass.
    throw not_implemented("rnn_cell_forward");
}

RnnCellGradients rnn_cell_backward(const Matrix& dh, const RnnCache& cache, const RnnParams& p)
{
    // TODO: through the tanh first (you cached its output), then the two products and the bias.
    throw not_implemented("rnn_cell_backward");
}

RnnSequence rnn_forward(const std::vector<Matrix>& xs, const Matrix& h0, const RnnParams& p)
{
    // TODO: step t reads xs[t] and the h that step t − 1 produced (h0 first).
    throw not_implemented("rnn_forward");
}

RnnSequenceGradients rnn_backward(const std::vector<Matrix>& dh, const RnnSequence& seq,
                                  const RnnParams& p)
{
    // TODO: walk t = T − 1 down to 0; what does step t receive besides dh[t]? What happens to
    // each step's dWx, dWh and db?
    throw not_implemented("rnn_backward");
}

std::vector<double> rnn_hidden_gradient_norms(const std::vector<Matrix>& xs, const Matrix& h0,
                                              const RnnParams& p, const Matrix& dh_last)
{
    // TODO: run the sequence, start from ∂L/∂h_T = dh_last, and record a norm per step while
    // carrying the gradient back.
    throw not_implemented("rnn_hidden_gradient_norms");
}

std::vector<double> lstm_hidden_gradient_norms(const std::vector<Matrix>& xs, const Matrix& h0,
                                               const Matrix& c0, const LstmParams& p,
                                               const Matrix& dh_last)
{
    // TODO: the same with chapter 07's lstm_forward and lstm_cell_backward. The LSTM has two
    // states: which gradient do you carry besides dh?
    throw not_implemented("lstm_hidden_gradient_norms");
}

double clip_by_global_norm(Gradients& grads, double max_norm)
{
    // TODO: one norm over every dW and db together; scale all of them by the same factor, and
    // only when the norm is above max_norm. Return the norm from before.
    throw not_implemented("clip_by_global_norm");
}

}  // namespace scratchnet
