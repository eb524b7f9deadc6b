// mutant: forward leaves the last layer linear ("the output layer has no activation"), whatever
//         the spec says.
// rejected-by: Network.ForwardMatchesReference
// rejected-by: Network.ForwardKeepsPreActivationsAndActivations
#include "forward_propagation.hpp"

namespace scratchnet {
ForwardCache forward(const Network& net, const Matrix& X)
{
    ForwardCache cache;
    cache.A.push_back(X);
    for (std::size_t l = 0; l < net.layers.size(); ++l) {
        const Layer& layer = net.layers[l];
        Matrix Z = dense_forward(cache.A.back(), layer.W, layer.b);
        bool last = l + 1 == net.layers.size();
        cache.A.push_back(last ? Z : activation(layer.activation).function(Z));
        cache.Z.push_back(Z);
    }
    return cache;
}
}  // namespace scratchnet
