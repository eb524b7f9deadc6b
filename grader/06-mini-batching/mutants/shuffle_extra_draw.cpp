// mutant: the loop runs down to i = 0, drawing rng.integer(0, 0) once more: the right order, but n draws instead of n - 1.
// rejected-by: Shuffle.FollowsTheDrawOrder
// rejected-by: TrainEpoch.MatchesStepByStep
// rejected-by: TrainEpoch.NewOrderEachEpoch
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
    for (std::size_t i = n; i-- > 0;)  // i = 0 too: swaps 0 with 0, but draws
        std::swap(order[i], order[rng.integer(0, i)]);
    return order;
}
}  // namespace scratchnet
