// Chapter 08 reference solution. Open by design: read it after your own attempt passes.
#include "vanishing_gradients.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xsort.hpp>

namespace scratchnet {

namespace {

void expect_shape(const char* function, const char* name, const Matrix& m, std::size_t rows,
                  std::size_t cols)
{
    if (m.shape(0) != rows || m.shape(1) != cols)
        throw std::invalid_argument(std::string(function) + ": " + name + " is " + shape_str(m) +
                                    ", expected (" + std::to_string(rows) + ", " +
                                    std::to_string(cols) + ")");
}

struct Sizes {
    std::size_t D, H;
};

// D and H from Wx: (D, H); Wh must be (H, H) and b (H).
Sizes sizes_of(const char* function, const RnnParams& p)
{
    const Sizes s{p.Wx.shape(0), p.Wx.shape(1)};
    if (s.D == 0 || s.H == 0)
        throw std::invalid_argument(std::string(function) + ": Wx is " + shape_str(p.Wx) +
                                    "; it must be (D, H) with D >= 1 and H >= 1");
    expect_shape(function, "Wh", p.Wh, s.H, s.H);
    if (p.b.size() != s.H)
        throw std::invalid_argument(std::string(function) + ": b is " + shape_str(p.b) +
                                    ", expected (" + std::to_string(s.H) + ")");
    return s;
}

double frobenius(const Matrix& a) { return std::sqrt(xt::sum(a * a)()); }

}  // namespace

// [backward_signal_norms]
std::vector<double> backward_signal_norms(const Network& net, const Matrix& X, const Labels& y)
{
    const ForwardCache cache = forward(net, X);
    const std::size_t L = net.layers.size();
    std::vector<double> norms(L);
    Matrix dA = cross_entropy_gradient(cache.output(), y);  // ∂L/∂A_L = ∂L/∂(logits)
    for (std::size_t l = L; l-- > 0;) {
        const Matrix dZ = activation_backward(dA, cache.Z[l], net.layers[l].activation);  // δ_l
        norms[l] = frobenius(dZ);
        if (l > 0)
            dA = dot(dZ, transposed(net.layers[l].W));  // δ_l W_lᵀ: into the layer below
    }
    return norms;
}
// [backward_signal_norms]

// [rnn_init]
RnnParams rnn_init(std::size_t D, std::size_t H, Rng& rng, double recurrent_scale)
{
    if (D == 0 || H == 0)
        throw std::invalid_argument("rnn_init: D and H must be at least 1 (got D = " +
                                    std::to_string(D) + ", H = " + std::to_string(H) + ")");
    if (!std::isfinite(recurrent_scale) || recurrent_scale < 0)
        throw std::invalid_argument("rnn_init: recurrent_scale must be finite and >= 0 (got " +
                                    std::to_string(recurrent_scale) + ")");
    const double k = 1.0 / std::sqrt(static_cast<double>(H));
    RnnParams p;
    p.Wx = rng.uniform(D, H, -k, k);
    p.Wh = recurrent_scale * rng.uniform(H, H, -k, k);
    p.b = xt::zeros<double>({H});
    return p;
}
// [rnn_init]

// [rnn_cell_forward]
RnnCache rnn_cell_forward(const Matrix& x, const Matrix& h_prev, const RnnParams& p)
{
    const Sizes s = sizes_of("rnn_cell_forward", p);
    const std::size_t N = x.shape(0);
    expect_shape("rnn_cell_forward", "x", x, N, s.D);
    expect_shape("rnn_cell_forward", "h_prev", h_prev, N, s.H);

    RnnCache k{x, h_prev, {}};
    k.h = xt::tanh(dot(x, p.Wx) + dot(h_prev, p.Wh) + p.b);  // h_t = tanh(x Wx + h_{t-1} Wh + b)
    return k;
}
// [rnn_cell_forward]

// [rnn_cell_backward]
RnnCellGradients rnn_cell_backward(const Matrix& dh, const RnnCache& k, const RnnParams& p)
{
    const Sizes s = sizes_of("rnn_cell_backward", p);
    const std::size_t N = k.x.shape(0);
    expect_shape("rnn_cell_backward", "dh", dh, N, s.H);

    // h_t = tanh(a), a = x Wx + h_{t-1} Wh + b
    const Matrix da = dh * (1.0 - k.h * k.h);
    RnnCellGradients g;
    g.dx = dot(da, transposed(p.Wx));
    g.dh_prev = dot(da, transposed(p.Wh));
    g.dparams.Wx = dot(transposed(k.x), da);
    g.dparams.Wh = dot(transposed(k.h_prev), da);
    g.dparams.b = xt::sum(da, {0}, xt::evaluation_strategy::immediate);
    return g;
}
// [rnn_cell_backward]

// [rnn_forward]
RnnSequence rnn_forward(const std::vector<Matrix>& xs, const Matrix& h0, const RnnParams& p)
{
    if (xs.empty())
        throw std::invalid_argument("rnn_forward: the sequence is empty (T = 0)");
    RnnSequence seq;
    const Matrix* h = &h0;
    for (const Matrix& x : xs) {
        seq.caches.push_back(rnn_cell_forward(x, *h, p));
        h = &seq.caches.back().h;
    }
    return seq;
}
// [rnn_forward]

// [rnn_backward]
RnnSequenceGradients rnn_backward(const std::vector<Matrix>& dh, const RnnSequence& seq,
                                  const RnnParams& p)
{
    const std::size_t T = seq.caches.size();
    if (dh.size() != T)
        throw std::invalid_argument("rnn_backward: dh holds " + std::to_string(dh.size()) +
                                    " matrices but the sequence has " + std::to_string(T) +
                                    " steps");
    if (T == 0)
        throw std::invalid_argument("rnn_backward: the sequence is empty (T = 0)");
    const Sizes s = sizes_of("rnn_backward", p);
    const std::size_t N = seq.caches.front().x.shape(0);

    RnnSequenceGradients g;
    g.dx.resize(T);
    g.dparams = RnnParams{xt::zeros_like(p.Wx), xt::zeros_like(p.Wh), xt::zeros_like(p.b)};
    Matrix dh_next = xt::zeros<double>({N, s.H});  // carried back from step t + 1
    for (std::size_t t = T; t-- > 0;) {
        expect_shape("rnn_backward", "dh[t]", dh[t], N, s.H);
        RnnCellGradients step = rnn_cell_backward(dh[t] + dh_next, seq.caches[t], p);
        g.dx[t] = std::move(step.dx);
        g.dparams.Wx += step.dparams.Wx;  // the same parameters at every step: sum
        g.dparams.Wh += step.dparams.Wh;
        g.dparams.b += step.dparams.b;
        dh_next = std::move(step.dh_prev);
    }
    g.dh0 = std::move(dh_next);
    return g;
}
// [rnn_backward]

// [hidden_gradient_norms]
std::vector<double> rnn_hidden_gradient_norms(const std::vector<Matrix>& xs, const Matrix& h0,
                                              const RnnParams& p, const Matrix& dh_last)
{
    const RnnSequence seq = rnn_forward(xs, h0, p);
    const std::size_t T = xs.size();
    expect_shape("rnn_hidden_gradient_norms", "dh_last", dh_last, h0.shape(0), p.Wx.shape(1));
    std::vector<double> norms(T);
    Matrix dh = dh_last;  // ∂L/∂h_T
    for (std::size_t t = T; t-- > 0;) {
        norms[t] = frobenius(dh);  // ‖∂L/∂h_{t+1}‖
        if (t > 0)
            dh = rnn_cell_backward(dh, seq.caches[t], p).dh_prev;
    }
    return norms;
}

std::vector<double> lstm_hidden_gradient_norms(const std::vector<Matrix>& xs, const Matrix& h0,
                                               const Matrix& c0, const LstmParams& p,
                                               const Matrix& dh_last)
{
    const LstmSequence seq = lstm_forward(xs, h0, c0, p);
    const std::size_t T = xs.size();
    expect_shape("lstm_hidden_gradient_norms", "dh_last", dh_last, h0.shape(0), p.Wf.shape(1));
    std::vector<double> norms(T);
    Matrix dh = dh_last;                  // ∂L/∂h_T
    Matrix dc = xt::zeros_like(dh_last);  // nothing reaches c_T from outside
    for (std::size_t t = T; t-- > 0;) {
        norms[t] = frobenius(dh);
        if (t > 0) {
            LstmCellGradients g = lstm_cell_backward(dh, dc, seq.caches[t], p);
            dh = std::move(g.dh_prev);
            dc = std::move(g.dc_prev);  // the cell state carries its own gradient back
        }
    }
    return norms;
}
// [hidden_gradient_norms]

// [clip_by_global_norm]
double clip_by_global_norm(Gradients& grads, double max_norm)
{
    if (!std::isfinite(max_norm) || max_norm <= 0)
        throw std::invalid_argument(
            "clip_by_global_norm: max_norm must be positive and finite (got " +
            std::to_string(max_norm) + ")");
    for (const Matrix& dW : grads.dW)
        if (!xt::all(xt::isfinite(dW)))
            throw std::invalid_argument("clip_by_global_norm: the gradients' norm is not finite "
                                        "(a NaN or an infinity in a dW)");
    for (const Vector& db : grads.db)
        if (!xt::all(xt::isfinite(db)))
            throw std::invalid_argument("clip_by_global_norm: the gradients' norm is not finite "
                                        "(a NaN or an infinity in a db)");
    // ‖g‖ = m·sqrt(Σ (g/m)²) with m the largest |entry|: no square overflows or underflows.
    double m = 0;
    for (const Matrix& dW : grads.dW)
        m = std::max(m, dW.size() ? xt::amax(xt::abs(dW))() : 0.0);
    for (const Vector& db : grads.db)
        m = std::max(m, db.size() ? xt::amax(xt::abs(db))() : 0.0);
    if (m == 0)
        return 0.0;  // all zeros: nothing to clip
    double sum = 0;
    for (const Matrix& dW : grads.dW)
        sum += xt::sum(xt::square(dW / m))();
    for (const Vector& db : grads.db)
        sum += xt::sum(xt::square(db / m))();
    const double norm = m * std::sqrt(sum);
    if (norm > max_norm) {
        const double scale = max_norm / norm;  // the same for every tensor: the direction is kept
        for (Matrix& dW : grads.dW)
            dW *= scale;
        for (Vector& db : grads.db)
            db *= scale;
    }
    return norm;
}
// [clip_by_global_norm]

}  // namespace scratchnet
