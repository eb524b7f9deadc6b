// mutant: forward stores X W in cache.Z and adds b only when applying the activation, so the
//         cached pre-activations lack the bias (the output is right).
// rejected-by: Network.ForwardKeepsPreActivationsAndActivations
#include "forward_propagation.hpp"

namespace scratchnet {
ForwardCache forward(const Network& net, const Matrix& X)
{
    ForwardCache cache;
    cache.A.push_back(X);
    for (const Layer& layer : net.layers) {
        if (cache.A.back().shape(1) != layer.W.shape(0))
            throw std::invalid_argument("forward: X is " + shape_str(cache.A.back()) +
                                        " but W is " + shape_str(layer.W));
        Matrix XW = dot(cache.A.back(), layer.W);
        cache.A.push_back(activation(layer.activation).function(XW + layer.b));
        cache.Z.push_back(XW);
    }
    return cache;
}
}  // namespace scratchnet
