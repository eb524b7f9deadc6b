// mutant: default_scheme compares lower-cased names: "ReLU" and "Tanh" are accepted.
// rejected-by: DefaultScheme.UnknownActivationIsAClearError
#include "initialization.hpp"

#include <cctype>
#include <cmath>

namespace scratchnet {
std::string default_scheme(const std::string& activation)
{
    std::string a = activation;
    for (auto& ch : a)
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (a == "relu")
        return "he_normal";
    if (a == "tanh" || a == "sigmoid" || a == "identity")
        return "glorot_uniform";
    throw std::invalid_argument("default_scheme: unknown activation \"" + activation +
                                "\"; the known activations are identity, relu, sigmoid, tanh");
}
}  // namespace scratchnet
