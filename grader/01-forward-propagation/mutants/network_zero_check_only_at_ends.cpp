// mutant: make_network checks for 0 only at the network's ends (the first layer's inputs, the
//         last layer's outputs), trusting the consistency check for the middle — but {2, 0} then
//         {0, 3} is consistent.
// rejected-by: Network.BadSpecIsAClearError
#include "forward_propagation.hpp"

namespace scratchnet {
Network make_network(const std::vector<LayerSpec>& spec)
{
    if (spec.empty())
        throw std::invalid_argument("make_network: the spec has no layers");
    if (spec.front().inputs == 0 || spec.back().outputs == 0)
        throw std::invalid_argument("make_network: a size of 0");
    Network net;
    for (std::size_t l = 0; l < spec.size(); ++l) {
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
