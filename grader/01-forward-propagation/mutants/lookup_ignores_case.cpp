// mutant: activation() lower-cases the name first, to be friendly, so "ReLU" and "Sigmoid" are
//         accepted although names are case-sensitive.
// rejected-by: Activations.UnknownNameIsAClearError
// rejected-by: Network.BadSpecIsAClearError
#include <algorithm>
#include <cctype>
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
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    auto found = table.find(lower);
    if (found == table.end())
        throw std::invalid_argument("unknown activation \"" + name +
                                    "\"; known: identity, relu, sigmoid, tanh");
    return found->second;
}
}  // namespace scratchnet
