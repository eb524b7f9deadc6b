// Random networks for checks of chapter 01 and later (the kit; see harness.hpp).
//
// Built directly from chapter 01's plain structs — never through make_network — so that a
// check calls only the learner function it grades: a bug in make_network cannot fail a
// forward or backward check with the wrong hint.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "forward_propagation.hpp"
#include "harness.hpp"

namespace grader {

/// The shape of a random network: how many layers, how wide, which activations, how large.
struct NetworkShape {
    Range layers{1, 4};   ///< number of layers
    Range widths{1, 6};   ///< input and hidden widths
    Range outputs{1, 6};  ///< the last layer's width (e.g. the number of classes)
    std::vector<std::string> hidden{"identity", "sigmoid", "tanh", "relu"};  ///< drawn per layer
    std::vector<std::string> last{};  ///< the last layer's activation; empty: drawn from `hidden`
    double weight_range = 1.5;        ///< W uniform in ±weight_range …
    bool scale_by_fan_in = false;     ///< … divided by √fan_in when set
    double bias_range = 0.5;          ///< b uniform in ±bias_range
};

/// A random network; the case's description becomes its architecture, e.g. "layers
/// 3-relu-5-identity-2" (append the inputs' shapes to it).
inline scratchnet::Network random_network(Case& c, const NetworkShape& shape = {})
{
    scratchnet::Network net;
    const std::size_t depth = c.rng.integer(shape.layers.lo, shape.layers.hi);
    std::size_t width = c.rng.integer(shape.widths.lo, shape.widths.hi);
    std::string arch = std::to_string(width);
    for (std::size_t l = 0; l < depth; ++l) {
        const bool last = l + 1 == depth;
        const std::size_t next = last ? c.rng.integer(shape.outputs.lo, shape.outputs.hi)
                                      : c.rng.integer(shape.widths.lo, shape.widths.hi);
        const auto& names = last && !shape.last.empty() ? shape.last : shape.hidden;
        const std::string g = names[c.rng.integer(0, names.size() - 1)];
        const double scale = shape.weight_range /
                             (shape.scale_by_fan_in ? std::sqrt(static_cast<double>(width)) : 1.0);
        net.layers.push_back({c.rng.matrix(width, next, -scale, scale),
                              c.rng.vector(next, -shape.bias_range, shape.bias_range), g});
        arch += "-" + g + "-" + std::to_string(next);
        width = next;
    }
    c.description = "layers " + arch;
    return net;
}

/// The layer spec of a network (what make_network would be given to build its shape).
inline std::vector<scratchnet::LayerSpec> spec_of(const scratchnet::Network& net)
{
    std::vector<scratchnet::LayerSpec> spec;
    for (const auto& layer : net.layers)
        spec.push_back({layer.W.shape(0), layer.W.shape(1), layer.activation});
    return spec;
}

/// A batch of `rows` inputs for `net`, uniform in ±range; appends "X (n, d)" to the description.
inline scratchnet::Matrix random_inputs(Case& c, const scratchnet::Network& net, std::size_t rows,
                                        double range = 2.0)
{
    scratchnet::Matrix X = c.rng.matrix(rows, net.layers.front().W.shape(0), -range, range);
    c.description += ", X " + scratchnet::shape_str(X);
    return X;
}

/// Every layer's W and b of `got` against `expected` (e.g. the network before a step).
inline void expect_network(const Case& c, const std::string& what, const scratchnet::Network& got,
                           const scratchnet::Network& expected, Tolerance tol = {1e-12, 1e-12})
{
    if (!expect_count(c, "the network " + what, got.layers.size(), expected.layers.size()))
        return;
    for (std::size_t l = 0; l < expected.layers.size(); ++l) {
        const std::string at = "layer " + std::to_string(l);
        expect_close(c, at + " W " + what, got.layers[l].W, expected.layers[l].W, tol);
        expect_close(c, at + " b " + what, got.layers[l].b, expected.layers[l].b, tol);
    }
}

}  // namespace grader
