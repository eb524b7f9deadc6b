// mutant: activation() accepts any name that starts with a known one (it compares only the
//         known name's length), so "relu " and "tanhh" are taken for relu and tanh.
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
    std::string known;
    for (const auto& entry : table) {
        if (name.compare(0, entry.first.size(), entry.first) == 0)
            return entry.second;
        known += (known.empty() ? "" : ", ") + entry.first;
    }
    throw std::invalid_argument("unknown activation \"" + name + "\"; known: " + known);
}
}  // namespace scratchnet
