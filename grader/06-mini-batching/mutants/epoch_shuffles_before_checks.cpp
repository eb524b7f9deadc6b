// mutant: train_epoch shuffles first and checks its input afterwards: it throws, but the generator has already drawn.
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
    const std::size_t N = y.size();
    const std::vector<std::size_t> order = shuffled_indices(N, rng);  // drawn before the checks
    check_batch_size("train_epoch", options.batch_size);
    check_lengths("train_epoch", X, y);
    const std::vector<BatchRange> batches = batch_ranges(N, options.batch_size, options.drop_last);
    if (batches.empty())
        throw std::invalid_argument("train_epoch: drop_last leaves no batch (" + std::to_string(N) +
                                    " samples, batch_size " + std::to_string(options.batch_size) +
                                    ")");

    double loss_sum = 0.0;  // Σ n_b · L_b
    std::size_t done = 0;   // Σ n_b
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
