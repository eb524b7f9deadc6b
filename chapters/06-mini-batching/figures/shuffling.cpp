// Data for the figure "shuffling.svg": what the order of the samples does. The first 2000
// Fashion-MNIST training images, sorted by class (all T-shirts first, ankle boots last, each class
// in file order), trained with B = 64 at a rate of 0.1 for 2 epochs from the same start
// (784 -> 256 ReLU -> 10, he_normal weights from Rng(1)) in three ways:
//   - sorted, never shuffled: every epoch walks through the classes in order;
//   - shuffled once (Rng(2)), then the same order every epoch;
//   - reshuffled every epoch: train_epoch() with Rng(2).
// The first two run train_epoch()'s loop with a fixed order (batch_ranges, gather_batch,
// loss_and_gradients, sgd_step). After each epoch: loss and accuracy on the first 1000 test
// images. Writes two blocks (gnuplot indices): 0 = one row per batch of epoch 2 (position in the
// epoch, the batch's loss in each of the three ways; the class of the sorted batch); 1 = one row
// per epoch (epoch, test accuracy in each way). On stderr: the numbers the chapter quotes.
// About 1 s of CPU.
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

#include "figure.hpp"
#include "idx.hpp"
#include "mini_batching.hpp"

namespace {

using namespace scratchnet;

constexpr std::size_t kTrain = 2000, kTest = 1000, kEpochs = 2, kBatch = 64;
constexpr double kLr = 0.1;

Network start()
{
    Rng rng(1);
    return init_network({{784, 256, "relu"}, {256, 10, "identity"}}, "he_normal", rng);
}

/// One epoch in a fixed order: train_epoch()'s loop without its shuffle. Returns each batch's loss.
std::vector<double> epoch_in_order(Network& net, const data::Dataset& d,
                                   const std::vector<std::size_t>& order)
{
    std::vector<double> losses;
    for (const BatchRange& range : batch_ranges(order.size(), kBatch)) {
        const data::Dataset batch = gather_batch(d.X, d.y, order, range);
        const LossAndGradients lg = loss_and_gradients(net, batch.X, batch.y);
        sgd_step(net, lg.grads, kLr);
        losses.push_back(lg.loss);
    }
    return losses;
}

}  // namespace

int main(int argc, char** argv)
{
    scratchnet::figure::Output fig(argc, argv);
    const data::ImageSet raw = data::fashion_mnist("train", kTrain);
    const data::ImageSet test = data::fashion_mnist("test", kTest);
    // Sorted by class: a stable sort of the row numbers by label, then the rows gathered.
    std::vector<std::size_t> by_class(kTrain);
    for (std::size_t i = 0; i < kTrain; ++i)
        by_class[i] = i;
    std::stable_sort(by_class.begin(), by_class.end(),
                     [&](std::size_t a, std::size_t b) { return raw.y[a] < raw.y[b]; });
    const data::Dataset sorted = gather_batch(raw.X, raw.y, by_class, {0, kTrain});
    std::vector<std::size_t> in_order(kTrain);
    for (std::size_t i = 0; i < kTrain; ++i)
        in_order[i] = i;
    Rng once_rng(2);
    const std::vector<std::size_t> once = shuffled_indices(kTrain, once_rng);
    std::fprintf(stderr,
                 "Fashion-MNIST: the first %zu training images sorted by class, %zu test images; "
                 "784 -> 256 relu -> 10, he_normal Rng(1), B = %zu, rate %g, %zu epochs\n",
                 kTrain, kTest, kBatch, kLr, kEpochs);

    const char* names[3] = {"sorted, never shuffled", "shuffled once", "reshuffled every epoch"};
    Network nets[3] = {start(), start(), start()};
    Rng every_rng(2);
    std::vector<double> last_losses[3];
    std::vector<double> accuracy[3];
    for (auto& a : accuracy)
        a.push_back(evaluate(nets[0], test.X, test.y).accuracy);
    for (std::size_t epoch = 0; epoch < kEpochs; ++epoch) {
        last_losses[0] = epoch_in_order(nets[0], sorted, in_order);
        last_losses[1] = epoch_in_order(nets[1], sorted, once);
        last_losses[2].clear();
        EpochOptions options;
        options.batch_size = kBatch;
        options.lr = kLr;
        options.on_batch = [&](std::size_t, double loss) { last_losses[2].push_back(loss); };
        train_epoch(nets[2], sorted.X, sorted.y, options, every_rng);
        for (std::size_t k = 0; k < 3; ++k)
            accuracy[k].push_back(evaluate(nets[k], test.X, test.y).accuracy);
    }

    std::FILE* out = fig.file();
    std::fprintf(out, "# batch of the last epoch (position / N), batch loss: sorted, shuffled "
                      "once, reshuffled; class of the sorted batch's first row\n");
    const std::vector<BatchRange> batches = batch_ranges(kTrain, kBatch);
    for (std::size_t b = 0; b < batches.size(); ++b)
        std::fprintf(out, "%.5f %.6f %.6f %.6f %zu\n", static_cast<double>(batches[b].end) / kTrain,
                     last_losses[0][b], last_losses[1][b], last_losses[2][b],
                     sorted.y[batches[b].begin]);
    std::fprintf(out, "\n\n# epoch, test accuracy: sorted, shuffled once, reshuffled\n");
    for (std::size_t e = 0; e <= kEpochs; ++e)
        std::fprintf(out, "%zu %.6f %.6f %.6f\n", e, accuracy[0][e], accuracy[1][e],
                     accuracy[2][e]);

    std::vector<std::size_t> per_class(10, 0);
    for (std::size_t label : sorted.y)
        ++per_class[label];
    std::fprintf(stderr, "  images per class: %zu to %zu\n",
                 *std::min_element(per_class.begin(), per_class.end()),
                 *std::max_element(per_class.begin(), per_class.end()));
    for (std::size_t k = 0; k < 3; ++k) {
        const Evaluation e = evaluate(nets[k], test.X, test.y);
        const Labels p = predict(nets[k], test.X);
        std::vector<std::size_t> predicted(10, 0), right(10, 0), present(10, 0);
        for (std::size_t n = 0; n < kTest; ++n) {
            ++predicted[p[n]];
            ++present[test.y[n]];
            right[test.y[n]] += p[n] == test.y[n];
        }
        double mean = 0.0, high = 0.0;
        for (double l : last_losses[k]) {
            mean += l / static_cast<double>(last_losses[k].size());
            high = std::max(high, l);
        }
        std::fprintf(stderr,
                     "  %-23s: test accuracy after each epoch %.4f, %.4f, %.4f; test loss %.4f; "
                     "epoch %zu's batch losses mean %.4f, largest %.4f; test images predicted "
                     "as each class:",
                     names[k], accuracy[k][0], accuracy[k][1], accuracy[k][2], e.loss, kEpochs,
                     mean, high);
        for (std::size_t c = 0; c < 10; ++c)
            std::fprintf(stderr, " %zu", predicted[c]);
        std::fprintf(stderr, "; ankle boots right %zu of %zu, T-shirts right %zu of %zu\n",
                     right[9], present[9], right[0], present[0]);
    }
    // The sorted run's batch losses at the class changes, in the last epoch.
    std::fprintf(stderr, "  sorted, last epoch, the loss of the first and last batch of each "
                         "class run:");
    for (std::size_t b = 0; b < batches.size(); ++b) {
        const bool first = b == 0 || sorted.y[batches[b].begin] != sorted.y[batches[b - 1].begin];
        const bool last =
            b + 1 == batches.size() || sorted.y[batches[b + 1].begin] != sorted.y[batches[b].begin];
        if (first || last)
            std::fprintf(stderr, " %s%zu:%.3f", first ? "[" : "", sorted.y[batches[b].begin],
                         last_losses[0][b]);
    }
    std::fprintf(stderr, "\n  time %.1f s (CPU %.1f s)\n", fig.seconds(),
                 static_cast<double>(std::clock()) / CLOCKS_PER_SEC);
    return fig.close();
}
