// mutant: make_network forgets the empty spec and returns a network with no layers.
// rejected-by: Network.BadSpecIsAClearError
#include "forward_propagation.hpp"

namespace scratchnet {
Network make_network(const std::vector<LayerSpec>& spec)
{
    Network net;
    for (std::size_t l = 0; l < spec.size(); ++l) {
        if (spec[l].inputs == 0 || spec[l].outputs == 0)
            throw std::invalid_argument("make_network: layer " + std::to_string(l) +
                                        " has a size of 0");
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
