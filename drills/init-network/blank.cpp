// Drill: initialize a network (Xavier/Glorot or He by activation).  ./grade drill check
//
// Row convention: a layer computes Z = X W + b with W (fan_in, fan_out) = (inputs, outputs)
// and b (fan_out). rng is the course's seeded generator (core.hpp): rng.normal(mean, stddev)
// and rng.uniform(lo, hi), the latter in [lo, hi).
//
// Write:
//   glorot_uniform(fan_in, fan_out, rng)  W with entries U[-a, a), a = sqrt(6 / (fan_in + fan_out)).
//   he_normal(fan_in, fan_out, rng)       W with entries N(0, sigma^2), sigma = sqrt(2 / fan_in).
//   default_scheme(activation)            "he_normal" for "relu"; "glorot_uniform" for "tanh",
//                                         "sigmoid" and "identity".
//   init_network(spec, scheme, rng)       the layers of spec (make_network(spec) builds them,
//                                         all zeros, and checks the spec), then for layer 0, 1, …
//                                         in order: W = init_weights(s, inputs, outputs, rng),
//                                         b all zeros. s is scheme, or default_scheme(the layer's
//                                         activation) when scheme is "default".
// init_weights(scheme, fan_in, fan_out, rng) and make_network(spec) are given (the course's
// reference): init_weights knows "scaled_normal", "lecun_normal", "glorot_uniform",
// "glorot_normal", "he_normal", "he_uniform" and the aliases "xavier_uniform", "xavier_normal",
// "kaiming_normal", "kaiming_uniform"; it calls your glorot_uniform and he_normal.
//
// Draw order: entries row by row (row 0 left to right, then row 1, …), exactly one rng call per
// entry and nothing else: biases draw nothing, and one rng continues from layer to layer.
//
// Errors, all std::invalid_argument:
//   glorot_uniform, he_normal  fan_in = 0 or fan_out = 0 (each alone; He too, though its
//                              formula has no fan_out): the message contains "fan_in" or
//                              "fan_out", whichever is 0, and both values.
//   default_scheme             any other activation name (exact, case-sensitive): the message
//                              contains the name and the four known ones.
//   init_network               make_network's errors, and an unknown scheme ("default" is
//                              known): the message contains the scheme and every known name.
// Nothing may be drawn before an error: when a function throws, rng is where it was.
//
// The hidden checks: your matrices against the formulas drawn in this order (1e-12 relative);
// sample mean and variance of large matrices against PyTorch's scales; uniform draws inside
// [-a, a) and filling it; fans that differ (a swap shows) and fans of 1; networks of 1 to 5
// layers with mixed activations; no two hidden units alike; a 10-layer, 256-wide ReLU stack
// whose activations neither vanish nor explode.
//
// Matrix is xt::xtensor<double, 2>, Vector xt::xtensor<double, 1> (core.hpp);
// rng.normal(rows, cols, mean, stddev) and rng.uniform(rows, cols, lo, hi) draw whole matrices
// row by row; xt::zeros<double>({n}) is a zero vector.
#include "core.hpp"
#include "initialization.hpp"

#include <cmath>
#include <string>
#include <vector>

#include <xtensor/xbuilder.hpp>

namespace scratchnet {

Matrix glorot_uniform(std::size_t fan_in, std::size_t fan_out, Rng& rng)
{
    // your code
    throw not_implemented("glorot_uniform");
}

Matrix he_normal(std::size_t fan_in, std::size_t fan_out, Rng& rng)
{
    // your code
    throw not_implemented("he_normal");
}

std::string default_scheme(const std::string& activation)
{
    // your code
    throw not_implemented("default_scheme");
}

Network init_network(const std::vector<LayerSpec>& spec, const std::string& scheme, Rng& rng)
{
    // your code
    throw not_implemented("init_network");
}

}  // namespace scratchnet
