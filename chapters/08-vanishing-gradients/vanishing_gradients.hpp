/// @file vanishing_gradients.hpp
/// @brief Chapter 08 contract: vanishing and exploding gradients, measured — the backward
///        signal of every layer of a deep network, a vanilla (tanh) RNN forward, backward and
///        through time, the norm of \f$ \partial L / \partial h_t \f$ at every step for the RNN
///        and for chapter 07's LSTM, and gradient clipping by global norm.
///
/// Rows are samples (the course's convention): `x_t: (N, D)`, `h_t: (N, H)`. Norms are
/// Frobenius norms, \f$ \lVert A \rVert = \sqrt{\sum_{ij} A_{ij}^2} \f$, of a whole (N, H) matrix:
/// the batch's rows together.
///
/// **Errors.** Every function throws `std::invalid_argument` when shapes do not fit; the message
/// names the function, the argument and its shape, written as shape_str() writes it.
#pragma once

#include <cstddef>
#include <vector>

#include "lstm.hpp"

namespace scratchnet {

// [backward_signal_norms]
/// Through depth: the norm of the backward signal at every layer,
/// \f$ \lVert \delta_l \rVert = \lVert \partial L / \partial Z_l \rVert \f$ for l = 0 … L − 1,
/// where \f$ Z_l \f$ is layer l's pre-activation (ForwardCache::Z) and L is the mean
/// cross-entropy of the network's output read as logits (chapter 02's loss_and_gradients). Entry
/// 0 is the first layer, entry L − 1 the output layer: \f$ \delta_{L-1} = (P - Y)/N \f$ for an
/// identity output (times \f$ g_{L-1}'(Z_{L-1}) \f$ for another activation). Each
/// \f$ \delta_l = (\delta_{l+1} W_{l+1}^\top) \odot g_l'(Z_l) \f$: a product of Jacobians,
/// whose norm is what vanishes or explodes with depth.
///
/// Throws what loss_and_gradients() throws (X's columns against the first layer, labels outside
/// [0, C), a label count other than N).
std::vector<double> backward_signal_norms(const Network& net, const Matrix& X, const Labels& y);
// [backward_signal_norms]

// [rnn_params]
/// A vanilla RNN cell, \f$ h_t = \tanh(x_t W_x + h_{t-1} W_h + b) \f$ (Elman 1990), with
/// `Wx: (D, H)`, `Wh: (H, H)`, `b: (H)`.
struct RnnParams {
    Matrix Wx;  ///< input weights (D, H)
    Matrix Wh;  ///< recurrent weights (H, H)
    Vector b;   ///< bias (H)
};

/// An RNN cell for inputs of size D and a state of size H: Wx, then Wh, each
/// `rng.uniform(rows, cols, -k, k)` with \f$ k = 1/\sqrt{H} \f$ (PyTorch's `nn.RNN` default),
/// then each entry of Wh multiplied by `recurrent_scale` (1 by default; chapter 08's exploding
/// runs use larger ones); b is 0 and draws nothing. Throws `std::invalid_argument` when D or H
/// is 0, or when recurrent_scale is negative or not finite; `rng` is not advanced then.
RnnParams rnn_init(std::size_t D, std::size_t H, Rng& rng, double recurrent_scale = 1.0);
// [rnn_params]

// [rnn_cell_forward]
/// What one RNN step computed, kept for its backward pass.
struct RnnCache {
    Matrix x;       ///< x_t (N, D)
    Matrix h_prev;  ///< h_{t-1} (N, H)
    Matrix h;       ///< h_t = tanh(a_t) (N, H): tanh' = 1 − h_t² needs nothing else
};

/// One step: `x: (N, D)`, `h_prev: (N, H)` → h_t (N, H), and the cache. D and H are read from
/// the parameters (Wx is (D, H)); throws when x or h_prev do not fit them, or when Wh or b
/// disagree with Wx.
RnnCache rnn_cell_forward(const Matrix& x, const Matrix& h_prev, const RnnParams& p);
// [rnn_cell_forward]

// [rnn_cell_backward]
/// The gradients of one RNN step.
struct RnnCellGradients {
    Matrix dx;          ///< ∂L/∂x_t (N, D)
    Matrix dh_prev;     ///< ∂L/∂h_{t-1} (N, H)
    RnnParams dparams;  ///< ∂L/∂Wx, ∂L/∂Wh, ∂L/∂b, each the shape of its parameter
};

/// The backward pass of one step, given `dh = ∂L/∂h_t` (N, H), the whole gradient reaching h_t.
/// With \f$ da = dh \odot (1 - h_t^2) \f$: \f$ dx = da\,W_x^\top \f$,
/// \f$ dh_{t-1} = da\,W_h^\top \f$, \f$ dW_x = x_t^\top da \f$, \f$ dW_h = h_{t-1}^\top da \f$,
/// and db sums da over the N rows.
RnnCellGradients rnn_cell_backward(const Matrix& dh, const RnnCache& cache, const RnnParams& p);
// [rnn_cell_backward]

// [rnn_forward]
/// A sequence's forward pass: each step's cache, t = 0 … T − 1; `caches[t].h` is h_{t+1}.
struct RnnSequence {
    std::vector<RnnCache> caches;  ///< one per step
};

/// Runs the cell over `xs` (T inputs, each (N, D)) from `h0: (N, H)`. Throws for an empty
/// sequence, and as rnn_cell_forward().
RnnSequence rnn_forward(const std::vector<Matrix>& xs, const Matrix& h0, const RnnParams& p);
// [rnn_forward]

// [rnn_backward]
/// The gradients of a sequence, through time.
struct RnnSequenceGradients {
    std::vector<Matrix> dx;  ///< ∂L/∂x_t for every step (N, D)
    Matrix dh0;              ///< ∂L/∂h_0 (N, H)
    RnnParams dparams;       ///< summed over every step
};

/// Backpropagation through time: `dh[t]` is the gradient of the loss with respect to h_{t+1}
/// from *outside* the recurrence (zeros where the loss does not read that step), T of them, each
/// (N, H). Walks t = T − 1 down to 0, adding to dh[t] the gradient carried back from step t + 1.
/// Throws when dh does not hold one (N, H) matrix per step of `seq`.
RnnSequenceGradients rnn_backward(const std::vector<Matrix>& dh, const RnnSequence& seq,
                                  const RnnParams& p);
// [rnn_backward]

// [hidden_gradient_norms]
/// Through time: \f$ \lVert \partial L / \partial h_t \rVert \f$ for t = 1 … T (entry t − 1),
/// when the loss reads the last state only, \f$ \partial L / \partial h_T \f$ = `dh_last`
/// (N, H). Entry T − 1 is therefore ‖dh_last‖, and entry t − 1 is the whole gradient reaching
/// h_t: what step t + 1 carried back. The RNN runs rnn_forward() from h0 on xs.
/// Throws for an empty sequence and for shapes that do not fit.
std::vector<double> rnn_hidden_gradient_norms(const std::vector<Matrix>& xs, const Matrix& h0,
                                              const RnnParams& p, const Matrix& dh_last);

/// The same for chapter 07's LSTM from (h0, c0): entry t − 1 is
/// \f$ \lVert \partial L / \partial h_t \rVert \f$, the gradient reaching h_t (not c_t) when the
/// loss reads h_T only — no gradient reaches c_T from outside.
std::vector<double> lstm_hidden_gradient_norms(const std::vector<Matrix>& xs, const Matrix& h0,
                                               const Matrix& c0, const LstmParams& p,
                                               const Matrix& dh_last);
// [hidden_gradient_norms]

// [clip_by_global_norm]
/// Gradient clipping by global norm (Pascanu, Mikolov & Bengio 2013; PyTorch's
/// `clip_grad_norm_`): the norm of *all* the gradients together,
/// \f$ \lVert g \rVert = \sqrt{\sum_l \lVert dW_l \rVert^2 + \lVert db_l \rVert^2} \f$; when it is
/// greater than `max_norm`, every dW and db is multiplied by `max_norm / ‖g‖`, so the direction
/// is kept and the new norm is max_norm. Returns ‖g‖ as it was *before* clipping.
///
/// - ‖g‖ ≤ max_norm (equal included), or no gradients at all: nothing changes.
/// - All-zero gradients: returns 0, nothing changes, no NaN.
/// - ‖g‖ is computed without overflow or underflow: entries near 1e200 or 1e-200 give their true
///   norm (divide by the largest |entry| before squaring, as BLAS's dnrm2 does).
/// - Any `Gradients` works, not only a network's: chapter 08 packs an RNN's (Wx, Wh, b) into one.
/// - Throws `std::invalid_argument` when max_norm is not positive or not finite (the message
///   gives it), and when ‖g‖ is not finite — a NaN or an infinity in a gradient (the message
///   says so). Nothing is changed then. (PyTorch adds 1e-6 to ‖g‖ in the scale and, by default, scales by NaN.)
double clip_by_global_norm(Gradients& grads, double max_norm);
// [clip_by_global_norm]

}  // namespace scratchnet
