// mutant: activation_stats of each layer's pre-activation Z[l] instead of its output A[l+1].
// rejected-by: ActivationStats.MatchesOwnOracle
#include "initialization.hpp"

#include <cmath>

#include <xtensor/xmath.hpp>

namespace scratchnet {
std::vector<LayerStats> activation_stats(const Network& net, const Matrix& X)
{
    const ForwardCache cache = forward(net, X);
    std::vector<LayerStats> stats;
    for (const Matrix& Z : cache.Z) {
        const double mean = xt::mean(Z)();
        stats.push_back({mean, std::sqrt(xt::mean(xt::square(Z - mean))())});
    }
    return stats;
}
}  // namespace scratchnet
