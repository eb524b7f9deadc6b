// mutant: make_network allocates W as (outputs, inputs), the PyTorch nn.Linear layout, instead
//         of the course's (inputs, outputs).
// rejected-by: Network.BuiltFromSpec
#include "forward_propagation.hpp"

namespace scratchnet {
Network make_network(const std::vector<LayerSpec>& spec)
{
    if (spec.empty())
        throw std::invalid_argument("make_network: empty spec");
    Network net;
    for (std::size_t l = 0; l < spec.size(); ++l) {
        if (spec[l].inputs == 0 || spec[l].outputs == 0 ||
            (l > 0 && spec[l].inputs != spec[l - 1].outputs))
            throw std::invalid_argument("make_network: bad sizes at layer " + std::to_string(l) +
                                        " after layer " + std::to_string(l ? l - 1 : 0));
        activation(spec[l].activation);
        net.layers.push_back({xt::zeros<double>({spec[l].outputs, spec[l].inputs}),
                              xt::zeros<double>({spec[l].outputs}), spec[l].activation});
    }
    return net;
}
}  // namespace scratchnet
