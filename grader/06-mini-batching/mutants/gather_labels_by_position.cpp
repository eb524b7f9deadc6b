// mutant: the labels are taken by position, y.at(range.begin + k), not through order: rows and labels no longer match.
// rejected-by: GatherBatch.LabelsFollowTheirRows
// rejected-by: TrainEpoch.MatchesStepByStep
// rejected-by: TrainEpoch.LabelsFollowTheirRows
// rejected-by: TrainEpoch.LossWeighsSamplesNotBatches
// rejected-by: TrainEpoch.NewOrderEachEpoch
// rejected-by: TrainEpoch.CallsOnBatchAfterEachStep
#include "mini_batching.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

#include <xtensor/xsort.hpp>

namespace scratchnet {
namespace {
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
        batch.y[k] = y.at(range.begin + k);  // the label at the position, not of the row
    }
    return batch;
}
}  // namespace scratchnet
