// mutant: He normal with sigma = sqrt(2/fan_out): the wrong fan.
// rejected-by: HeNormal.DistributionMatchesPyTorch
// rejected-by: HeNormal.DrawOrderMatchesContract
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

Matrix he_normal(std::size_t fan_in, std::size_t fan_out, Rng& rng)
{
    check_fans("he_normal", fan_in, fan_out);
    return rng.normal(fan_in, fan_out, 0.0, std::sqrt(2.0 / static_cast<double>(fan_out)));
}
}  // namespace scratchnet
