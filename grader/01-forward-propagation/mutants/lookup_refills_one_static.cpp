// mutant: activation() fills one static Activation with the asked-for entry and returns it, so
//         a reference from an earlier lookup silently changes into the latest one.
// rejected-by: Activations.LookupByName
#include "forward_propagation.hpp"

namespace scratchnet {
const Activation& activation(const std::string& name)
{
    static Activation result;
    if (name == "identity")
        result = {"identity", activations::identity, activations::identity_derivative};
    else if (name == "sigmoid")
        result = {"sigmoid", activations::sigmoid, activations::sigmoid_derivative};
    else if (name == "tanh")
        result = {"tanh", activations::tanh, activations::tanh_derivative};
    else if (name == "relu")
        result = {"relu", activations::relu, activations::relu_derivative};
    else
        throw std::invalid_argument("unknown activation \"" + name +
                                    "\"; known: identity, relu, sigmoid, tanh");
    return result;
}
}  // namespace scratchnet
