// mutant: each batch draws its rows at random, rng.integer(0, N - 1) per row: sampling with replacement instead of a shuffle.
// rejected-by: TrainEpoch.MatchesStepByStep
// rejected-by: TrainEpoch.EverySampleOncePerEpoch
// rejected-by: TrainEpoch.LossWeighsSamplesNotBatches
// rejected-by: TrainEpoch.NewOrderEachEpoch
// rejected-by: TrainEpoch.CallsOnBatchAfterEachStep
// rejected-by: TrainEpoch.BadInputChangesNothing
#include "mini_batching.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

#include <xtensor/xsort.hpp>

namespace scratchnet {
namespace {
void check_batch_size(const char* function, std::size_t batch_size)
{
    if (batch_size == 0)
        throw std::invalid_argument(std::string(function) + ": batch_size must be at least 1");
}

void check_lengths(const char* function, const Matrix& X, const Labels& y)
{
    if (X.shape()[0] != y.size())
        throw std::invalid_argument(std::string(function) + ": X has " +
                                    std::to_string(X.shape()[0]) + " rows but y has " +
                                    std::to_string(y.size()) + " labels");
    if (y.empty())
        throw std::invalid_argument(std::string(function) + ": no samples (X and y are empty)");
}
}  // namespace

double train_epoch(Network& net, const Matrix& X, const Labels& y, const EpochOptions& options,
                   Rng& rng)
{
    check_batch_size("train_epoch", options.batch_size);
    check_lengths("train_epoch", X, y);
    const std::size_t N = y.size();
    const std::vector<BatchRange> batches = batch_ranges(N, options.batch_size, options.drop_last);
    if (batches.empty())
        throw std::invalid_argument("train_epoch: drop_last leaves no batch (" + std::to_string(N) +
                                    " samples, batch_size " + std::to_string(options.batch_size) +
                                    ")");

    double loss_sum = 0.0;  // Σ n_b · L_b
    std::size_t done = 0;   // Σ n_b
    for (const BatchRange& range : batches) {
        std::vector<std::size_t> order(range.size());
        for (auto& i : order)
            i = rng.integer(0, N - 1);  // any sample, possibly again
        const data::Dataset batch = gather_batch(X, y, order, {0, range.size()});
        const LossAndGradients lg = loss_and_gradients(net, batch.X, batch.y);
        sgd_step(net, lg.grads, options.lr);
        loss_sum += lg.loss * static_cast<double>(range.size());
        done += range.size();
        if (options.on_batch)
            options.on_batch(done, lg.loss);
    }
    return loss_sum / static_cast<double>(done);
}
}  // namespace scratchnet
