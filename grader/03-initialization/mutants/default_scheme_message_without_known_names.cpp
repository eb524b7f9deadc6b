// mutant: default_scheme throws for an unknown activation with a message that names it but not the four known ones.
// rejected-by: DefaultScheme.UnknownActivationIsAClearError
#include "initialization.hpp"

#include <cmath>

namespace scratchnet {
std::string default_scheme(const std::string& activation)
{
    if (activation == "relu")
        return "he_normal";
    if (activation == "tanh" || activation == "sigmoid" || activation == "identity")
        return "glorot_uniform";
    throw std::invalid_argument("default_scheme: unknown activation \"" + activation + "\"");
}
}  // namespace scratchnet
