// The initialization schemes the chapter's figures compare, and a network initialized by one of
// them (included by activation_std.cpp, gradient_norms.cpp and init_training.cpp).
#pragma once

#include <string>
#include <vector>

#include "initialization.hpp"

namespace figures {

// The schemes, in the figures' order. "scaled_normal 1.0" is scaled_normal with scale 1
// (init_weights knows scaled_normal only with its default scale, 0.01).
inline const std::vector<std::string> kSchemes = {
    "scaled_normal", "scaled_normal 1.0", "lecun_normal", "glorot_uniform",
    "glorot_normal", "he_normal",         "he_uniform"};

// init_network(spec, scheme, rng); for "scaled_normal 1.0", the layers of make_network(spec)
// with every W drawn by scaled_normal(…, 1.0) from rng, layer 0 first, and zero biases.
inline scratchnet::Network init_for_figure(const std::vector<scratchnet::LayerSpec>& spec,
                                           const std::string& scheme, scratchnet::Rng& rng)
{
    if (scheme != "scaled_normal 1.0")
        return scratchnet::init_network(spec, scheme, rng);
    scratchnet::Network net = scratchnet::make_network(spec);
    for (std::size_t l = 0; l < spec.size(); ++l)
        net.layers[l].W = scratchnet::scaled_normal(spec[l].inputs, spec[l].outputs, rng, 1.0);
    return net;
}

}  // namespace figures
