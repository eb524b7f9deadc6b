// Chapter 03 reference solution. Open by design: read it after your own attempt passes.
#include "initialization.hpp"

#include <cmath>
#include <map>
#include <sstream>

#include <xtensor/xmath.hpp>

namespace scratchnet {

namespace {

// Throws unless both fans are positive: a (0, n) weight matrix is a layer with no inputs.
void check_fans(const char* function, std::size_t fan_in, std::size_t fan_out)
{
    const char* zero = fan_in == 0 ? "fan_in" : fan_out == 0 ? "fan_out" : nullptr;
    if (zero)
        throw std::invalid_argument(std::string(function) + ": " + zero + " is 0 (fan_in " +
                                    std::to_string(fan_in) + ", fan_out " +
                                    std::to_string(fan_out) + ")");
}

double as_double(std::size_t n) { return static_cast<double>(n); }

}  // namespace

// [initializers]
Matrix scaled_normal(std::size_t fan_in, std::size_t fan_out, Rng& rng, double scale)
{
    check_fans("scaled_normal", fan_in, fan_out);
    if (!(scale >= 0.0) || std::isinf(scale)) {  // NaN fails every comparison
        std::ostringstream text;
        text << "scaled_normal: the scale must be a finite number >= 0, not " << scale;
        throw std::invalid_argument(text.str());
    }
    return rng.normal(fan_in, fan_out, 0.0, scale);
}

Matrix lecun_normal(std::size_t fan_in, std::size_t fan_out, Rng& rng)
{
    check_fans("lecun_normal", fan_in, fan_out);
    return rng.normal(fan_in, fan_out, 0.0, std::sqrt(1.0 / as_double(fan_in)));
}

Matrix glorot_uniform(std::size_t fan_in, std::size_t fan_out, Rng& rng)
{
    check_fans("glorot_uniform", fan_in, fan_out);
    const double a = std::sqrt(6.0 / as_double(fan_in + fan_out));  // variance a²/3
    return rng.uniform(fan_in, fan_out, -a, a);
}

Matrix glorot_normal(std::size_t fan_in, std::size_t fan_out, Rng& rng)
{
    check_fans("glorot_normal", fan_in, fan_out);
    return rng.normal(fan_in, fan_out, 0.0, std::sqrt(2.0 / as_double(fan_in + fan_out)));
}

Matrix he_normal(std::size_t fan_in, std::size_t fan_out, Rng& rng)
{
    check_fans("he_normal", fan_in, fan_out);
    return rng.normal(fan_in, fan_out, 0.0, std::sqrt(2.0 / as_double(fan_in)));
}

Matrix he_uniform(std::size_t fan_in, std::size_t fan_out, Rng& rng)
{
    check_fans("he_uniform", fan_in, fan_out);
    const double a = std::sqrt(6.0 / as_double(fan_in));  // variance a²/3 = 2/fan_in
    return rng.uniform(fan_in, fan_out, -a, a);
}
// [initializers]

Vector zero_bias(std::size_t fan_out)
{
    if (fan_out == 0)
        throw std::invalid_argument("zero_bias: fan_out is 0");
    return xt::zeros<double>({fan_out});
}

namespace {

using Initializer = Matrix (*)(std::size_t, std::size_t, Rng&);

Matrix scaled_normal_default(std::size_t fan_in, std::size_t fan_out, Rng& rng)
{
    return scaled_normal(fan_in, fan_out, rng);
}

const std::map<std::string, Initializer>& schemes()
{
    static const std::map<std::string, Initializer> table{
        {"scaled_normal", scaled_normal_default},
        {"lecun_normal", lecun_normal},
        {"glorot_uniform", glorot_uniform},
        {"glorot_normal", glorot_normal},
        {"he_normal", he_normal},
        {"he_uniform", he_uniform},
        {"xavier_uniform", glorot_uniform},
        {"xavier_normal", glorot_normal},
        {"kaiming_normal", he_normal},
        {"kaiming_uniform", he_uniform},
    };
    return table;
}

std::string known_schemes()
{
    std::string names;
    for (const auto& entry : schemes())
        names += (names.empty() ? "" : ", ") + entry.first;
    return names;
}

}  // namespace

// [init_weights]
Matrix init_weights(const std::string& scheme, std::size_t fan_in, std::size_t fan_out, Rng& rng)
{
    const auto found = schemes().find(scheme);
    if (found == schemes().end())
        throw std::invalid_argument("init_weights: unknown scheme \"" + scheme +
                                    "\"; the known schemes are " + known_schemes());
    return found->second(fan_in, fan_out, rng);
}

std::string default_scheme(const std::string& activation)
{
    if (activation == "relu")
        return "he_normal";
    if (activation == "tanh" || activation == "sigmoid" || activation == "identity")
        return "glorot_uniform";
    throw std::invalid_argument("default_scheme: unknown activation \"" + activation +
                                "\"; the known activations are identity, relu, sigmoid, tanh");
}
// [init_weights]

// [init_network]
Network init_network(const std::vector<LayerSpec>& spec, const std::string& scheme, Rng& rng)
{
    // Everything is checked before the first draw, so an error leaves rng untouched.
    Network net = make_network(spec);  // zeros: the shapes, and the spec's errors
    if (scheme != "default" && schemes().count(scheme) == 0)
        throw std::invalid_argument("init_network: unknown scheme \"" + scheme +
                                    "\"; the known schemes are default, " + known_schemes());
    std::vector<std::string> layer_schemes;  // every layer's scheme, before the first draw
    for (const LayerSpec& layer : spec)
        layer_schemes.push_back(scheme == "default" ? default_scheme(layer.activation) : scheme);
    for (std::size_t l = 0; l < spec.size(); ++l) {
        net.layers[l].W = init_weights(layer_schemes[l], spec[l].inputs, spec[l].outputs, rng);
        net.layers[l].b = zero_bias(spec[l].outputs);
    }
    return net;
}
// [init_network]

// [statistics]
std::vector<LayerStats> activation_stats(const Network& net, const Matrix& X)
{
    const ForwardCache cache = forward(net, X);
    std::vector<LayerStats> stats;
    for (std::size_t l = 1; l < cache.A.size(); ++l) {  // A[0] is X: not a layer's output
        const Matrix& A = cache.A[l];
        const double mean = xt::mean(A)();
        const double var = xt::mean(xt::square(A - mean))();  // two passes: accurate, never < 0
        stats.push_back({mean, std::sqrt(var)});
    }
    return stats;
}

std::vector<double> gradient_norms(const Network& net, const Matrix& X, const Labels& y)
{
    const Gradients grads = loss_and_gradients(net, X, y).grads;
    std::vector<double> norms;
    for (const Matrix& dW : grads.dW)
        norms.push_back(std::sqrt(xt::sum(xt::square(dW))()));
    return norms;
}
// [statistics]

}  // namespace scratchnet
