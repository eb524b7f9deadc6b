// mutant: the error for an unknown name lists the known names typed by hand, and "identity" was
//         forgotten.
// rejected-by: Activations.UnknownNameIsAClearError
#include <map>

#include "forward_propagation.hpp"

namespace scratchnet {
const Activation& activation(const std::string& name)
{
    static const std::map<std::string, Activation> table = {
        {"identity", {"identity", activations::identity, activations::identity_derivative}},
        {"sigmoid", {"sigmoid", activations::sigmoid, activations::sigmoid_derivative}},
        {"tanh", {"tanh", activations::tanh, activations::tanh_derivative}},
        {"relu", {"relu", activations::relu, activations::relu_derivative}},
    };
    auto found = table.find(name);
    if (found == table.end())
        throw std::invalid_argument("unknown activation \"" + name +
                                    "\"; try relu, sigmoid or tanh");
    return found->second;
}
}  // namespace scratchnet
