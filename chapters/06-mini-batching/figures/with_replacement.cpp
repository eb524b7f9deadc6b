// Data for the figure "with_replacement.svg": what the seed notebook's way of drawing batches
// does over an epoch. N = 60 000 (the size of Fashion-MNIST's training set); only indices are
// drawn, no images. "With replacement" draws each index as rng.integer(0, N - 1), like NumPy's
// np.random.choice(N, B) batch after batch; "without" is an epoch of shuffled_indices(N, rng).
// Both use Rng(6).
// Writes three blocks (gnuplot indices):
//   0 = the fraction of the N samples seen at least once after t draws, t / N from 0 to 3, with
//       replacement (measured) and without (one shuffled epoch after another);
//   1 = how many times each sample was drawn in one epoch of N draws with replacement: count k,
//       the fraction of samples drawn k times (measured), and the Poisson(1) probability e^-1/k!;
//   2 = (unused by the plot) the first 20 epochs' distinct fractions.
// On stderr: the numbers the chapter quotes, and the seed's `len(X) // 64` on XOR's 4 samples
// next to batch_ranges(4, 64), with a 1000-epoch XOR run of each. About 1 s.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "figure.hpp"
#include "mini_batching.hpp"

namespace {

using namespace scratchnet;

constexpr std::size_t kN = 60000;

}  // namespace

int main(int argc, char** argv)
{
    scratchnet::figure::Output fig(argc, argv);
    std::FILE* out = fig.file();
    Rng rng(6);

    // Block 0: coverage over three epochs' worth of draws, both ways.
    std::fprintf(out, "# draws / N, fraction seen with replacement, fraction seen without\n");
    std::vector<char> seen_with(kN, 0), seen_without(kN, 0);
    std::size_t distinct_with = 0, distinct_without = 0;
    std::vector<std::size_t> order;
    double after_epoch[3] = {0, 0, 0};
    double without_after_one = 0.0;
    std::fprintf(out, "0 0 0\n");
    for (std::size_t t = 1; t <= 3 * kN; ++t) {
        const std::size_t i = rng.integer(0, kN - 1);
        distinct_with += !seen_with[i];
        seen_with[i] = 1;
        if ((t - 1) % kN == 0)
            order = shuffled_indices(kN, rng);
        const std::size_t j = order[(t - 1) % kN];
        distinct_without += !seen_without[j];
        seen_without[j] = 1;
        if (t % 600 == 0)
            std::fprintf(out, "%.4f %.6f %.6f\n", static_cast<double>(t) / kN,
                         static_cast<double>(distinct_with) / kN,
                         static_cast<double>(distinct_without) / kN);
        if (t % kN == 0)
            after_epoch[t / kN - 1] = static_cast<double>(distinct_with) / kN;
        if (t == kN)
            without_after_one = static_cast<double>(distinct_without) / kN;
    }
    std::fprintf(stderr,
                 "N = %zu, Rng(6): with replacement, the fraction of samples seen at least once "
                 "after 1, 2, 3 epochs of N draws: %.4f, %.4f, %.4f (1 - e^-k: %.4f, %.4f, "
                 "%.4f); without replacement (shuffled epochs): %.4f after one epoch\n",
                 kN, after_epoch[0], after_epoch[1], after_epoch[2], 1 - std::exp(-1.0),
                 1 - std::exp(-2.0), 1 - std::exp(-3.0), without_after_one);

    // Block 1 and 2: 20 separate epochs of N draws with replacement.
    std::vector<std::size_t> histogram(16, 0);  // epoch 0's counts
    std::vector<double> fractions;
    std::size_t most = 0;
    for (std::size_t epoch = 0; epoch < 20; ++epoch) {
        std::vector<std::size_t> count(kN, 0);
        for (std::size_t t = 0; t < kN; ++t)
            ++count[rng.integer(0, kN - 1)];
        const std::size_t distinct =
            kN - static_cast<std::size_t>(std::count(count.begin(), count.end(), 0));
        fractions.push_back(static_cast<double>(distinct) / kN);
        most = std::max(most, *std::max_element(count.begin(), count.end()));
        if (epoch == 0)
            for (std::size_t c : count)
                ++histogram[std::min<std::size_t>(c, histogram.size() - 1)];
    }
    std::fprintf(out,
                 "\n\n# times drawn k, fraction of samples (measured, one epoch), Poisson(1)\n");
    double factorial = 1.0;
    for (std::size_t k = 0; k <= 7; ++k) {
        if (k > 0)
            factorial *= static_cast<double>(k);
        std::fprintf(out, "%zu %.6f %.6f\n", k, static_cast<double>(histogram[k]) / kN,
                     std::exp(-1.0) / factorial);
    }
    std::fprintf(out, "\n\n# epoch, fraction of distinct samples in an epoch of N draws with "
                      "replacement\n");
    for (std::size_t e = 0; e < fractions.size(); ++e)
        std::fprintf(out, "%zu %.6f\n", e, fractions[e]);
    double mean = 0.0;
    for (double f : fractions)
        mean += f / static_cast<double>(fractions.size());
    std::fprintf(
        stderr,
        "  20 epochs of N draws with replacement: distinct fraction mean %.4f, min "
        "%.4f, max %.4f; 1 - 1/e = %.4f, 1 - (1 - 1/N)^N = %.4f. Epoch 0: drawn 0 times "
        "%.4f, once %.4f, twice %.4f, 3 times %.4f, 4+ times %.4f (Poisson(1): %.4f, "
        "%.4f, %.4f, %.4f); most draws of one sample in any of the 20 epochs: %zu\n",
        mean, *std::min_element(fractions.begin(), fractions.end()),
        *std::max_element(fractions.begin(), fractions.end()), 1 - std::exp(-1.0),
        1 - std::pow(1 - 1.0 / kN, static_cast<double>(kN)), static_cast<double>(histogram[0]) / kN,
        static_cast<double>(histogram[1]) / kN, static_cast<double>(histogram[2]) / kN,
        static_cast<double>(histogram[3]) / kN,
        static_cast<double>(kN - histogram[0] - histogram[1] - histogram[2] - histogram[3]) / kN,
        std::exp(-1.0), std::exp(-1.0), std::exp(-1.0) / 2, std::exp(-1.0) / 6, most);

    // The seed's batch count on XOR, and what each loop does in 1000 epochs at a rate of 0.1.
    const Matrix X = data::xor_inputs();
    const Labels y = data::xor_labels();
    const std::size_t seed_batches = X.shape()[0] / 64;  // the notebook's len(X) // 64
    Rng init(0);
    const std::vector<LayerSpec> spec{{2, 10, "relu"}, {10, 2, "identity"}};
    Network seed_net = init_network(spec, "he_normal", init);
    Network net = seed_net;
    const double start_loss = loss_and_gradients(net, X, y).loss;
    std::size_t seed_steps = 0;
    for (std::size_t epoch = 0; epoch < 1000; ++epoch)
        for (std::size_t b = 0; b < seed_batches; ++b)
            ++seed_steps;  // the notebook's loop body: never reached
    EpochOptions options;
    options.batch_size = 64;
    options.lr = 0.1;
    Rng shuffle(0);
    for (std::size_t epoch = 0; epoch < 1000; ++epoch)
        train_epoch(net, X, y, options, shuffle);
    const Labels p = predict(net, X);
    std::fprintf(stderr,
                 "  XOR, 4 samples, B = 64: the seed's len(X) // 64 = %zu batches, so %zu steps "
                 "in 1000 epochs and the loss stays at %.4f; batch_ranges(4, 64) = %zu batch of "
                 "%zu, with drop_last %zu batches. 2 -> 10 relu -> 2, he_normal Rng(0), rate "
                 "0.1, 1000 train_epoch calls: loss %.4f -> %.4f, predictions [%zu %zu %zu %zu]\n",
                 seed_batches, seed_steps, loss_and_gradients(seed_net, X, y).loss,
                 batch_ranges(4, 64).size(), batch_ranges(4, 64)[0].size(),
                 batch_ranges(4, 64, true).size(), start_loss, loss_and_gradients(net, X, y).loss,
                 p[0], p[1], p[2], p[3]);
    std::fprintf(stderr, "  time %.1f s\n", fig.seconds());
    return fig.close();
}
