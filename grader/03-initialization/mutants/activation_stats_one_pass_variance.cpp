// mutant: activation_stats in one pass: var = E[a^2] - E[a]^2, which cancels catastrophically when |mean| >> std.
// rejected-by: ActivationStats.AccurateForLargeMean
#include "initialization.hpp"

#include <cmath>

#include <algorithm>

#include <xtensor/xmath.hpp>

namespace scratchnet {
std::vector<LayerStats> activation_stats(const Network& net, const Matrix& X)
{
    const ForwardCache cache = forward(net, X);
    std::vector<LayerStats> stats;
    for (std::size_t l = 1; l < cache.A.size(); ++l) {
        const Matrix& A = cache.A[l];
        const double mean = xt::mean(A)();
        const double var = xt::mean(xt::square(A))() - mean * mean;
        stats.push_back({mean, std::sqrt(std::max(var, 0.0))});
    }
    return stats;
}
}  // namespace scratchnet
