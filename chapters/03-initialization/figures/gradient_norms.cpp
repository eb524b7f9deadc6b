// Data for the figure "gradient_norms.svg": the backward half of the Glorot experiment. The
// network of activation_std.cpp (10 layers of 256 units, tanh or ReLU) gets an 11th layer,
// 256 -> 10 with the identity, so that a softmax cross-entropy loss on random labels (0 to 9) has
// something to score; every layer, the last one included, is initialized by the scheme. The
// figure plots the Frobenius norm of each layer's weight gradient (chapter 03's gradient_norms)
// for 200 random inputs N(0, 1). Writes columns: layer (1 to 11), then the norm per scheme for
// tanh, then per scheme for ReLU. On stderr it prints the numbers the chapter text quotes: the
// norms at layers 1, 5, 10 and 11 per scheme (seed 0) and the ratio layer 1 / layer 10.
#include <cstdio>
#include <string>
#include <vector>

#include "figure.hpp"
#include "initialization.hpp"
#include "schemes.hpp"

namespace {

using namespace scratchnet;

constexpr std::size_t kHidden = 10, kWidth = 256, kClasses = 10, kBatch = 200;

std::vector<double> run(const std::string& scheme, const std::string& act, std::uint64_t seed)
{
    Rng rng(seed);
    const Matrix X = rng.normal(kBatch, kWidth, 0.0, 1.0);
    Labels y(kBatch);
    for (auto& label : y)
        label = rng.integer(0, kClasses - 1);
    std::vector<LayerSpec> spec(kHidden, LayerSpec{kWidth, kWidth, act});
    spec.push_back({kWidth, kClasses, "identity"});
    return gradient_norms(figures::init_for_figure(spec, scheme, rng), X, y);
}

}  // namespace

int main(int argc, char** argv)
{
    scratchnet::figure::Output fig(argc, argv);
    const std::vector<std::string> acts = {"tanh", "relu"};
    std::vector<std::vector<double>> norms;  // [act * schemes + scheme][layer]
    for (const auto& act : acts) {
        std::fprintf(stderr,
                     "%s, seed 0: ||dW|| at layers 1 / 5 / 10 / 11, ratio layer 1 / layer 10\n",
                     act.c_str());
        for (const auto& scheme : figures::kSchemes) {
            const auto n = run(scheme, act, 0);
            std::fprintf(stderr, "  %-18s %9.3g %9.3g %9.3g %9.3g   ratio %.3g\n", scheme.c_str(),
                         n[0], n[4], n[9], n[10], n[0] / n[9]);
            norms.push_back(n);
        }
    }

    std::FILE* out = fig.file();
    std::fprintf(out, "# layer");
    for (const auto& act : acts)
        for (const auto& scheme : figures::kSchemes)
            std::fprintf(out, " %s/%s", act.c_str(), scheme.c_str());
    std::fprintf(out, "\n");
    for (std::size_t l = 0; l <= kHidden; ++l) {
        std::fprintf(out, "%zu", l + 1);
        for (const auto& n : norms)
            std::fprintf(out, " %.9g", n[l]);
        std::fprintf(out, "\n");
    }
    return fig.close();
}
