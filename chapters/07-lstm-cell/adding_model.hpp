/// @file adding_model.hpp
/// @brief Course code (not an exercise) shared by the adding-problem milestone
///        (milestones/adding_problem.cpp) and its figure (figures/adding_problem.cpp): an LSTM
///        with a linear head on its last hidden state, ŷ = h_T w + b, its MSE gradients, and Adam
///        with global-norm clipping (chapter 09 teaches Adam, chapter 08 clipping).
#pragma once

#include <cmath>
#include <cstddef>
#include <vector>

#include <xtensor/xarray.hpp>
#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>

#include "lstm.hpp"

namespace scratchnet::adding {

/// The whole model: the LSTM and its linear head ŷ = h_T w + b.
struct Model {
    LstmParams lstm;
    Matrix w;  ///< (H, 1)
    Vector b;  ///< (1)
};

/// An LSTM for inputs of size D and state H (lstm_init), and a head with w uniform in ±1/√H
/// (drawn after the LSTM) and b = 1: the mean of the adding problem's targets, so training starts
/// at the baseline.
inline Model init(std::size_t D, std::size_t H, Rng& rng)
{
    Model m;
    m.lstm = lstm_init(D, H, rng);
    const double k = 1.0 / std::sqrt(static_cast<double>(H));
    m.w = rng.uniform(H, 1, -k, k);
    m.b = Vector{1.0};
    return m;
}

/// Calls f on every parameter tensor of a model (or of its gradients), in one order.
template <class F>
void for_each_tensor(Model& m, F f)
{
    LstmParams& p = m.lstm;
    f(p.Wf), f(p.bf), f(p.Wi), f(p.bi), f(p.Wo), f(p.bo), f(p.Wc), f(p.bc), f(m.w), f(m.b);
}

/// Forward through the sequence (from zero states) and the head: ŷ (N, 1); the sequence is kept
/// in `kept` for the backward pass when given.
inline Matrix predict(const Model& m, const std::vector<Matrix>& xs, LstmSequence* kept = nullptr)
{
    const Matrix zeros = xt::zeros<double>({xs.front().shape(0), m.w.shape(0)});
    LstmSequence seq = lstm_forward(xs, zeros, zeros, m.lstm);
    Matrix y_hat = dot(seq.h.back(), m.w) + m.b;
    if (kept)
        *kept = std::move(seq);
    return y_hat;
}

/// Mean squared error.
inline double mse(const Matrix& y_hat, const Matrix& y)
{
    return xt::mean(xt::square(y_hat - y))();
}

/// The MSE of a batch before any update, and its gradients with respect to every parameter in
/// `grad` (BPTT with the loss reading only the last step).
inline double gradients(const Model& m, const data::SequenceSet& batch, Model& grad)
{
    LstmSequence seq;
    const Matrix y_hat = predict(m, batch.xs, &seq);
    const std::size_t N = y_hat.shape(0), H = m.w.shape(0);
    const double loss = mse(y_hat, batch.y);
    const Matrix dy = 2.0 * (y_hat - batch.y) / static_cast<double>(N);  // ∂L/∂ŷ (N, 1)
    grad.w = dot(transposed(seq.h.back()), dy);                          // (H, 1)
    grad.b = xt::sum(dy, {0});
    std::vector<Matrix> dh(batch.xs.size(), Matrix(xt::zeros<double>({N, H})));
    dh.back() = dot(dy, transposed(m.w));  // only the last step feeds the loss
    grad.lstm = lstm_backward(dh, seq, m.lstm).dparams;
    return loss;
}

/// Adam (Kingma & Ba 2015), after clipping the gradient's global norm at `clip`:
/// m ← β1 m + (1 − β1) g, v ← β2 v + (1 − β2) g², θ ← θ − lr m̂ / (√v̂ + ε).
struct Adam {
    double lr;    ///< the learning rate
    double clip;  ///< the largest global norm of a gradient
    double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
    std::size_t t = 0;                  ///< steps taken
    std::vector<xt::xarray<double>> m;  ///< first moments, one per tensor
    std::vector<xt::xarray<double>> v;  ///< second moments

    /// One step of `params` along `grad` (which is left as it is). Any model type with a
    /// for_each_tensor() works (chapter 08's figures train an RNN with this Adam).
    template <class M>
    void step(M& params, M& grad)
    {
        double norm2 = 0.0;
        for_each_tensor(grad, [&](auto& g) { norm2 += xt::sum(xt::square(g))(); });
        const double scale = std::sqrt(norm2) > clip ? clip / std::sqrt(norm2) : 1.0;
        std::vector<xt::xarray<double>> g;
        for_each_tensor(grad, [&](auto& x) { g.emplace_back(x * scale); });
        if (m.empty())
            for (const auto& x : g)
                m.emplace_back(xt::zeros_like(x)), v.emplace_back(xt::zeros_like(x));
        ++t;
        const double c1 = 1.0 - std::pow(beta1, t), c2 = 1.0 - std::pow(beta2, t);
        std::size_t k = 0;
        for_each_tensor(params, [&](auto& theta) {
            m[k] = beta1 * m[k] + (1.0 - beta1) * g[k];
            v[k] = beta2 * v[k] + (1.0 - beta2) * g[k] * g[k];
            theta -= lr * (m[k] / c1) / (xt::sqrt(v[k] / c2) + eps);
            ++k;
        });
    }
};

}  // namespace scratchnet::adding
