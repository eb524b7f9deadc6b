// mutant: train_epoch does not compare X's rows with y's size itself and relies on gather_batch: it throws, but after the shuffle has drawn.
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

}  // namespace

double train_epoch(Network& net, const Matrix& X, const Labels& y, const EpochOptions& options,
                   Rng& rng)
{
    check_batch_size("train_epoch", options.batch_size);
    const std::size_t N = X.shape()[0];
    if (N == 0)
        throw std::invalid_argument("train_epoch: no samples");
    const std::vector<BatchRange> batches = batch_ranges(N, options.batch_size, options.drop_last);
    if (batches.empty())
        throw std::invalid_argument("train_epoch: drop_last leaves no batch (" + std::to_string(N) +
                                    " samples, batch_size " + std::to_string(options.batch_size) +
                                    ")");

    const std::vector<std::size_t> order = shuffled_indices(N, rng);  // a new order every epoch
    double loss_sum = 0.0;                                            // Σ n_b · L_b
    std::size_t done = 0;                                             // Σ n_b
    for (const BatchRange& range : batches) {
        const data::Dataset batch = gather_batch(X, y, order, range);
        const LossAndGradients lg = loss_and_gradients(net, batch.X, batch.y);
        sgd_step(net, lg.grads, options.lr);
        loss_sum += lg.loss * static_cast<double>(range.size());  // L_b is a mean over n_b rows
        done += range.size();
        if (options.on_batch)
            options.on_batch(done, lg.loss);
    }
    return loss_sum / static_cast<double>(done);
}
}  // namespace scratchnet
