/// @file lstm.hpp
/// @brief Chapter 07 contract: the LSTM cell with the seed interview's layout — forward,
///        backward — and a sequence through time (forward, and backpropagation through time).
///
/// **Layout.** The input to every gate is the concatenation \f$ z_t = [h_{t-1}, x_t] \f$ — h
/// first, then x — of shape (N, H + D). Each of the four gates has its own weights (H + D, H)
/// and bias (H), in the seed's order Wf, bf, Wi, bi, Wo, bo, Wc, bc:
/// \f[ f_t = \sigma(z_t W_f + b_f),\quad i_t = \sigma(z_t W_i + b_i),\quad
///     o_t = \sigma(z_t W_o + b_o),\quad \tilde c_t = \tanh(z_t W_c + b_c), \f]
/// \f[ c_t = f_t \odot c_{t-1} + i_t \odot \tilde c_t,\qquad h_t = o_t \odot \tanh(c_t). \f]
/// Rows are samples (the course's convention): `x_t: (N, D)`, `h, c: (N, H)`. PyTorch's
/// `nn.LSTMCell` computes the same function with another layout (gates stacked as i, f, g, o;
/// separate input and hidden weights, transposed; two biases): the chapter text gives the map.
///
/// **Errors.** Every function throws `std::invalid_argument` when shapes do not fit; the
/// message names the argument and its shape, written as shape_str() writes it.
#pragma once

#include <cstddef>
#include <vector>

#include "mini_batching.hpp"

namespace scratchnet {

// [lstm_params]
/// The parameters of an LSTM cell, in the seed interview's order. Every W is (H + D, H): its
/// first H rows multiply h_{t-1}, its last D rows multiply x_t. Every b is (H).
struct LstmParams {
    Matrix Wf;  ///< forget gate weights (H + D, H)
    Vector bf;  ///< forget gate bias (H)
    Matrix Wi;  ///< input gate weights (H + D, H)
    Vector bi;  ///< input gate bias (H)
    Matrix Wo;  ///< output gate weights (H + D, H)
    Vector bo;  ///< output gate bias (H)
    Matrix Wc;  ///< candidate weights (H + D, H)
    Vector bc;  ///< candidate bias (H)
};

/// An LSTM cell for inputs of size D and a state of size H: every weight uniform in
/// \f$ [-1/\sqrt{H}, 1/\sqrt{H}) \f$ (PyTorch's default for its LSTM), drawn Wf, Wi, Wo, Wc in
/// that order, each row-major (`rng.uniform(rows, cols, -k, k)`); biases 0 except the forget
/// gate's, `forget_bias` everywhere (1 by default: Jozefowicz, Zaremba & Sutskever 2015 — the
/// cell starts out remembering). Throws `std::invalid_argument` when D or H is 0.
LstmParams lstm_init(std::size_t D, std::size_t H, Rng& rng, double forget_bias = 1.0);
// [lstm_params]

// [lstm_cell_forward]
/// What one step computed, kept for its backward pass.
struct LstmCache {
    Matrix z;        ///< [h_{t-1}, x_t] (N, H + D)
    Matrix f;        ///< the forget gate (N, H), after its sigmoid
    Matrix i;        ///< the input gate (N, H), after its sigmoid
    Matrix o;        ///< the output gate (N, H), after its sigmoid
    Matrix c_tilde;  ///< the candidate (N, H), after its tanh
    Matrix c_prev;   ///< c_{t-1} (N, H)
    Matrix tanh_c;   ///< tanh(c_t) (N, H)
};

/// One step's results: the new hidden and cell states and the cache.
struct LstmStep {
    Matrix h;         ///< h_t (N, H)
    Matrix c;         ///< c_t (N, H)
    LstmCache cache;  ///< what lstm_cell_backward() needs
};

/// One step of the cell: `x: (N, D)`, `h_prev, c_prev: (N, H)` → h_t, c_t (N, H) and the
/// cache. D and H are read from the parameters (Wf is (H + D, H)); throws when x, h_prev or
/// c_prev do not fit them, or when the parameters disagree among themselves.
LstmStep lstm_cell_forward(const Matrix& x, const Matrix& h_prev, const Matrix& c_prev,
                           const LstmParams& p);
// [lstm_cell_forward]

// [lstm_cell_backward]
/// The gradients of one step: with respect to its inputs and to every parameter.
struct LstmCellGradients {
    Matrix dx;           ///< ∂L/∂x_t (N, D)
    Matrix dh_prev;      ///< ∂L/∂h_{t-1} (N, H)
    Matrix dc_prev;      ///< ∂L/∂c_{t-1} (N, H)
    LstmParams dparams;  ///< ∂L/∂Wf, ∂L/∂bf, …, ∂L/∂bc, each the shape of its parameter
};

/// The backward pass of one step, given `dh = ∂L/∂h_t` and `dc = ∂L/∂c_t` (both (N, H); dc is
/// the gradient reaching c_t from *outside* h_t, e.g. from the next step; h_t's own path to c_t
/// is this function's to add). Bias gradients sum over the N rows.
LstmCellGradients lstm_cell_backward(const Matrix& dh, const Matrix& dc, const LstmCache& cache,
                                     const LstmParams& p);
// [lstm_cell_backward]

// [lstm_forward]
/// A sequence's forward pass: h[t], c[t] after step t and each step's cache, t = 0 … T − 1.
struct LstmSequence {
    std::vector<Matrix> h;          ///< h_1 … h_T, each (N, H)
    std::vector<Matrix> c;          ///< c_1 … c_T, each (N, H)
    std::vector<LstmCache> caches;  ///< each step's cache, for lstm_backward()
};

/// Runs the cell over `xs` (T inputs, each (N, D)) from `h0, c0: (N, H)`: step t takes xs[t]
/// and the previous step's h and c. Throws for an empty sequence, and as lstm_cell_forward().
LstmSequence lstm_forward(const std::vector<Matrix>& xs, const Matrix& h0, const Matrix& c0,
                          const LstmParams& p);
// [lstm_forward]

// [lstm_backward]
/// The gradients of a sequence, through time.
struct LstmSequenceGradients {
    std::vector<Matrix> dx;  ///< ∂L/∂x_t for every step (N, D)
    Matrix dh0;              ///< ∂L/∂h_0 (N, H)
    Matrix dc0;              ///< ∂L/∂c_0 (N, H)
    LstmParams dparams;      ///< summed over every step
};

/// Backpropagation through time. `dh[t]` is the gradient of the loss with respect to h[t]
/// *from outside the recurrence* (e.g. from an output layer; zeros where the loss does not read
/// that step), T of them, each (N, H). Walks t = T − 1 down to 0, adding to dh[t] the gradient
/// carried back from step t + 1, and carrying dc back too (none reaches c_T from outside).
/// Throws when dh does not hold one (N, H) matrix per step of `seq`.
LstmSequenceGradients lstm_backward(const std::vector<Matrix>& dh, const LstmSequence& seq,
                                    const LstmParams& p);
// [lstm_backward]

}  // namespace scratchnet
