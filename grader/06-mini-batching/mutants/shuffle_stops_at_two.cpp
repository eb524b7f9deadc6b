// mutant: the loop is for (i = n - 1; i > 1; --i): it stops before i = 1, so positions 0 and 1 never swap with each other (n - 2 draws).
// rejected-by: Shuffle.FollowsTheDrawOrder
// rejected-by: Shuffle.EveryOrderEquallyLikely
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
    if (n < 2)
        return order;
    for (std::size_t i = n - 1; i > 1; --i)  // i = 1 is never reached
        std::swap(order[i], order[rng.integer(0, i)]);
    return order;
}
}  // namespace scratchnet
