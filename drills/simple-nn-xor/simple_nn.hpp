/// @file simple_nn.hpp
/// @brief Drill simple-nn-xor: the API you implement in your drill file (see its top comment).
///
/// Rows are examples: X is (N, inputs). Biases are Vectors, added to every row.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core.hpp"

namespace scratchnet::drill {

/// A network inputs → hidden → outputs with sigmoid units in both layers.
struct SimpleNN {
    Matrix W1;  ///< (inputs, hidden)
    Vector b1;  ///< (hidden)
    Matrix W2;  ///< (hidden, outputs)
    Vector b2;  ///< (outputs)

    /// What the last forward(X) computed, kept for backward.
    Matrix z1;  ///< (N, hidden)
    Matrix a1;  ///< (N, hidden)
    Matrix z2;  ///< (N, outputs)
    Matrix a2;  ///< (N, outputs)

    /// Empty matrices and vectors (the checks fill the members themselves).
    SimpleNN() = default;

    /// W1 (inputs, hidden), b1 (hidden), W2 (hidden, outputs), b2 (outputs), drawn from `rng`.
    SimpleNN(std::size_t inputs, std::size_t hidden, std::size_t outputs, double init_scale,
             Rng& rng);

    /// X (N, inputs) → (N, outputs), each entry in [0, 1].
    Matrix forward(const Matrix& X);

    /// One gradient-descent step with learning rate `lr`, after forward(X).
    /// X (N, inputs); Y (N, outputs) of 0s and 1s.
    void backward(const Matrix& X, const Matrix& Y, double lr);

    /// X (N, inputs) → N labels, 0 or 1 (a net with one output).
    Labels predict(const Matrix& X);
};

/// The 2-4-1 SimpleNN trained on XOR from scratchnet::Rng(seed).
SimpleNN train_simple_nn_xor(std::uint64_t seed);

}  // namespace scratchnet::drill
