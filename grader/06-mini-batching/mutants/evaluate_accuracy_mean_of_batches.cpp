// mutant: evaluate's accuracy is the plain mean of the batches' accuracies: a partial last batch weighs as much as a full one.
// rejected-by: Evaluate.MatchesFullBatch
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
    double accuracy_sum = 0.0;
    std::size_t batches = 0;
    for (const BatchRange& range : batch_ranges(N, batch_size)) {
        const data::Dataset batch = gather_batch(X, y, in_order, range);
        const Matrix S = forward(net, batch.X).output();  // logits (n_b, C)
        loss_sum += cross_entropy(S, batch.y) * static_cast<double>(range.size());
        const auto predicted = xt::argmax(S, 1);
        std::size_t right = 0;
        for (std::size_t k = 0; k < range.size(); ++k)
            right += predicted(k) == batch.y[k];
        accuracy_sum += static_cast<double>(right) / static_cast<double>(range.size());
        ++batches;
        correct += right;
    }
    return {loss_sum / static_cast<double>(N), accuracy_sum / static_cast<double>(batches)};
}
}  // namespace scratchnet
