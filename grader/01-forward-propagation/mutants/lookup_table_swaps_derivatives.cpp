// mutant: a copy-paste slip in the table: "tanh" carries sigmoid's derivative and "sigmoid"
//         tanh's (each function is right on its own).
// rejected-by: Activations.LookupByName
#include <map>

#include "forward_propagation.hpp"

namespace scratchnet {
const Activation& activation(const std::string& name)
{
    static const std::map<std::string, Activation> table = {
        {"identity", {"identity", activations::identity, activations::identity_derivative}},
        {"sigmoid", {"sigmoid", activations::sigmoid, activations::tanh_derivative}},
        {"tanh", {"tanh", activations::tanh, activations::sigmoid_derivative}},
        {"relu", {"relu", activations::relu, activations::relu_derivative}},
    };
    auto found = table.find(name);
    if (found == table.end())
        throw std::invalid_argument("unknown activation \"" + name +
                                    "\"; known: identity, relu, sigmoid, tanh");
    return found->second;
}
}  // namespace scratchnet
