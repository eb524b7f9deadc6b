// mutant: lstm_init sets every bias to forget_bias, not only the forget gate's.
// rejected-by: LstmInit.ShapesAndBiases
#include "lstm.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>

namespace scratchnet {

LstmParams lstm_init(std::size_t D, std::size_t H, Rng& rng, double forget_bias)
{
    if (D == 0 || H == 0)
        throw std::invalid_argument("lstm_init: D and H must be at least 1 (got D = " +
                                    std::to_string(D) + ", H = " + std::to_string(H) + ")");
    const double k = 1.0 / std::sqrt(static_cast<double>(H));
    LstmParams p;
    p.Wf = rng.uniform(H + D, H, -k, k);
    p.Wi = rng.uniform(H + D, H, -k, k);
    p.Wo = rng.uniform(H + D, H, -k, k);
    p.Wc = rng.uniform(H + D, H, -k, k);
    p.bf = xt::zeros<double>({H}) + forget_bias;  // remember by default
    p.bi = xt::zeros<double>({H}) + forget_bias;  // every bias
    p.bo = xt::zeros<double>({H}) + forget_bias;
    p.bc = xt::zeros<double>({H}) + forget_bias;
    return p;
}

}  // namespace scratchnet
