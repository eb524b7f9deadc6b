// mutant: activation_stats starts at A[0] = X: L + 1 entries, the input first.
// rejected-by: ActivationStats.MatchesOwnOracle
#include "initialization.hpp"

#include <cmath>

#include <xtensor/xmath.hpp>

namespace scratchnet {
std::vector<LayerStats> activation_stats(const Network& net, const Matrix& X)
{
    const ForwardCache cache = forward(net, X);
    std::vector<LayerStats> stats;
    for (const Matrix& A : cache.A) {
        const double mean = xt::mean(A)();
        stats.push_back({mean, std::sqrt(xt::mean(xt::square(A - mean))())});
    }
    return stats;
}
}  // namespace scratchnet
