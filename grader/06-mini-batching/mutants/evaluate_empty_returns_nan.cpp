// mutant: evaluate compares the lengths but not emptiness: no samples gives no batches and 0/0 = NaN instead of an error.
// rejected-by: Evaluate.BadInputIsAClearError
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

Evaluation evaluate(const Network& net, const Matrix& X, const Labels& y, std::size_t batch_size)
{
    check_batch_size("evaluate", batch_size);
    if (X.shape()[0] != y.size())
        throw std::invalid_argument("evaluate: X has " + std::to_string(X.shape()[0]) +
                                    " rows but y has " + std::to_string(y.size()) + " labels");
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
}  // namespace scratchnet
