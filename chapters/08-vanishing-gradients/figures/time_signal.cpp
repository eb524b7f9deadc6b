// Data for the figure "time_signal.svg": vanishing (and exploding) gradients through time. One
// batch of N = 16 sequences of T = 100 steps (the adding problem's inputs, D = 2, from Rng(7)),
// a state of H = 32, and a loss that reads the last hidden state only, L = (1/N) * sum of the
// entries of h_T, so dL/dh_T = 1/N everywhere. The reference rnn_hidden_gradient_norms() and
// lstm_hidden_gradient_norms() give ||dL/dh_t|| for t = 1 ... T, at initialization, for:
//   - tanh RNNs from rnn_init() with recurrent_scale 1 (PyTorch's nn.RNN default), 2 and 4;
//   - the LSTM of chapter 07 from lstm_init() (forget bias 1, its default).
// Also the spectral radius and the largest singular value of each RNN's Wh (mean over the inits).
// Each from its own Rng(seed), for 3 seeds; the data is the geometric mean over them. Writes one
// row per step: t, then the norms of the four cells. On stderr: the numbers the chapter quotes.
#include <cmath>
#include <cstdio>
#include <vector>

#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>

#include "figure.hpp"
#include "vanishing_gradients.hpp"

namespace {

using namespace scratchnet;

constexpr std::size_t kN = 16, kT = 100, kH = 32, kSeeds = 3;
constexpr double kScales[3] = {1.0, 2.0, 4.0};

}  // namespace

int main(int argc, char** argv)
{
    scratchnet::figure::Output fig(argc, argv);
    Rng data_rng(7);
    const data::SequenceSet set = data::adding_problem(kN, kT, data_rng);
    const std::size_t D = set.xs[0].shape(1);
    const Matrix zeros = xt::zeros<double>({kN, kH});
    const Matrix dh_last = zeros + 1.0 / kN;

    std::vector<std::vector<double>> cols(4, std::vector<double>(kT, 0.0));  // log norms
    std::vector<double> saturated(3, 0.0);  // fraction of |h| > 0.99 in the RNNs
    std::vector<double> radius(3, 0.0);     // largest |eigenvalue| of Wh (mean over the inits)
    std::vector<double> sigma_max(3, 0.0);  // largest singular value of Wh (mean over the inits)
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        for (std::size_t s = 0; s < 3; ++s) {
            Rng rng(seed);
            const RnnParams p = rnn_init(D, kH, rng, kScales[s]);
            const auto n = rnn_hidden_gradient_norms(set.xs, zeros, p, dh_last);
            for (std::size_t t = 0; t < kT; ++t)
                cols[s][t] += std::log(n[t]) / kSeeds;
            radius[s] += xt::amax(xt::abs(xt::linalg::eigvals(p.Wh)))() / kSeeds;
            sigma_max[s] += xt::amax(std::get<1>(xt::linalg::svd(p.Wh, false)))() / kSeeds;
            const RnnSequence seq = rnn_forward(set.xs, zeros, p);
            double sat = 0.0;
            for (const auto& c : seq.caches)
                sat += xt::mean(xt::cast<double>(xt::abs(c.h) > 0.99))();
            saturated[s] += sat / kT / kSeeds;
        }
        Rng rng(seed);
        const LstmParams p = lstm_init(D, kH, rng);
        const auto n = lstm_hidden_gradient_norms(set.xs, zeros, zeros, p, dh_last);
        for (std::size_t t = 0; t < kT; ++t)
            cols[3][t] += std::log(n[t]) / kSeeds;
    }
    for (auto& col : cols)
        for (double& v : col)
            v = std::exp(v);

    std::FILE* out = fig.file();
    std::fprintf(out,
                 "# t, then ||dL/dh_t|| for the tanh RNN with recurrent_scale 1, 2, 4 and the "
                 "LSTM (forget bias 1); geometric means over %zu inits\n",
                 kSeeds);
    for (std::size_t t = 0; t < kT; ++t) {
        std::fprintf(out, "%zu", t + 1);
        for (const auto& col : cols)
            std::fprintf(out, " %.6e", col[t]);
        std::fprintf(out, "\n");
    }

    std::fprintf(stderr,
                 "N = %zu sequences of T = %zu steps (adding-problem inputs, D = %zu, Rng(7)), H = "
                 "%zu, L = mean over the batch of sum(h_T); geometric means over %zu inits\n",
                 kN, kT, D, kH, kSeeds);
    const char* names[4] = {"RNN, recurrent_scale 1", "RNN, recurrent_scale 2",
                            "RNN, recurrent_scale 4", "LSTM, forget bias 1"};
    for (std::size_t c = 0; c < 4; ++c) {
        std::fprintf(stderr,
                     "  %-24s ||dL/dh_t|| t = 100: %.3e  t = 90: %.3e  t = 50: %.3e  t = 1: "
                     "%.3e  ratio t=1 / t=100: %.3e  factor per step back (t 90 -> 40): x%.4f",
                     names[c], cols[c][kT - 1], cols[c][89], cols[c][49], cols[c][0],
                     cols[c][0] / cols[c][kT - 1], std::pow(cols[c][39] / cols[c][89], 1.0 / 50.0));
        if (c < 3)
            std::fprintf(stderr,
                         "  |h| > 0.99: %.1f %%  spectral radius of Wh: %.3f  largest singular "
                         "value: %.3f",
                         100.0 * saturated[c], radius[c], sigma_max[c]);
        std::fprintf(stderr, "\n");
    }
    std::fprintf(stderr, "  time %.2f s\n", fig.seconds());
    return fig.close();
}
