// mutant: He uniform with PyTorch's fan_in read off our (in, out) shape: fan_in = shape[1] = fan_out, a = sqrt(6/fan_out).
// rejected-by: HeUniform.DistributionMatchesPyTorch
// rejected-by: HeUniform.DrawOrderMatchesContract
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

Matrix he_uniform(std::size_t fan_in, std::size_t fan_out, Rng& rng)
{
    check_fans("he_uniform", fan_in, fan_out);
    const double a = std::sqrt(6.0 / static_cast<double>(fan_out));
    return rng.uniform(fan_in, fan_out, -a, a);
}
}  // namespace scratchnet
