// mutant: drop_last is ignored: the partial last batch is always kept.
// rejected-by: BatchRanges.DropLast
// rejected-by: TrainEpoch.MatchesStepByStep
// rejected-by: TrainEpoch.EverySampleOncePerEpoch
// rejected-by: TrainEpoch.LossWeighsSamplesNotBatches
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

std::vector<BatchRange> batch_ranges(std::size_t n, std::size_t batch_size, bool drop_last)
{
    check_batch_size("batch_ranges", batch_size);
    std::vector<BatchRange> batches;
    (void)drop_last;
    for (std::size_t begin = 0; begin < n; begin += batch_size)
        batches.push_back({begin, std::min(begin + batch_size, n)});
    return batches;
}
}  // namespace scratchnet
