// Chapter 03 — initialization. Your file: replace each `throw not_implemented(...)` with your
// code, then run `./grade 03`. The contract (what each function takes and returns, with shapes)
// is in chapters/03-initialization/initialization.hpp; the text is
// chapters/03-initialization/README.md. `./grade hint 03` gives hints one at a time.
// Chapters 01 and 02's functions (make_network, forward, loss_and_gradients, …) are available.
#include "initialization.hpp"

#include <cmath>

#include <xtensor/xmath.hpp>

namespace scratchnet {

Matrix scaled_normal(std::size_t fan_in, std::size_t fan_out, Rng& rng, double scale)
{
    // TODO: check the fans and the scale first (nothing may be drawn when you throw), then one
    // rng.normal per entry, row by row. core.hpp's Rng has a whole-matrix draw too.
    throw not_implemented("scaled_normal");
}

Matrix lecun_normal(std::size_t fan_in, std::size_t fan_out, Rng& rng)
{
    // TODO: Var(w) = 1 / fan_in. Which do you pass to rng.normal: the variance or the std?
    throw not_implemented("lecun_normal");
}

Matrix glorot_uniform(std::size_t fan_in, std::size_t fan_out, Rng& rng)
{
    // TODO: U[-a, a) has variance a^2 / 3. Choose a so that Var(w) = 2 / (fan_in + fan_out).
    throw not_implemented("glorot_uniform");
}

Matrix glorot_normal(std::size_t fan_in, std::size_t fan_out, Rng& rng)
{
    // TODO: Var(w) = 2 / (fan_in + fan_out), drawn from a normal.
    throw not_implemented("glorot_normal");
}

Matrix he_normal(std::size_t fan_in, std::size_t fan_out, Rng& rng)
{
    // TODO: Var(w) = 2 / fan_in. Careful with std::size_t arithmetic: 2 / fan_in is 0.
    throw not_implemented("he_normal");
}

Matrix he_uniform(std::size_t fan_in, std::size_t fan_out, Rng& rng)
{
    // TODO: the uniform with He's variance 2 / fan_in.
    throw not_implemented("he_uniform");
}

Vector zero_bias(std::size_t fan_out)
{
    // TODO: zeros, with fan_out entries.
    throw not_implemented("zero_bias");
}

Matrix init_weights(const std::string& scheme, std::size_t fan_in, std::size_t fan_out, Rng& rng)
{
    // TODO: pick the initializer by its name (ten names, aliases included), like chapter 01's
    // activation(name). An unknown name is an error that lists the known ones.
    throw not_implemented("init_weights");
}

std::string default_scheme(const std::string& activation)
{
    // TODO: He for relu, Glorot (uniform) for the others. The text says why.
    throw not_implemented("default_scheme");
}

Network init_network(const std::vector<LayerSpec>& spec, const std::string& scheme, Rng& rng)
{
    // TODO: chapter 01's make_network gives the shapes (and checks the spec). Check everything
    // before the first draw; then draw layer 0's W, then layer 1's, … from the same rng.
    throw not_implemented("init_network");
}

std::vector<LayerStats> activation_stats(const Network& net, const Matrix& X)
{
    // TODO: one forward pass, then the mean and the std of each layer's output A[l + 1].
    // Compute the mean first, then the mean squared deviation from it.
    throw not_implemented("activation_stats");
}

std::vector<double> gradient_norms(const Network& net, const Matrix& X, const Labels& y)
{
    // TODO: chapter 02's loss_and_gradients, then the Frobenius norm of each dW.
    throw not_implemented("gradient_norms");
}

}  // namespace scratchnet
