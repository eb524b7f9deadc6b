// Data for the figure "xor_loss.svg": the loss history of the reference solution training the
// 2-10-2 XOR network of the chapter text (lr 0.1, 1000 epochs, full batch), from five random
// initialisations (scratchnet::Rng seeds 0 to 4). Writes columns: epoch, then one loss per seed.
// On stderr it prints the numbers the chapter text quotes: seed 0's loss every 100 epochs, and
// the final losses and predictions over seeds 0 to 19.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <xtensor/xsort.hpp>

#include "backpropagation.hpp"
#include "figure.hpp"

namespace {

struct Run {
    std::vector<double> history;
    scratchnet::Labels predictions;
};

// Weights N(0, 1/fan_in) drawn row-major, layer 0 then layer 1, zero biases: as the check
// TwoLayerNet.LearnsXor does for seed 0.
Run xor_run(std::uint64_t seed)
{
    using namespace scratchnet;
    const Matrix X = data::xor_inputs();
    const Labels y = data::xor_labels();
    Rng rng(seed);
    Network net;
    for (auto [in, out, g] : {std::tuple{2, 10, "relu"}, std::tuple{10, 2, "identity"}})
        net.layers.push_back({rng.normal(in, out, 0.0, 1.0 / std::sqrt(static_cast<double>(in))),
                              xt::zeros<double>({static_cast<std::size_t>(out)}), g});
    Run run;
    run.history = train(net, X, y, 0.1, 1000);
    run.predictions = predict(net, X);
    return run;
}

std::string labels_str(const scratchnet::Labels& y)
{
    std::string s = "[";
    for (std::size_t i = 0; i < y.size(); ++i)
        s += (i ? " " : "") + std::to_string(y[i]);
    return s + "]";
}

}  // namespace

int main(int argc, char** argv)
{
    scratchnet::figure::Output fig(argc, argv);
    std::vector<Run> runs;
    for (std::uint64_t seed = 0; seed < 20; ++seed)  // 0-4 are drawn; all 20 are summarised
        runs.push_back(xor_run(seed));

    std::fprintf(stderr, "seed 0:");
    for (std::size_t e = 0; e < 1000; e += 100)
        std::fprintf(stderr, " %zu:%.3f", e, runs[0].history[e]);
    std::fprintf(stderr, " 999:%.3f, predictions %s\n", runs[0].history[999],
                 labels_str(runs[0].predictions).c_str());
    double lo = INFINITY, hi = -INFINITY;
    int right = 0;
    for (const auto& run : runs) {
        lo = std::min(lo, run.history.back());
        hi = std::max(hi, run.history.back());
        right += run.predictions == scratchnet::data::xor_labels();
    }
    std::fprintf(stderr, "seeds 0-19: final loss %.4f to %.4f, %d of 20 predict XOR\n", lo, hi,
                 right);
    double worst_drawn = 0;
    for (std::size_t s = 0; s < 5; ++s)
        worst_drawn = std::max(worst_drawn, runs[s].history.back());
    std::fprintf(stderr, "seeds 0-4: largest final loss %.4f\n", worst_drawn);

    std::FILE* out = fig.file();
    std::fprintf(out, "# epoch");
    for (int seed = 0; seed < 5; ++seed)
        std::fprintf(out, " seed%d", seed);
    std::fprintf(out, "\n");
    for (std::size_t e = 0; e < runs[0].history.size(); ++e) {
        std::fprintf(out, "%zu", e);
        for (std::size_t s = 0; s < 5; ++s)
            std::fprintf(out, " %.9g", runs[s].history[e]);
        std::fprintf(out, "\n");
    }
    return fig.close();
}
