// mutant: XOR attempted with one linear layer (no hidden layer): the best straight line.
// rejected-by: Xor.HandChosenWeightsComputeXor
#include "forward_propagation.hpp"

namespace scratchnet {
Network xor_network()
{
    Network net = make_network({{2, 1, "identity"}});
    net.layers[0].W = {{0.5}, {0.5}};
    net.layers[0].b = {0.0};
    return net;
}
}  // namespace scratchnet
