/// @file initialization.hpp
/// @brief Chapter 03 contract: weight initializers drawn from the course's seeded Rng (scaled
///        normal, LeCun, Glorot/Xavier, He/Kaiming), zero biases, a network initialized from a
///        scheme name or a default per activation, and per-layer statistics of a forward and a
///        backward pass.
///
/// Shapes follow the course convention: `W: (fan_in, fan_out)` = `(inputs, outputs)` of a layer
/// (`Z = X W + b`), `b: (fan_out)`.
///
/// **Fans, ours and PyTorch's.** `nn.Linear` stores its weight as `(out_features, in_features)`
/// and computes \f$ x W^\top \f$, so PyTorch reads fan_in from `size(1)` and fan_out from
/// `size(0)`. Ours is the transpose: fan_in is the number of rows of W, fan_out the number of
/// columns. PyTorch's `kaiming_normal_` applied to one of our `(in, out)` matrices therefore uses
/// the wrong fan.
///
/// **Draw order (every initializer).** Entries are drawn in row-major order: row 0 from left to
/// right, then row 1, and so on. Each entry takes exactly one call on `rng`:
/// `rng.normal(0.0, sigma)` for a normal scheme and `rng.uniform(-a, a)` for a uniform one (the
/// value is in `[-a, a)`; core.hpp documents how many 64-bit words each call uses). So
/// `he_normal(fi, fo, rng)` gives the same matrix as `rng.normal(fi, fo, 0.0, std::sqrt(2.0 / fi))`,
/// and leaves `rng` in the same state. Nothing else is drawn: biases draw nothing. The checks
/// compare with a relative tolerance of 1e-12, so any equivalent way of writing a formula passes
/// (`1 / sqrt(n)` for `sqrt(1 / n)`, `sqrt(3) * sqrt(2 / n)` for `sqrt(6 / n)`).
///
/// **Errors (every initializer).** Throws `std::invalid_argument` when fan_in is 0 or fan_out is
/// 0, even where the formula does not use that fan (He, LeCun). The message names the zero one
/// ("fan_in" or "fan_out") and gives both values. `rng` is not advanced when it throws.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "backpropagation.hpp"

namespace scratchnet {

/// `randn * scale`, as the seed interview's SimpleNN draws its weights (scale 0.01):
/// \f$ W_{ij} \sim \mathcal{N}(0, \text{scale}^2) \f$ (scale is the standard deviation, not the
/// variance). PyTorch: `normal_(W, 0, scale)`.
///
/// - scale = 0 is valid: all zeros, and it still draws fan_in·fan_out normals.
/// - Also throws `std::invalid_argument` when scale is negative or not finite (NaN, ±inf); the
///   message gives the scale. `rng` is not advanced then either.
Matrix scaled_normal(std::size_t fan_in, std::size_t fan_out, Rng& rng, double scale = 0.01);

/// LeCun normal: \f$ \sigma = \sqrt{1/\mathrm{fan}_{\mathrm{in}}} \f$, so that
/// \f$ \mathrm{Var}(z) = \mathrm{fan}_{\mathrm{in}}\,\mathrm{Var}(w)\,\mathrm{Var}(x)
///     = \mathrm{Var}(x) \f$.
/// The seed notebook's "Xavier" follow-up is this scheme, LeCun's (LeCun et al. 1998). PyTorch:
/// `kaiming_normal_(W, mode="fan_in", nonlinearity="linear")`. Not truncated (Keras's
/// `lecun_normal` is a truncated normal).
Matrix lecun_normal(std::size_t fan_in, std::size_t fan_out, Rng& rng);

/// Glorot/Xavier uniform (Glorot & Bengio 2010): \f$ W_{ij} \sim U[-a, a) \f$ with
/// \f$ a = \sqrt{6/(\mathrm{fan}_{\mathrm{in}} + \mathrm{fan}_{\mathrm{out}})} \f$, whose
/// variance is \f$ a^2/3 = 2/(\mathrm{fan}_{\mathrm{in}} + \mathrm{fan}_{\mathrm{out}}) \f$.
/// PyTorch: `xavier_uniform_(W)`.
Matrix glorot_uniform(std::size_t fan_in, std::size_t fan_out, Rng& rng);

/// Glorot/Xavier normal:
/// \f$ \sigma = \sqrt{2/(\mathrm{fan}_{\mathrm{in}} + \mathrm{fan}_{\mathrm{out}})} \f$.
/// PyTorch: `xavier_normal_(W)`.
Matrix glorot_normal(std::size_t fan_in, std::size_t fan_out, Rng& rng);

/// He/Kaiming normal (He et al. 2015): \f$ \sigma = \sqrt{2/\mathrm{fan}_{\mathrm{in}}} \f$;
/// the factor 2 makes up for ReLU zeroing half of its inputs. PyTorch:
/// `kaiming_normal_(W, mode="fan_in", nonlinearity="relu")`.
Matrix he_normal(std::size_t fan_in, std::size_t fan_out, Rng& rng);

/// He/Kaiming uniform: \f$ U[-a, a) \f$ with \f$ a = \sqrt{6/\mathrm{fan}_{\mathrm{in}}} \f$
/// (variance 2/fan_in). PyTorch: `kaiming_uniform_(W, mode="fan_in", nonlinearity="relu")`. (`nn.Linear`'s
/// own default is another scheme: bound \f$ 1/\sqrt{\mathrm{fan}_{\mathrm{in}}} \f$ and random
/// biases.)
Matrix he_uniform(std::size_t fan_in, std::size_t fan_out, Rng& rng);

/// A zero bias `(fan_out)`. Draws nothing. Throws `std::invalid_argument` when fan_out is 0.
Vector zero_bias(std::size_t fan_out);

/// The initializer named `scheme` applied to (fan_in, fan_out, rng). The known names (exact,
/// case-sensitive) are "scaled_normal" (scale 0.01), "lecun_normal", "glorot_uniform",
/// "glorot_normal", "he_normal", "he_uniform", and PyTorch's aliases "xavier_uniform" and
/// "xavier_normal" (= Glorot, not LeCun), "kaiming_normal" and "kaiming_uniform" (= He).
///
/// Throws `std::invalid_argument` for any other name ("default" included): the message quotes
/// the unknown name and lists every known one; `rng` is not advanced. The fan errors are the
/// initializers'.
Matrix init_weights(const std::string& scheme, std::size_t fan_in, std::size_t fan_out, Rng& rng);

/// The default scheme for a layer with this activation: "he_normal" for "relu";
/// "glorot_uniform" for "tanh", "sigmoid" and "identity" (an output layer).
/// Throws `std::invalid_argument` for any other name: the message quotes it and lists the four
/// known ones.
std::string default_scheme(const std::string& activation);

/// A network with the layers of `spec` (as make_network() builds it, with the same errors),
/// initialized layer by layer: for l = 0, 1, …, L−1 in that order,
/// `W_l = init_weights(s_l, spec[l].inputs, spec[l].outputs, rng)` with the one generator `rng`
/// continuing from layer to layer (no reseeding, no copy), and `b_l = zero_bias(...)` (no draw).
/// `s_l` is `scheme`, or `default_scheme(spec[l].activation)` when `scheme` is "default" — per
/// layer, so a ReLU stack with an identity output gets He, then Glorot.
///
/// Throws `std::invalid_argument` for an unknown scheme (the message quotes it and lists every
/// known one, "default" included). Every error is raised before anything is drawn: when it
/// throws, `rng` is where it was, even if only the last layer is wrong.
Network init_network(const std::vector<LayerSpec>& spec, const std::string& scheme, Rng& rng);

// [layer_stats]
/// Mean and standard deviation of one matrix's entries.
struct LayerStats {
    double mean = 0.0;  ///< \f$ \mu = \frac{1}{M}\sum_k a_k \f$ over all M = N·H entries
    double std =
        0.0;  ///< \f$ \sqrt{\frac{1}{M}\sum_k (a_k - \mu)^2} \f$ (population, NumPy's `a.std()`)
};
// [layer_stats]

/// Forward statistics: entry l is the LayerStats of layer l's activation
/// `A[l+1] = g_l(Z[l])` from forward() — the output of the layer, not its pre-activation; the
/// input `A[0] = X` has no entry. So there are L entries for L layers.
///
/// Computed in two passes (first the mean, then the squared deviations from it): the std is
/// never negative, and it stays accurate when |mean| ≫ std (entries 10⁶ + δ with |δ| ≤ 10⁻³
/// give the std of δ to 10⁻⁶ relative). With a single entry (N = 1, H = 1) the std is 0.
/// Throws what forward() throws.
std::vector<LayerStats> activation_stats(const Network& net, const Matrix& X);

/// Backward statistics: entry l is the Frobenius norm
/// \f$ \lVert dW_l \rVert_F = \sqrt{\sum_{ij} (dW_l)_{ij}^2} \f$ of
/// `loss_and_gradients(net, X, y).grads.dW[l]`, in layer order (entry 0 is the first layer).
/// Biases are not included. Throws what loss_and_gradients() throws.
std::vector<double> gradient_norms(const Network& net, const Matrix& X, const Labels& y);

}  // namespace scratchnet
