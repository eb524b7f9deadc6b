// Data for the figure "depth_signal.svg": vanishing gradients through depth. A network of 20
// layers, 19 hidden layers of 128 units and an output layer 128 -> 10 with the identity (its
// outputs read as logits), on 256 random inputs N(0, 1) of 128 features with random labels
// 0 ... 9; the reference backward_signal_norms() gives ||dL/dZ_l|| for every layer l (the
// mean cross-entropy). Four networks, each from chapter 03's init_network():
//   - sigmoid, tanh: init_network(spec, "default", rng): Glorot uniform (every layer);
//   - ReLU: "default" again: He normal for the ReLU layers, Glorot uniform for the output;
//   - ReLU with Glorot uniform everywhere ("glorot_uniform"), to show what He's factor 2 buys.
// Each run is repeated for 5 seeds (Rng(1) ... Rng(5) draw the data, then the weights); the data
// is the geometric mean over them. Writes one row per layer 1 ... 20: layer, then the norm for
// each of the four networks. On stderr: the numbers the chapter quotes (norms at layers 1, 10,
// 19, 20, the ratio layer 1 / layer 20, the factor per layer, and the mean derivative g'(Z) of
// the hidden layers for each activation: the sigmoid's is at most 1/4).
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <xtensor/xmath.hpp>

#include "figure.hpp"
#include "vanishing_gradients.hpp"

namespace {

using namespace scratchnet;
using namespace scratchnet::activations;

constexpr std::size_t kLayers = 20, kWidth = 128, kClasses = 10, kBatch = 256, kSeeds = 5;

struct Run {
    std::string activation, scheme, label;
};

const std::vector<Run> kRuns = {{"sigmoid", "default", "sigmoid, Glorot uniform"},
                                {"tanh", "default", "tanh, Glorot uniform"},
                                {"relu", "default", "ReLU, He normal"},
                                {"relu", "glorot_uniform", "ReLU, Glorot uniform"}};

double derivative_mean(const Matrix& Z, const std::string& act)
{
    if (act == "sigmoid")
        return xt::mean(sigmoid_derivative(Z))();
    if (act == "tanh")
        return xt::mean(tanh_derivative(Z))();
    return xt::mean(relu_derivative(Z))();
}

}  // namespace

int main(int argc, char** argv)
{
    scratchnet::figure::Output fig(argc, argv);
    std::vector<std::vector<double>> log_norms(kRuns.size(), std::vector<double>(kLayers, 0.0));
    std::vector<double> dmean(kRuns.size(), 0.0), dmax(kRuns.size(), 0.0);
    for (std::size_t r = 0; r < kRuns.size(); ++r) {
        std::vector<LayerSpec> spec(kLayers - 1, LayerSpec{kWidth, kWidth, kRuns[r].activation});
        spec.push_back({kWidth, kClasses, "identity"});
        for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
            Rng rng(seed);
            const Matrix X = rng.normal(kBatch, kWidth, 0.0, 1.0);
            Labels y(kBatch);
            for (auto& label : y)
                label = rng.integer(0, kClasses - 1);
            const Network net = init_network(spec, kRuns[r].scheme, rng);
            const std::vector<double> n = backward_signal_norms(net, X, y);
            for (std::size_t l = 0; l < kLayers; ++l)
                log_norms[r][l] += std::log(n[l]) / kSeeds;
            const ForwardCache cache = forward(net, X);
            for (std::size_t l = 0; l + 1 < kLayers; ++l) {
                dmean[r] += derivative_mean(cache.Z[l], kRuns[r].activation) /
                            static_cast<double>(kSeeds * (kLayers - 1));
                if (kRuns[r].activation == "sigmoid")
                    dmax[r] = std::max(dmax[r], xt::amax(sigmoid_derivative(cache.Z[l]))());
            }
        }
    }

    std::FILE* out = fig.file();
    std::fprintf(out, "# layer, then ||dL/dZ_l|| (geometric mean over %zu seeds) for:", kSeeds);
    for (const auto& run : kRuns)
        std::fprintf(out, " [%s]", run.label.c_str());
    std::fprintf(out, "\n");
    for (std::size_t l = 0; l < kLayers; ++l) {
        std::fprintf(out, "%zu", l + 1);
        for (const auto& n : log_norms)
            std::fprintf(out, " %.6e", std::exp(n[l]));
        std::fprintf(out, "\n");
    }

    std::fprintf(stderr,
                 "%zu layers (%zu hidden of %zu units + identity output to %zu), N = %zu random "
                 "inputs N(0,1), random labels; ||dL/dZ_l|| geometric mean over %zu seeds\n",
                 kLayers, kLayers - 1, kWidth, kClasses, kBatch, kSeeds);
    for (std::size_t r = 0; r < kRuns.size(); ++r) {
        auto at = [&](std::size_t layer) { return std::exp(log_norms[r][layer - 1]); };
        std::fprintf(stderr,
                     "  %-22s layer 1: %.3e  layer 10: %.3e  layer 19: %.3e  layer 20: %.3e  "
                     "ratio 1/20: %.3e  factor per layer (19 -> 1): x%.4f  mean g'(Z) over "
                     "hidden layers: %.4f",
                     kRuns[r].label.c_str(), at(1), at(10), at(19), at(20), at(1) / at(20),
                     std::pow(at(1) / at(19), 1.0 / 18.0), dmean[r]);
        if (kRuns[r].activation == "sigmoid")
            std::fprintf(stderr, " (largest sigma'(z) seen: %.4f)", dmax[r]);
        std::fprintf(stderr, "\n");
    }
    std::fprintf(stderr, "  time %.2f s\n", fig.seconds());
    return fig.close();
}
