// mutant: make_network checks each activation name together with the previous layer (inside
//         "if (l > 0)"), so layer 0's name is never looked up.
// rejected-by: Network.BadSpecIsAClearError
#include "forward_propagation.hpp"

namespace scratchnet {
Network make_network(const std::vector<LayerSpec>& spec)
{
    if (spec.empty())
        throw std::invalid_argument("make_network: the spec has no layers");
    Network net;
    for (std::size_t l = 0; l < spec.size(); ++l) {
        if (spec[l].inputs == 0 || spec[l].outputs == 0)
            throw std::invalid_argument("make_network: layer " + std::to_string(l) +
                                        " has a size of 0");
        if (l > 0) {
            if (spec[l].inputs != spec[l - 1].outputs)
                throw std::invalid_argument("make_network: layer " + std::to_string(l) +
                                            " does not fit layer " + std::to_string(l - 1));
            activation(spec[l].activation);
        }
        net.layers.push_back({xt::zeros<double>({spec[l].inputs, spec[l].outputs}),
                              xt::zeros<double>({spec[l].outputs}), spec[l].activation});
    }
    return net;
}
}  // namespace scratchnet
