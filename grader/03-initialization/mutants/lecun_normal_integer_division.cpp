// mutant: LeCun normal with sigma = sqrt(1 / fan_in) in integer arithmetic: 0 for every fan_in >= 2.
// rejected-by: LecunNormal.DistributionMatchesPyTorch
// rejected-by: LecunNormal.DrawOrderMatchesContract
// rejected-by: InitWeights.DispatchesByName
// rejected-by: InitNetwork.MatchesDrawOrder
// rejected-by: InitNetwork.BreaksSymmetry
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

Matrix lecun_normal(std::size_t fan_in, std::size_t fan_out, Rng& rng)
{
    check_fans("lecun_normal", fan_in, fan_out);
    return rng.normal(fan_in, fan_out, 0.0, std::sqrt(static_cast<double>(1 / fan_in)));
}
}  // namespace scratchnet
