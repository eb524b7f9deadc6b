// mutant: scaled_normal draws first and checks the scale afterwards: a bad scale throws with rng already advanced.
// rejected-by: ScaledNormal.BadScaleIsAnError
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

Matrix scaled_normal(std::size_t fan_in, std::size_t fan_out, Rng& rng, double scale)
{
    check_fans("scaled_normal", fan_in, fan_out);
    Matrix W = rng.normal(fan_in, fan_out, 0.0, scale);
    if (!(scale >= 0.0) || std::isinf(scale))
        throw std::invalid_argument("scaled_normal: bad scale " + std::to_string(scale));
    return W;
}
}  // namespace scratchnet
