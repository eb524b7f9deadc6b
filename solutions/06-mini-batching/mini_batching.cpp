// Chapter 06 reference solution. Open by design: read it after your own attempt passes.
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

// [shuffled_indices]
std::vector<std::size_t> shuffled_indices(std::size_t n, Rng& rng)
{
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i)
        order[i] = i;
    for (std::size_t i = n; i-- > 1;)                   // i = n − 1 down to 1
        std::swap(order[i], order[rng.integer(0, i)]);  // j in [0, i]: i itself included
    return order;
}
// [shuffled_indices]

// [batch_ranges]
std::vector<BatchRange> batch_ranges(std::size_t n, std::size_t batch_size, bool drop_last)
{
    check_batch_size("batch_ranges", batch_size);
    std::vector<BatchRange> batches;
    for (std::size_t begin = 0; begin < n; begin += batch_size) {
        const std::size_t end = std::min(begin + batch_size, n);  // the last one may be partial
        if (drop_last && end - begin < batch_size)
            break;
        batches.push_back({begin, end});
    }
    return batches;
}
// [batch_ranges]

// [gather_batch]
data::Dataset gather_batch(const Matrix& X, const Labels& y, const std::vector<std::size_t>& order,
                           BatchRange range)
{
    check_lengths("gather_batch", X, y);
    if (range.begin >= range.end || range.end > order.size())
        throw std::invalid_argument("gather_batch: range [" + std::to_string(range.begin) + ", " +
                                    std::to_string(range.end) + ") is empty or not within the " +
                                    std::to_string(order.size()) + " positions of order");
    const std::size_t N = X.shape()[0], D = X.shape()[1];
    data::Dataset batch{Matrix({range.size(), D}), Labels(range.size())};
    for (std::size_t k = 0; k < range.size(); ++k) {
        const std::size_t row = order[range.begin + k];
        if (row >= N)
            throw std::invalid_argument("gather_batch: order[" + std::to_string(range.begin + k) +
                                        "] = " + std::to_string(row) + " is not a row of X (" +
                                        std::to_string(N) + " rows)");
        std::copy_n(X.data() + row * D, D, batch.X.data() + k * D);  // row `row` of X
        batch.y[k] = y[row];                                         // and its label with it
    }
    return batch;
}
// [gather_batch]

// [train_epoch]
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
// [train_epoch]

// [evaluate]
Evaluation evaluate(const Network& net, const Matrix& X, const Labels& y, std::size_t batch_size)
{
    check_batch_size("evaluate", batch_size);
    check_lengths("evaluate", X, y);
    const std::size_t N = y.size();
    std::vector<std::size_t> in_order(N);
    for (std::size_t i = 0; i < N; ++i)
        in_order[i] = i;

    double loss_sum = 0.0;
    std::size_t correct = 0;
    for (const BatchRange& range : batch_ranges(N, batch_size)) {
        const data::Dataset batch = gather_batch(X, y, in_order, range);
        const Matrix S = forward(net, batch.X).output();  // logits (n_b, C)
        loss_sum += cross_entropy(S, batch.y) * static_cast<double>(range.size());
        const auto predicted = xt::argmax(S, 1);  // the first largest logit of each row
        for (std::size_t k = 0; k < range.size(); ++k)
            correct += predicted(k) == batch.y[k];
    }
    return {loss_sum / static_cast<double>(N),
            static_cast<double>(correct) / static_cast<double>(N)};
}
// [evaluate]

}  // namespace scratchnet
