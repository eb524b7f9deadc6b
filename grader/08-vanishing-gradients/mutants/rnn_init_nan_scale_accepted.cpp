// mutant: rnn_init tests recurrent_scale with < 0 alone: NaN and +inf pass (a NaN compares false).
// rejected-by: RnnInit.BadArgumentsThrowAndDrawNothing
#include "vanishing_gradients.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include <xtensor/xbuilder.hpp>

namespace scratchnet {

RnnParams rnn_init(std::size_t D, std::size_t H, Rng& rng, double recurrent_scale)
{
    if (D == 0 || H == 0)
        throw std::invalid_argument("rnn_init: D and H must be at least 1");
    if (recurrent_scale < 0)  // the slip: NaN and inf pass
        throw std::invalid_argument("rnn_init: recurrent_scale must be finite and >= 0");
    const double k = 1.0 / std::sqrt(static_cast<double>(H));
    RnnParams p;
    p.Wx = rng.uniform(D, H, -k, k);
    p.Wh = recurrent_scale * rng.uniform(H, H, -k, k);
    p.b = xt::zeros<double>({H});
    return p;
}

}  // namespace scratchnet
