// mutant: LeCun normal from the learner's own Box-Muller that keeps both values of each pair (cosine, then sine): the right distribution, but one uniform word per entry instead of two, and every second number differs from rng.normal's.
// rejected-by: LecunNormal.DrawOrderMatchesContract
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

Matrix lecun_normal(std::size_t fan_in, std::size_t fan_out, Rng& rng)
{
    check_fans("lecun_normal", fan_in, fan_out);
    const double sigma = std::sqrt(1.0 / static_cast<double>(fan_in));
    Matrix W = xt::zeros<double>({fan_in, fan_out});
    for (std::size_t k = 0; k < W.size(); k += 2) {
        const double u1 = rng.uniform(), u2 = rng.uniform();
        const double r = sigma * std::sqrt(-2.0 * std::log1p(-u1));
        W.flat(k) = r * std::cos(2.0 * M_PI * u2);
        if (k + 1 < W.size())
            W.flat(k + 1) = r * std::sin(2.0 * M_PI * u2);
    }
    return W;
}
}  // namespace scratchnet
