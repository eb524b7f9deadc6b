/// @file forward_propagation.hpp
/// @brief Chapter 01 contract: activations looked up by name, the dense layer, and a network
///        built from a layer spec whose forward pass keeps what backprop will need.
///
/// You implement these in `exercises/01-forward-propagation/forward_propagation.cpp`;
/// `./grade 01` checks them. Shapes follow the course convention: a batch of N rows,
/// `X: (N, D)`, `W: (D, H)`, `b: (H)` broadcast over the rows.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core.hpp"

namespace scratchnet {

/// Element-wise activation functions g and their derivatives g' (with respect to the
/// pre-activation z). Every function maps `Z: (N, H)` to a matrix of the same shape.
namespace activations {

/// \f$ g(z) = z \f$ — used for output layers that should stay linear.
Matrix identity(const Matrix& Z);
/// \f$ g'(z) = 1 \f$.
Matrix identity_derivative(const Matrix& Z);

/// \f$ \sigma(z) = 1 / (1 + e^{-z}) \f$. Must stay finite and NaN-free for |z| up to 1e4.
/// For z < 0 it stays accurate in relative terms, as the chapter text promises:
/// \f$ \sigma(-40) \approx 4.2 \times 10^{-18} \f$, not 0 (so no clamping of z, and no
/// \f$ 1 - \sigma(-z) \f$).
Matrix sigmoid(const Matrix& Z);
/// \f$ \sigma'(z) = \sigma(z)\,(1 - \sigma(z)) \f$ — note: evaluated at z, not at \f$\sigma(z)\f$.
Matrix sigmoid_derivative(const Matrix& Z);

/// \f$ \tanh(z) \f$.
Matrix tanh(const Matrix& Z);
/// \f$ \tanh'(z) = 1 - \tanh^2(z) \f$.
Matrix tanh_derivative(const Matrix& Z);

/// \f$ \mathrm{ReLU}(z) = \max(z, 0) \f$.
Matrix relu(const Matrix& Z);
/// 1 where z > 0, else 0 (we take the derivative at exactly 0 to be 0).
Matrix relu_derivative(const Matrix& Z);

}  // namespace activations

// [activation]
/// An activation found by name: the function g and its derivative g'.
struct Activation {
    std::string name;                       ///< e.g. "relu"
    Matrix (*function)(const Matrix& Z);    ///< g, element-wise
    Matrix (*derivative)(const Matrix& Z);  ///< g', element-wise, at the pre-activation Z
};

/// Looks an activation up by name: "identity", "sigmoid", "tanh" or "relu" ("plug and play":
/// a layer spec names its activation as text).
///
/// Throws `std::invalid_argument` for an unknown name; the message names the unknown name
/// and lists every known one.
const Activation& activation(const std::string& name);
// [activation]

/// Dense (fully connected) layer forward: \f$ Z = X W + b \f$.
///
/// - `X: (N, D)` a batch of N inputs, one per row
/// - `W: (D, H)` weights
/// - `b: (H)` bias, added to every row
/// - returns `Z: (N, H)`
///
/// Throws `std::invalid_argument` when the shapes do not fit; the message names the shapes
/// involved, written as `shape_str` writes them, e.g. "(4, 3)".
Matrix dense_forward(const Matrix& X, const Matrix& W, const Vector& b);

// [network]
/// One layer of a layer spec: sizes in and out and the activation's name.
/// (Sizes in and out are both written so that a spec is easy to read and to check.)
struct LayerSpec {
    std::size_t inputs;      ///< D, the size of each input row
    std::size_t outputs;     ///< H, the number of units
    std::string activation;  ///< a name `activation()` knows
};

/// A layer's parameters: `W: (inputs, outputs)`, `b: (outputs)`, and its activation's name.
struct Layer {
    Matrix W;                ///< weights, `(inputs, outputs)`
    Vector b;                ///< bias, `(outputs)`
    std::string activation;  ///< the name `activation()` looks up
};

/// A feed-forward network: its layers, applied in order.
struct Network {
    std::vector<Layer> layers;  ///< layer 0 takes the input X
};
// [network]

/// Builds a network from a layer spec, with every weight and bias set to zero (chapter 03 is
/// about choosing better starting values).
///
/// Throws `std::invalid_argument` for an empty spec, a layer of size 0, a layer whose
/// `inputs` differs from the previous layer's `outputs` (the message names both layers by
/// index), or an unknown activation name.
Network make_network(const std::vector<LayerSpec>& spec);

// [forward_cache]
/// What a forward pass computed, kept for the backward pass of chapter 02.
///
/// For a network of L layers and a batch `X: (N, D)`:
/// - `Z[l]: (N, H_l)` is layer l's pre-activation, \f$ Z_l = A_l W_l + b_l \f$, for l = 0..L-1
/// - `A[0]` is X itself and `A[l+1] = g_l(Z[l])`, so A has L+1 entries
struct ForwardCache {
    std::vector<Matrix> Z;  ///< pre-activations, one per layer: `Z[l]: (N, H_l)`
    std::vector<Matrix> A;  ///< activations: `A[0] = X`, then `A[l+1] = g_l(Z[l])`
    /// The network's output, `A[L]: (N, H_{L-1})`.
    const Matrix& output() const { return A.back(); }
};

/// Forward pass of `net` on a batch `X: (N, D)`: every layer's dense step then its activation.
///
/// Returns the cache (see ForwardCache); the output is `cache.output()`.
/// Throws `std::invalid_argument` when X's columns differ from the first layer's inputs.
ForwardCache forward(const Network& net, const Matrix& X);
// [forward_cache]

/// A network with hand-chosen weights that computes XOR exactly:
/// input `X: (4, 2)` with rows (0,0), (0,1), (1,0), (1,1) → output `(4, 1)` equal to 0, 1, 1, 0
/// (within 1e-9). It needs at least one hidden layer — the chapter text explains why.
Network xor_network();

}  // namespace scratchnet
