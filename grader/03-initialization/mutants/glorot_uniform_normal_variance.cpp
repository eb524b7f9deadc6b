// mutant: Glorot uniform with a = sqrt(2/(fan_in + fan_out)): the normal scheme's sigma used as the bound (variance 3 times too small).
// rejected-by: GlorotUniform.DistributionMatchesPyTorch
// rejected-by: GlorotUniform.DrawOrderMatchesContract
// rejected-by: InitWeights.DispatchesByName
// rejected-by: InitNetwork.MatchesDrawOrder
// rejected-by: InitNetwork.DefaultUsesEachLayersActivation
#include "initialization.hpp"

#include <cmath>

namespace scratchnet {
namespace {
void check_fans(const char* function, std::size_t fan_in, std::size_t fan_out)
{
    const char* zero = fan_in == 0 ? "fan_in" : fan_out == 0 ? "fan_out" : nullptr;
    if (zero)
        throw std::invalid_argument(std::string(function) + ": " + zero + " is 0 (fan_in " +
                                    std::to_string(fan_in) + ", fan_out " +
                                    std::to_string(fan_out) + ")");
}
}  // namespace

Matrix glorot_uniform(std::size_t fan_in, std::size_t fan_out, Rng& rng)
{
    check_fans("glorot_uniform", fan_in, fan_out);
    const double a = std::sqrt(2.0 / static_cast<double>(fan_in + fan_out));
    return rng.uniform(fan_in, fan_out, -a, a);
}
}  // namespace scratchnet
