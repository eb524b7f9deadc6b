// mutant: an epoch's order is drawn with replacement (each position an
// rejected-by: Shuffle.EveryOrderEquallyLikely
// rejected-by: Shuffle.FollowsTheDrawOrder
// rejected-by: Shuffle.IsAPermutation
// rejected-by: TrainEpoch.BadInputChangesNothing
// rejected-by: TrainEpoch.CallsOnBatchAfterEachStep
// rejected-by: TrainEpoch.EverySampleOncePerEpoch
// rejected-by: TrainEpoch.LossWeighsSamplesNotBatches
// rejected-by: TrainEpoch.MatchesStepByStep
// rejected-by: TrainEpoch.NewOrderEachEpoch
// independent rng.integer(0, n - 1)), the seed notebook's bug: some samples
// twice, others never. rejected-by: TODO
#include "backpropagation.hpp"
#include "core.hpp"
#include "mini_batching.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

namespace scratchnet {

std::vector<std::size_t> shuffled_indices(std::size_t n, Rng& rng)
{
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i)
        order[i] = i;
    for (std::size_t i = 0; i < n; ++i)
        order[i] = rng.integer(0, n - 1);
    return order;
}

std::vector<BatchRange> batch_ranges(std::size_t n, std::size_t batch_size, bool drop_last)
{
    if (batch_size == 0)
        throw std::invalid_argument("batch_size must be at least 1");
    std::vector<BatchRange> batches;
    for (std::size_t begin = 0; begin < n; begin += batch_size) {
        const std::size_t end = std::min(n, begin + batch_size);
        if (drop_last && end - begin < batch_size)
            break;
        batches.push_back({begin, end});
    }
    return batches;
}

namespace {

void check_data(const Matrix& X, const Labels& y)
{
    if (X.shape(0) != y.size())
        throw std::invalid_argument("X has " + std::to_string(X.shape(0)) + " rows but y has " +
                                    std::to_string(y.size()) + " labels");
    if (y.empty())
        throw std::invalid_argument("no samples");
}

}  // namespace

data::Dataset gather_batch(const Matrix& X, const Labels& y, const std::vector<std::size_t>& order,
                           BatchRange range)
{
    check_data(X, y);
    if (range.begin >= range.end || range.end > order.size())
        throw std::invalid_argument("bad range [" + std::to_string(range.begin) + ", " +
                                    std::to_string(range.end) + ") of " +
                                    std::to_string(order.size()) + " positions");
    const std::size_t D = X.shape(1);
    data::Dataset batch{Matrix({range.size(), D}), Labels(range.size())};
    for (std::size_t k = 0; k < range.size(); ++k) {
        const std::size_t row = order[range.begin + k];
        if (row >= X.shape(0))
            throw std::invalid_argument("index " + std::to_string(row) + " is not a row of X");
        std::copy_n(X.data() + row * D, D, batch.X.data() + k * D);
        batch.y[k] = y[row];
    }
    return batch;
}

double train_epoch(Network& net, const Matrix& X, const Labels& y, const EpochOptions& options,
                   Rng& rng)
{
    if (options.batch_size == 0)
        throw std::invalid_argument("batch_size must be at least 1");
    check_data(X, y);
    const auto batches = batch_ranges(y.size(), options.batch_size, options.drop_last);
    if (batches.empty())
        throw std::invalid_argument("drop_last leaves no batch");
    const auto order = shuffled_indices(y.size(), rng);
    double sum = 0.0;
    std::size_t done = 0;
    for (const BatchRange& range : batches) {
        const data::Dataset batch = gather_batch(X, y, order, range);
        const LossAndGradients lg = loss_and_gradients(net, batch.X, batch.y);
        sgd_step(net, lg.grads, options.lr);
        sum += lg.loss * static_cast<double>(range.size());
        done += range.size();
        if (options.on_batch)
            options.on_batch(done, lg.loss);
    }
    return sum / static_cast<double>(done);
}

}  // namespace scratchnet
