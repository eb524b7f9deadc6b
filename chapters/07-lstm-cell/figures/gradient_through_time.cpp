// Data for the figure "gradient_through_time.svg": how far back a loss at the last step reaches,
// in an LSTM and in a plain tanh RNN, at initialization. One batch of N = 16 sequences of
// T = 100 steps (the adding problem's inputs, D = 2, from Rng(7)); the loss reads only the last
// hidden state, L = (1/N) * sum of the entries of h_T, so dL/dh_T = 1/N everywhere and no step
// before T receives a gradient from outside. Four cells with H = 32, each from its own Rng(1):
//   - LSTM, forget bias 0, 1 (the course's default) and 3: lstm_init(), lstm_forward(), then a
//     backward loop over lstm_cell_backward() identical to lstm_backward()'s, which also records
//     the full dL/dc_t and dL/dh_t of every step (lstm_backward() returns only dx, dh0, dc0, so
//     the figure checks its own loop against them);
//   - a tanh RNN h_t = tanh(h_{t-1} W_hh + x_t W_xh + b), weights uniform in [-1/sqrt(H),
//     1/sqrt(H)) like the LSTM's, written here (chapter 08 builds it properly).
// Everything is repeated for 3 initializations (Rng(1) ... Rng(3)); the data is the geometric
// mean of the norms over them. Writes one row per step t = 1 ... T: t, then for LSTM bias 0, 1,
// 3 the norms of dL/dc_t, dL/dh_t and dL/dx_t, then the RNN's dL/dh_t and dL/dx_t. On stderr:
// the numbers the chapter quotes. About 1 s of CPU in the course build.
#include <cmath>
#include <cstdio>
#include <ctime>
#include <utility>
#include <vector>

#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

#include "figure.hpp"
#include "lstm.hpp"

namespace {

using namespace scratchnet;

constexpr std::size_t kN = 16, kT = 100, kH = 32, kSeeds = 3;

double norm(const Matrix& m) { return std::sqrt(xt::sum(m * m)()); }

/// Norms of dL/dc_t, dL/dh_t, dL/dx_t for t = 1 ... T (index t − 1), and the mean forget gate.
struct Flow {
    std::vector<double> dc, dh, dx;
    double forget_mean = 0.0, forget_log_mean = 0.0;
    double check = 0.0;  // largest difference from lstm_backward()
};

Flow lstm_flow(const std::vector<Matrix>& xs, double forget_bias, std::uint64_t seed)
{
    Rng rng(seed);
    const LstmParams p = lstm_init(xs[0].shape(1), kH, rng, forget_bias);
    const Matrix zeros = xt::zeros<double>({kN, kH});
    const LstmSequence seq = lstm_forward(xs, zeros, zeros, p);
    std::vector<Matrix> dh(kT, zeros);
    dh[kT - 1] = zeros + 1.0 / kN;  // L = mean over the batch of the sum of h_T

    Flow flow;
    flow.dc.resize(kT);
    flow.dh.resize(kT);
    flow.dx.resize(kT);
    Matrix dh_next = zeros, dc_next = zeros;
    for (std::size_t t = kT; t-- > 0;) {
        const LstmCache& k = seq.caches[t];
        const Matrix dh_t = dh[t] + dh_next;                                     // all of dL/dh_t
        const Matrix dc_t = dc_next + dh_t * k.o * (1.0 - k.tanh_c * k.tanh_c);  // all of dL/dc_t
        const LstmCellGradients g = lstm_cell_backward(dh_t, dc_next, k, p);
        flow.dh[t] = norm(dh_t);
        flow.dc[t] = norm(dc_t);
        flow.dx[t] = norm(g.dx);
        flow.forget_mean += xt::mean(k.f)() / kT;
        flow.forget_log_mean += xt::mean(xt::log(k.f))() / kT;
        dh_next = g.dh_prev;
        dc_next = g.dc_prev;
    }
    const LstmSequenceGradients ref = lstm_backward(dh, seq, p);
    flow.check =
        std::max(xt::amax(xt::abs(ref.dh0 - dh_next))(), xt::amax(xt::abs(ref.dc0 - dc_next))());
    for (std::size_t t = 0; t < kT; ++t)
        flow.check = std::max(flow.check, std::abs(norm(ref.dx[t]) - flow.dx[t]));
    return flow;
}

/// The tanh RNN: norms of dL/dh_t and dL/dx_t (dc left empty).
Flow rnn_flow(const std::vector<Matrix>& xs, std::uint64_t seed)
{
    Rng rng(seed);
    const std::size_t D = xs[0].shape(1);
    const double k = 1.0 / std::sqrt(static_cast<double>(kH));
    const Matrix Whh = rng.uniform(kH, kH, -k, k);
    const Matrix Wxh = rng.uniform(D, kH, -k, k);
    std::vector<Matrix> h{xt::zeros<double>({kN, kH})};  // h[t] is h_t, h[0] = h_0
    for (std::size_t t = 0; t < kT; ++t)
        h.push_back(xt::tanh(dot(h.back(), Whh) + dot(xs[t], Wxh)));  // bias 0 at init
    Flow flow;
    flow.dh.resize(kT);
    flow.dx.resize(kT);
    Matrix dh = xt::zeros<double>({kN, kH}) + 1.0 / kN;  // dL/dh_T
    for (std::size_t t = kT; t-- > 0;) {
        flow.dh[t] = norm(dh);
        const Matrix da = dh * (1.0 - h[t + 1] * h[t + 1]);  // h_t = tanh(a_t)
        flow.dx[t] = norm(dot(da, transposed(Wxh)));
        dh = dot(da, transposed(Whh));
    }
    return flow;
}

}  // namespace

int main(int argc, char** argv)
{
    scratchnet::figure::Output fig(argc, argv);
    Rng data_rng(7);
    const data::SequenceSet set = data::adding_problem(kN, kT, data_rng);
    const double biases[3] = {0.0, 1.0, 3.0};

    // Geometric means over the initializations.
    std::vector<std::vector<double>> cols(11, std::vector<double>(kT, 0.0));
    double forget_mean[3] = {0, 0, 0}, forget_log_mean[3] = {0, 0, 0}, check = 0.0;
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        for (std::size_t b = 0; b < 3; ++b) {
            const Flow f = lstm_flow(set.xs, biases[b], seed);
            for (std::size_t t = 0; t < kT; ++t) {
                cols[3 * b][t] += std::log(f.dc[t]) / kSeeds;
                cols[3 * b + 1][t] += std::log(f.dh[t]) / kSeeds;
                cols[3 * b + 2][t] += std::log(f.dx[t]) / kSeeds;
            }
            forget_mean[b] += f.forget_mean / kSeeds;
            forget_log_mean[b] += f.forget_log_mean / kSeeds;
            check = std::max(check, f.check);
        }
        const Flow r = rnn_flow(set.xs, seed);
        for (std::size_t t = 0; t < kT; ++t) {
            cols[9][t] += std::log(r.dh[t]) / kSeeds;
            cols[10][t] += std::log(r.dx[t]) / kSeeds;
        }
    }
    for (auto& col : cols)
        for (double& v : col)
            v = std::exp(v);

    std::FILE* out = fig.file();
    std::fprintf(out,
                 "# t, then |dL/dc_t| |dL/dh_t| |dL/dx_t| for LSTM forget bias 0, 1, 3, then "
                 "the tanh RNN's |dL/dh_t| |dL/dx_t| (geometric means over %zu inits)\n",
                 kSeeds);
    for (std::size_t t = 0; t < kT; ++t) {
        std::fprintf(out, "%zu", t + 1);
        for (const auto& col : cols)
            std::fprintf(out, " %.6e", col[t]);
        std::fprintf(out, "\n");
    }

    std::fprintf(stderr,
                 "N = %zu sequences of T = %zu steps (adding-problem inputs, D = 2, Rng(7)), H = "
                 "%zu, L = mean over the batch of sum(h_T); geometric means over %zu inits\n",
                 kN, kT, kH, kSeeds);
    std::fprintf(stderr, "  own backward loop vs lstm_backward(): largest difference %.3g\n",
                 check);
    const std::size_t at[4] = {kT, kT - 10, kT / 2, 1};
    for (std::size_t b = 0; b < 3; ++b) {
        std::fprintf(stderr,
                     "  LSTM forget bias %g: mean f %.4f (sigma(%g) = %.4f), geometric mean f "
                     "%.4f; |dL/dc_t| at t =",
                     biases[b], forget_mean[b], biases[b], 1.0 / (1.0 + std::exp(-biases[b])),
                     std::exp(forget_log_mean[b]));
        for (std::size_t t : at)
            std::fprintf(stderr, " %zu: %.3e", t, cols[3 * b][t - 1]);
        std::fprintf(stderr, "; |dL/dx_t| at t =");
        for (std::size_t t : at)
            std::fprintf(stderr, " %zu: %.3e", t, cols[3 * b + 2][t - 1]);
        // Measured decay per step of |dL/dc_t| between t = 90 and t = 40 (away from the end).
        std::fprintf(stderr, "; |dL/dc| per step back (t 90 -> 40): x%.4f; ratio t=1 / t=T: %.3e\n",
                     std::pow(cols[3 * b][39] / cols[3 * b][89], 1.0 / 50.0),
                     cols[3 * b][0] / cols[3 * b][kT - 1]);
    }
    std::fprintf(stderr, "  tanh RNN: |dL/dh_t| at t =");
    for (std::size_t t : at)
        std::fprintf(stderr, " %zu: %.3e", t, cols[9][t - 1]);
    std::fprintf(stderr, "; |dL/dx_t| at t =");
    for (std::size_t t : at)
        std::fprintf(stderr, " %zu: %.3e", t, cols[10][t - 1]);
    std::fprintf(stderr, "; |dL/dh| per step back (t 90 -> 40): x%.4f; ratio t=1 / t=T: %.3e\n",
                 std::pow(cols[9][39] / cols[9][89], 1.0 / 50.0), cols[9][0] / cols[9][kT - 1]);
    for (auto [D, H] : {std::pair<std::size_t, std::size_t>{2, kH}, {3, 5}, {256, 512}})
        std::fprintf(stderr,
                     "  parameters, D = %zu, H = %zu: ours 4(H(H + D) + H) = %zu; PyTorch's "
                     "LSTMCell 4H(D + H) + 8H = %zu\n",
                     D, H, 4 * (H * (H + D) + H), 4 * H * (D + H) + 8 * H);
    std::fprintf(stderr, "  time %.2f s (CPU %.2f s)\n", fig.seconds(),
                 static_cast<double>(std::clock()) / CLOCKS_PER_SEC);
    return fig.close();
}
