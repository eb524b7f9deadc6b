// mutant: Glorot normal drawn column by column (column 0 from top to bottom first), the right sigma.
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
    const double sigma = std::sqrt(2.0 / static_cast<double>(fan_in + fan_out));
    Matrix W = xt::zeros<double>({fan_in, fan_out});
    for (std::size_t j = 0; j < fan_out; ++j)
        for (std::size_t i = 0; i < fan_in; ++i)
            W(i, j) = rng.normal(0.0, sigma);
    return W;
}
}  // namespace scratchnet
