// mutant: drop_last is inverted: the partial last batch is dropped when drop_last is false and kept when it is true.
// rejected-by: BatchRanges.PartialLastBatch
// rejected-by: BatchRanges.DropLast
// rejected-by: TrainEpoch.MatchesStepByStep
// rejected-by: TrainEpoch.EverySampleOncePerEpoch
// rejected-by: TrainEpoch.LabelsFollowTheirRows
// rejected-by: TrainEpoch.LossWeighsSamplesNotBatches
// rejected-by: TrainEpoch.NewOrderEachEpoch
// rejected-by: TrainEpoch.CallsOnBatchAfterEachStep
// rejected-by: TrainEpoch.BadInputChangesNothing
// rejected-by: Evaluate.MatchesFullBatch
// rejected-by: Evaluate.TiesGoToTheFirstClass
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

std::vector<BatchRange> batch_ranges(std::size_t n, std::size_t batch_size, bool drop_last)
{
    check_batch_size("batch_ranges", batch_size);
    std::vector<BatchRange> batches;
    for (std::size_t begin = 0; begin < n; begin += batch_size) {
        const std::size_t end = std::min(begin + batch_size, n);
        if (!drop_last && end - begin < batch_size)
            break;
        batches.push_back({begin, end});
    }
    return batches;
}
}  // namespace scratchnet
