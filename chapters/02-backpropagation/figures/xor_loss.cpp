// Data for the figure "xor_loss.svg": the loss history of the reference solution training the
// 2-10-2 XOR network of the chapter text (lr 0.1, 1000 epochs, full batch), from five random
// initialisations. Writes columns: epoch, then one loss per seed.
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

#include "backpropagation.hpp"

namespace {

std::vector<double> xor_run(unsigned seed)
{
    using namespace scratchnet;
    const Matrix X = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    const Labels y = {0, 1, 1, 0};
    Network net = make_network({{2, 10, "relu"}, {10, 2, "identity"}});
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal;
    for (auto& layer : net.layers) {  // Gaussian weights scaled by 1/sqrt(fan_in), zero biases
        const double scale = 1.0 / std::sqrt(static_cast<double>(layer.W.shape(0)));
        for (auto& w : layer.W)
            w = normal(rng) * scale;
    }
    return train(net, X, y, 0.1, 1000);
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUTPUT.dat\n", argv[0]);
        return 2;
    }
    const unsigned seeds[] = {0, 1, 2, 3, 4};  // seed 0 is the run tabled in the text
    std::vector<std::vector<double>> runs;
    for (unsigned seed : seeds)
        runs.push_back(xor_run(seed));
    std::FILE* out = std::fopen(argv[1], "w");
    if (!out)
        return 1;
    std::fprintf(out, "# epoch");
    for (unsigned seed : seeds)
        std::fprintf(out, " seed%u", seed);
    std::fprintf(out, "\n");
    for (std::size_t e = 0; e < runs[0].size(); ++e) {
        std::fprintf(out, "%zu", e);
        for (const auto& run : runs)
            std::fprintf(out, " %.9g", run[e]);
        std::fprintf(out, "\n");
    }
    return std::fclose(out) == 0 ? 0 : 1;
}
