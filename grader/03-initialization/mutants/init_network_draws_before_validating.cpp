// mutant: init_network builds layer by layer and lets make_network validate the spec only at the end: a bad last layer throws with rng already advanced.
// rejected-by: InitNetwork.BadSpecIsAClearError
#include "initialization.hpp"

#include <cmath>

namespace scratchnet {
Network init_network(const std::vector<LayerSpec>& spec, const std::string& scheme, Rng& rng)
{
    Network net;
    for (std::size_t l = 0; l < spec.size(); ++l) {
        const std::string s = scheme == "default" ? default_scheme(spec[l].activation) : scheme;
        net.layers.push_back({init_weights(s, spec[l].inputs, spec[l].outputs, rng),
                              zero_bias(spec[l].outputs), spec[l].activation});
    }
    make_network(spec);  // the spec's errors
    return net;
}
}  // namespace scratchnet
