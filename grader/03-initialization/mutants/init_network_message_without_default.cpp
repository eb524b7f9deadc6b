// mutant: init_network's unknown-scheme message lists the ten initializer names but not "default".
// rejected-by: InitNetwork.BadSpecIsAClearError
#include "initialization.hpp"

#include <cmath>

namespace scratchnet {
Network init_network(const std::vector<LayerSpec>& spec, const std::string& scheme, Rng& rng)
{
    Network net = make_network(spec);
    const bool known =
        scheme == "default" || scheme == "scaled_normal" || scheme == "lecun_normal" ||
        scheme == "glorot_uniform" || scheme == "glorot_normal" || scheme == "he_normal" ||
        scheme == "he_uniform" || scheme == "xavier_uniform" || scheme == "xavier_normal" ||
        scheme == "kaiming_normal" || scheme == "kaiming_uniform";
    if (!known)
        throw std::invalid_argument(
            "init_network: unknown scheme \"" + scheme +
            "\"; the known schemes are glorot_normal, glorot_uniform, "
            "he_normal, he_uniform, kaiming_normal, kaiming_uniform, lecun_normal, "
            "scaled_normal, xavier_normal, xavier_uniform");
    for (std::size_t l = 0; l < spec.size(); ++l) {
        const std::string s = scheme == "default" ? default_scheme(spec[l].activation) : scheme;
        net.layers[l].W = init_weights(s, spec[l].inputs, spec[l].outputs, rng);
        net.layers[l].b = zero_bias(spec[l].outputs);
    }
    return net;
}
}  // namespace scratchnet
