// mutant: each position draws a random index, order[k] = rng.integer(0, n - 1): sampling with replacement (repeats, missing indices).
// rejected-by: Shuffle.IsAPermutation
// rejected-by: Shuffle.FollowsTheDrawOrder
// rejected-by: Shuffle.EveryOrderEquallyLikely
// rejected-by: TrainEpoch.MatchesStepByStep
// rejected-by: TrainEpoch.EverySampleOncePerEpoch
// rejected-by: TrainEpoch.LossWeighsSamplesNotBatches
// rejected-by: TrainEpoch.NewOrderEachEpoch
// rejected-by: TrainEpoch.CallsOnBatchAfterEachStep
// rejected-by: TrainEpoch.BadInputChangesNothing
#include "mini_batching.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

#include <xtensor/xsort.hpp>

namespace scratchnet {
std::vector<std::size_t> shuffled_indices(std::size_t n, Rng& rng)
{
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i)
        order[i] = i;
    for (std::size_t k = 0; k < n; ++k)
        order[k] = rng.integer(0, n - 1);  // any index, possibly again
    return order;
}
}  // namespace scratchnet
