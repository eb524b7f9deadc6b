// mutant: forward stores each layer's activation g(Z) in cache.Z, so backprop would get the
//         wrong pre-activations (the output itself is right).
// rejected-by: Network.ForwardKeepsPreActivationsAndActivations
#include "forward_propagation.hpp"

namespace scratchnet {
ForwardCache forward(const Network& net, const Matrix& X)
{
    ForwardCache cache;
    cache.A.push_back(X);
    for (const Layer& layer : net.layers) {
        Matrix A =
            activation(layer.activation).function(dense_forward(cache.A.back(), layer.W, layer.b));
        cache.Z.push_back(A);
        cache.A.push_back(A);
    }
    return cache;
}
}  // namespace scratchnet
