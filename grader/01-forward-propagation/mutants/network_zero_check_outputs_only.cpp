// mutant: make_network rejects a layer of 0 units (outputs) but not one of 0 inputs.
// rejected-by: Network.BadSpecIsAClearError
#include "forward_propagation.hpp"

namespace scratchnet {
Network make_network(const std::vector<LayerSpec>& spec)
{
    if (spec.empty())
        throw std::invalid_argument("make_network: the spec has no layers");
    Network net;
    for (std::size_t l = 0; l < spec.size(); ++l) {
        if (spec[l].outputs == 0)
            throw std::invalid_argument("make_network: layer " + std::to_string(l) +
                                        " has 0 units");
        if (l > 0 && spec[l].inputs != spec[l - 1].outputs)
            throw std::invalid_argument("make_network: layer " + std::to_string(l) +
                                        " does not fit layer " + std::to_string(l - 1));
        activation(spec[l].activation);
        net.layers.push_back({xt::zeros<double>({spec[l].inputs, spec[l].outputs}),
                              xt::zeros<double>({spec[l].outputs}), spec[l].activation});
    }
    return net;
}
}  // namespace scratchnet
