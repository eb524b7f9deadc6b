// mutant: backward_signal_norms records ‖dA_l‖, the gradient before the activation's derivative,
// instead of ‖δ_l‖ = ‖dA_l ⊙ g_l'(Z_l)‖.
// rejected-by: DepthSignal.MatchesTheBackwardPass
// rejected-by: DepthSignal.DeadReluUnitsPassNothing
// rejected-by: DepthSignal.ShrinksThroughDeepSigmoidNetwork
#include "vanishing_gradients.hpp"

#include <cmath>

#include <xtensor/xmath.hpp>

namespace scratchnet {

std::vector<double> backward_signal_norms(const Network& net, const Matrix& X, const Labels& y)
{
    const ForwardCache cache = forward(net, X);
    const std::size_t L = net.layers.size();
    std::vector<double> norms(L);
    Matrix dA = cross_entropy_gradient(cache.output(), y);
    for (std::size_t l = L; l-- > 0;) {
        norms[l] = std::sqrt(xt::sum(dA * dA)());  // the slip: dA, not dZ
        const Matrix dZ = activation_backward(dA, cache.Z[l], net.layers[l].activation);
        if (l > 0)
            dA = dot(dZ, transposed(net.layers[l].W));
    }
    return norms;
}

}  // namespace scratchnet
