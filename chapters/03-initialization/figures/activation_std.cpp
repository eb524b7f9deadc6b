// Data for the figure "activation_std.svg": the Glorot experiment. A batch of 200 random inputs
// (N(0, 1), 256 features) goes through 10 layers of 256 units (tanh in one panel, ReLU in the
// other) initialized by each scheme; the figure plots the standard deviation of every layer's
// activation (chapter 03's activation_stats). Writes columns: layer, then the std per scheme for
// tanh, then per scheme for ReLU. On stderr it prints the numbers the chapter text quotes: the
// std and mean at layers 1, 5 and 10 per scheme (seed 0), and the range of the layer-10 std over
// seeds 0 to 2.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "figure.hpp"
#include "initialization.hpp"
#include "schemes.hpp"

namespace {

using namespace scratchnet;

constexpr std::size_t kLayers = 10, kWidth = 256, kBatch = 200;

// 10 layers {256, 256, act}, every weight drawn by `scheme` from rng (layer 0 first), zero biases.
Network deep_net(const std::string& scheme, const std::string& act, Rng& rng)
{
    return figures::init_for_figure(std::vector<LayerSpec>(kLayers, LayerSpec{kWidth, kWidth, act}),
                                    scheme, rng);
}

// The statistics of one run: inputs first, then the weights, from one Rng(seed).
std::vector<LayerStats> run(const std::string& scheme, const std::string& act, std::uint64_t seed)
{
    Rng rng(seed);
    const Matrix X = rng.normal(kBatch, kWidth, 0.0, 1.0);
    const Network net = deep_net(scheme, act, rng);
    return activation_stats(net, X);
}

}  // namespace

int main(int argc, char** argv)
{
    scratchnet::figure::Output fig(argc, argv);
    const std::vector<std::string> acts = {"tanh", "relu"};
    std::vector<std::vector<LayerStats>> seed0;  // [act * schemes + scheme][layer]
    for (const auto& act : acts) {
        std::fprintf(stderr,
                     "%s, seed 0: std (mean) at layers 1 / 5 / 10; layer-10 std over seeds 0-2\n",
                     act.c_str());
        for (const auto& scheme : figures::kSchemes) {
            const auto stats = run(scheme, act, 0);
            double lo = stats[kLayers - 1].std, hi = lo;
            for (std::uint64_t seed = 1; seed < 3; ++seed) {
                const double s = run(scheme, act, seed)[kLayers - 1].std;
                lo = std::min(lo, s);
                hi = std::max(hi, s);
            }
            std::fprintf(stderr, "  %-18s", scheme.c_str());
            for (std::size_t l : {0, 4, 9})
                std::fprintf(stderr, " %9.3g (%9.3g)", stats[l].std, stats[l].mean);
            std::fprintf(stderr, "   seeds 0-2: %.3g to %.3g\n", lo, hi);
            seed0.push_back(stats);
        }
    }

    std::FILE* out = fig.file();
    std::fprintf(out, "# layer");
    for (const auto& act : acts)
        for (const auto& scheme : figures::kSchemes)
            std::fprintf(out, " %s/%s", act.c_str(), scheme.c_str());
    std::fprintf(out, "\n");
    for (std::size_t l = 0; l < kLayers; ++l) {
        std::fprintf(out, "%zu", l + 1);
        for (const auto& stats : seed0)
            std::fprintf(out, " %.9g", stats[l].std);
        std::fprintf(out, "\n");
    }
    return fig.close();
}
