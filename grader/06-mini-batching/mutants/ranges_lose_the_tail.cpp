// mutant: the loop runs while begin + batch_size <= n: the partial last batch is lost even without drop_last.
// rejected-by: BatchRanges.PartialLastBatch
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
    for (std::size_t begin = 0; begin + batch_size <= n; begin += batch_size)
        batches.push_back({begin, begin + batch_size});
    (void)drop_last;
    return batches;
}
}  // namespace scratchnet
