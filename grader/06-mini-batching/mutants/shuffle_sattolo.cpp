// mutant: Fisher-Yates with j in [0, i): position i never keeps its own value (Sattolo's algorithm: only cyclic orders, biased).
// rejected-by: Shuffle.FollowsTheDrawOrder
// rejected-by: Shuffle.EveryOrderEquallyLikely
// rejected-by: TrainEpoch.MatchesStepByStep
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
std::vector<std::size_t> shuffled_indices(std::size_t n, Rng& rng)
{
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i)
        order[i] = i;
    for (std::size_t i = n; i-- > 1;)
        std::swap(order[i], order[rng.integer(0, i - 1)]);  // j < i
    return order;
}
}  // namespace scratchnet
