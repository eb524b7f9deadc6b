// mutant: forward looks the activation up once, from the first layer, and applies it in every
//         layer.
// rejected-by: Network.ForwardMatchesReference
// rejected-by: Network.ForwardKeepsPreActivationsAndActivations
#include "forward_propagation.hpp"

namespace scratchnet {
ForwardCache forward(const Network& net, const Matrix& X)
{
    const Activation& g = activation(net.layers.front().activation);
    ForwardCache cache;
    cache.A.push_back(X);
    for (const Layer& layer : net.layers) {
        Matrix Z = dense_forward(cache.A.back(), layer.W, layer.b);
        cache.A.push_back(g.function(Z));
        cache.Z.push_back(Z);
    }
    return cache;
}
}  // namespace scratchnet
