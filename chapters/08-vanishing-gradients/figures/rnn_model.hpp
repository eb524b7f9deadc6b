// A vanilla RNN with a linear head on its last hidden state, ŷ = h_T w + b, for sequence
// regression (the adding problem), built on chapter 08's reference rnn_* functions: the twin of
// chapter 07's LSTM model (chapters/07-lstm-cell/adding_model.hpp), so that the same Adam can
// train both. Included by this chapter's exploding.cpp and by chapter 07's adding_problem.cpp.
#pragma once

#include <cmath>
#include <cstddef>
#include <utility>
#include <vector>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>

#include "../vanishing_gradients.hpp"
#include "adding_model.hpp"

namespace scratchnet::adding {

/// The RNN and its linear head ŷ = h_T w + b.
struct RnnModel {
    RnnParams rnn;
    Matrix w;  ///< (H, 1)
    Vector b;  ///< (1)
};

/// rnn_init(D, H, rng, recurrent_scale), then w uniform in ±1/√H (drawn after the RNN) and b = 1
/// (the adding problem's mean target), as chapter 07's init() does for the LSTM.
inline RnnModel init_rnn(std::size_t D, std::size_t H, Rng& rng, double recurrent_scale = 1.0)
{
    RnnModel m;
    m.rnn = rnn_init(D, H, rng, recurrent_scale);
    const double k = 1.0 / std::sqrt(static_cast<double>(H));
    m.w = rng.uniform(H, 1, -k, k);
    m.b = Vector{1.0};
    return m;
}

/// Calls f on every parameter tensor (found by Adam::step through argument-dependent lookup).
template <class F>
void for_each_tensor(RnnModel& m, F f)
{
    f(m.rnn.Wx), f(m.rnn.Wh), f(m.rnn.b), f(m.w), f(m.b);
}

/// Forward from h_0 = 0 through the sequence and the head: ŷ (N, 1).
inline Matrix predict(const RnnModel& m, const std::vector<Matrix>& xs, RnnSequence* kept = nullptr)
{
    const Matrix zeros = xt::zeros<double>({xs.front().shape(0), m.w.shape(0)});
    RnnSequence seq = rnn_forward(xs, zeros, m.rnn);
    Matrix y_hat = dot(seq.caches.back().h, m.w) + m.b;
    if (kept)
        *kept = std::move(seq);
    return y_hat;
}

/// The MSE of a batch before any update, and its gradients in `grad` (BPTT, the loss reading
/// only the last step).
inline double gradients(const RnnModel& m, const data::SequenceSet& batch, RnnModel& grad)
{
    RnnSequence seq;
    const Matrix y_hat = predict(m, batch.xs, &seq);
    const std::size_t N = y_hat.shape(0), H = m.w.shape(0);
    const double loss = mse(y_hat, batch.y);
    const Matrix dy = 2.0 * (y_hat - batch.y) / static_cast<double>(N);  // ∂L/∂ŷ (N, 1)
    grad.w = dot(transposed(seq.caches.back().h), dy);                   // (H, 1)
    grad.b = xt::sum(dy, {0});
    std::vector<Matrix> dh(batch.xs.size(), Matrix(xt::zeros<double>({N, H})));
    dh.back() = dot(dy, transposed(m.w));
    grad.rnn = rnn_backward(dh, seq, m.rnn).dparams;
    return loss;
}

/// The RNN's gradients as one Gradients, for clip_by_global_norm():
/// dW = [dWx, dWh, dw], db = [db, db_head].
inline Gradients pack(RnnModel&& g)
{
    Gradients out;
    out.dW = {std::move(g.rnn.Wx), std::move(g.rnn.Wh), std::move(g.w)};
    out.db = {std::move(g.rnn.b), std::move(g.b)};
    return out;
}

/// Plain SGD along packed gradients: θ ← θ − lr g.
inline void sgd(RnnModel& m, const Gradients& g, double lr)
{
    m.rnn.Wx -= lr * g.dW[0];
    m.rnn.Wh -= lr * g.dW[1];
    m.w -= lr * g.dW[2];
    m.rnn.b -= lr * g.db[0];
    m.b -= lr * g.db[1];
}

}  // namespace scratchnet::adding
