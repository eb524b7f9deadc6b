// mutant: XOR with sigmoid hidden units and large weights: the outputs are 0, 1, 1, 0 to about
//         1e-4, not within 1e-9.
// rejected-by: Xor.HandChosenWeightsComputeXor
#include "forward_propagation.hpp"

namespace scratchnet {
Network xor_network()
{
    Network net = make_network({{2, 2, "sigmoid"}, {2, 1, "identity"}});
    net.layers[0].W = {{20.0, 20.0}, {20.0, 20.0}};
    net.layers[0].b = {-10.0, -30.0};
    net.layers[1].W = {{1.0}, {-1.0}};
    net.layers[1].b = {0.0};
    return net;
}
}  // namespace scratchnet
