// mutant: rnn_init draws the weights first and checks recurrent_scale afterwards: it throws, but
// the generator has moved.
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
    const double k = 1.0 / std::sqrt(static_cast<double>(H));
    RnnParams p;
    p.Wx = rng.uniform(D, H, -k, k);
    p.Wh = rng.uniform(H, H, -k, k);
    if (!std::isfinite(recurrent_scale) || recurrent_scale < 0)  // the slip: after the draws
        throw std::invalid_argument("rnn_init: recurrent_scale must be finite and >= 0");
    p.Wh *= recurrent_scale;
    p.b = xt::zeros<double>({H});
    return p;
}

}  // namespace scratchnet
