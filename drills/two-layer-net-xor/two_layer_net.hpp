/// @file two_layer_net.hpp
/// @brief Drill two-layer-net-xor: the API you implement in your drill file (see its top
///        comment).
///
/// Rows are examples: X is (N, inputs); labels are N integers in [0, classes). Biases are
/// Vectors, added to every row.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core.hpp"

namespace scratchnet::drill {

/// A network inputs → hidden (ReLU) → classes (scores, read through a softmax).
struct TwoLayerNet {
    Matrix W1;  ///< (inputs, hidden)
    Vector b1;  ///< (hidden)
    Matrix W2;  ///< (hidden, classes)
    Vector b2;  ///< (classes)

    /// Empty matrices and vectors (the checks fill the members themselves).
    TwoLayerNet() = default;

    /// W1 (inputs, hidden), b1 (hidden), W2 (hidden, classes), b2 (classes), drawn from `rng`.
    TwoLayerNet(std::size_t inputs, std::size_t hidden, std::size_t classes, Rng& rng);

    /// X (N, inputs) → scores (N, classes).
    Matrix scores(const Matrix& X) const;

    /// X (N, inputs), y (N labels): one gradient-descent step with learning rate `lr`.
    /// Returns the loss of the parameters as they were before the step.
    double loss_and_step(const Matrix& X, const Labels& y, double lr);

    /// X (N, inputs) → N labels in [0, classes).
    Labels predict(const Matrix& X) const;
};

/// What train_two_layer_net_xor returns.
struct XorRun {
    TwoLayerNet net;             ///< the trained network, (2, 10, 2)
    std::vector<double> losses;  ///< one per epoch: 1000 entries
};

/// The 2-10-2 TwoLayerNet trained on XOR from scratchnet::Rng(seed).
XorRun train_two_layer_net_xor(std::uint64_t seed);

}  // namespace scratchnet::drill
