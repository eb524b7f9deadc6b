// mutant: backward_signal_norms pushes each norm back while walking down the layers: entry 0 holds
// the output layer's, in reversed order.
// rejected-by: DepthSignal.MatchesTheBackwardPass
// rejected-by: DepthSignal.OutputLayerIsSoftmaxMinusOneHotOverN
// rejected-by: DepthSignal.DeadReluUnitsPassNothing
// rejected-by: DepthSignal.ShrinksThroughDeepSigmoidNetwork
#include "vanishing_gradients.hpp"

#include <cmath>

#include <xtensor/xmath.hpp>

namespace scratchnet {

std::vector<double> backward_signal_norms(const Network& net, const Matrix& X, const Labels& y)
{
    const ForwardCache cache = forward(net, X);
    std::vector<double> norms;
    Matrix dA = cross_entropy_gradient(cache.output(), y);
    for (std::size_t l = net.layers.size(); l-- > 0;) {
        const Matrix dZ = activation_backward(dA, cache.Z[l], net.layers[l].activation);
        norms.push_back(std::sqrt(xt::sum(dZ * dZ)()));  // the slip: the output layer first
        if (l > 0)
            dA = dot(dZ, transposed(net.layers[l].W));
    }
    return norms;
}

}  // namespace scratchnet
