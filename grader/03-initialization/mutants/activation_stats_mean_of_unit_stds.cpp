// mutant: activation_stats' std is the mean over units of each unit's (column's) std, not the std over all N*H entries.
// rejected-by: ActivationStats.MatchesOwnOracle
#include "initialization.hpp"

#include <cmath>

#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {
std::vector<LayerStats> activation_stats(const Network& net, const Matrix& X)
{
    const ForwardCache cache = forward(net, X);
    std::vector<LayerStats> stats;
    for (std::size_t l = 1; l < cache.A.size(); ++l) {
        const Matrix& A = cache.A[l];
        const Vector col_mean = xt::mean(A, {0});
        const Matrix dev = A - xt::view(col_mean, xt::newaxis(), xt::all());
        const Vector col_std = xt::sqrt(xt::mean(xt::square(dev), {0}));
        stats.push_back({xt::mean(A)(), xt::mean(col_std)()});
    }
    return stats;
}
}  // namespace scratchnet
