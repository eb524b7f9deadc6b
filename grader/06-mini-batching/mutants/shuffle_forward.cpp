// mutant: Fisher-Yates forwards: for i = 0 .. n - 2, j = rng.integer(i, n - 1). Uniform, but not the contract's draw order.
// rejected-by: Shuffle.FollowsTheDrawOrder
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
    for (std::size_t i = 0; i + 1 < n; ++i)
        std::swap(order[i], order[rng.integer(i, n - 1)]);
    return order;
}
}  // namespace scratchnet
