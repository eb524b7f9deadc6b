// mutant: Glorot uniform checks only that the sum of the fans is positive: fan_in = 0 gives an empty matrix.
// rejected-by: GlorotUniform.ZeroFanIsAnError
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
    if (fan_in + fan_out == 0)
        throw std::invalid_argument("glorot_uniform: fan_in and fan_out are 0");
    const double a = std::sqrt(6.0 / static_cast<double>(fan_in + fan_out));
    return rng.uniform(fan_in, fan_out, -a, a);
}
}  // namespace scratchnet
