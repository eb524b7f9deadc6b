// mutant: an unknown activation name silently falls back to ReLU instead of being an error.
// rejected-by: Activations.UnknownNameIsAClearError
// rejected-by: Network.BadSpecIsAClearError
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
    return found == table.end() ? table.at("relu") : found->second;
}
}  // namespace scratchnet
