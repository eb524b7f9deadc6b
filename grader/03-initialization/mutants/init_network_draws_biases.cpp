// mutant: init_network draws each bias with the layer's own scheme (as nn.Linear draws random biases) instead of zero_bias.
// rejected-by: InitNetwork.MatchesDrawOrder
// rejected-by: InitNetwork.DefaultUsesEachLayersActivation
// rejected-by: InitNetwork.HeKeepsReluActivationsAlive
#include "initialization.hpp"

#include <cmath>

#include <xtensor/xview.hpp>

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
            "\"; the known schemes are default, glorot_normal, glorot_uniform, "
            "he_normal, he_uniform, kaiming_normal, kaiming_uniform, lecun_normal, "
            "scaled_normal, xavier_normal, xavier_uniform");
    for (std::size_t l = 0; l < spec.size(); ++l) {
        const std::string s = scheme == "default" ? default_scheme(spec[l].activation) : scheme;
        net.layers[l].W = init_weights(s, spec[l].inputs, spec[l].outputs, rng);
        const Matrix row = init_weights(s, 1, spec[l].outputs, rng);
        net.layers[l].b = xt::view(row, 0, xt::all());
    }
    return net;
}
}  // namespace scratchnet
