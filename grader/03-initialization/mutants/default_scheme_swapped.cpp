// mutant: default_scheme swapped: Glorot uniform for relu, He normal for tanh, sigmoid and identity.
// rejected-by: DefaultScheme.ByActivation
// rejected-by: InitNetwork.DefaultUsesEachLayersActivation
#include "initialization.hpp"

#include <cmath>

namespace scratchnet {
std::string default_scheme(const std::string& activation)
{
    if (activation == "relu")
        return "glorot_uniform";
    if (activation == "tanh" || activation == "sigmoid" || activation == "identity")
        return "he_normal";
    throw std::invalid_argument("default_scheme: unknown activation \"" + activation +
                                "\"; the known activations are identity, relu, sigmoid, tanh");
}
}  // namespace scratchnet
