// mutant: Glorot normal with sigma = sqrt(6/(fan_in + fan_out)): the uniform scheme's bound used as the standard deviation.
// rejected-by: GlorotNormal.DistributionMatchesPyTorch
// rejected-by: GlorotNormal.DrawOrderMatchesContract
// rejected-by: InitWeights.DispatchesByName
// rejected-by: InitNetwork.MatchesDrawOrder
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

Matrix glorot_normal(std::size_t fan_in, std::size_t fan_out, Rng& rng)
{
    check_fans("glorot_normal", fan_in, fan_out);
    return rng.normal(fan_in, fan_out, 0.0, std::sqrt(6.0 / static_cast<double>(fan_in + fan_out)));
}
}  // namespace scratchnet
