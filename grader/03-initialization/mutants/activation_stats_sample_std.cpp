// mutant: activation_stats divides the squared deviations by M - 1 (the sample std, ddof 1) instead of M.
// rejected-by: ActivationStats.MatchesOwnOracle
// rejected-by: ActivationStats.PopulationStd
#include "initialization.hpp"

#include <cmath>

#include <xtensor/xmath.hpp>

namespace scratchnet {
std::vector<LayerStats> activation_stats(const Network& net, const Matrix& X)
{
    const ForwardCache cache = forward(net, X);
    std::vector<LayerStats> stats;
    for (std::size_t l = 1; l < cache.A.size(); ++l) {
        const Matrix& A = cache.A[l];
        const double mean = xt::mean(A)();
        const double ss = xt::sum(xt::square(A - mean))();
        stats.push_back({mean, std::sqrt(ss / static_cast<double>(A.size() - 1))});
    }
    return stats;
}
}  // namespace scratchnet
