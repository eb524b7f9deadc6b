// mutant: he_normal passes the variance 2 / fan_in where rng.normal takes the standard deviation: the
//         weights are far too small (sigma 2/n instead of sqrt(2/n)).
// rejected-by: HeNormal.DistributionMatchesPyTorch
// rejected-by: HeNormal.DrawOrderMatchesContract
// rejected-by: InitNetwork.DefaultUsesEachLayersActivation
// rejected-by: InitNetwork.HeKeepsReluActivationsAlive
// rejected-by: InitNetwork.MatchesDrawOrder
#include "core.hpp"
#include "initialization.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <xtensor/xbuilder.hpp>

namespace scratchnet {

namespace {

void check_fans(const std::string& function, std::size_t fan_in, std::size_t fan_out)
{
    if (fan_in == 0 || fan_out == 0)
        throw std::invalid_argument(function + ": " + (fan_in == 0 ? "fan_in" : "fan_out") +
                                    " is 0 (fan_in " + std::to_string(fan_in) + ", fan_out " +
                                    std::to_string(fan_out) + ")");
}

}  // namespace

Matrix glorot_uniform(std::size_t fan_in, std::size_t fan_out, Rng& rng)
{
    check_fans("glorot_uniform", fan_in, fan_out);
    const double a = std::sqrt(6.0 / static_cast<double>(fan_in + fan_out));
    return rng.uniform(fan_in, fan_out, -a, a);
}

Matrix he_normal(std::size_t fan_in, std::size_t fan_out, Rng& rng)
{
    check_fans("he_normal", fan_in, fan_out);
    return rng.normal(fan_in, fan_out, 0.0, 2.0 / static_cast<double>(fan_in));
}

std::string default_scheme(const std::string& activation)
{
    if (activation == "relu")
        return "he_normal";
    if (activation == "tanh" || activation == "sigmoid" || activation == "identity")
        return "glorot_uniform";
    throw std::invalid_argument("default_scheme: unknown activation \"" + activation +
                                "\" (known: identity, relu, sigmoid, tanh)");
}

Network init_network(const std::vector<LayerSpec>& spec, const std::string& scheme, Rng& rng)
{
    Network net = make_network(spec);  // checks the spec; all zeros
    const std::vector<std::string> known = {"default",        "scaled_normal",  "lecun_normal",
                                            "glorot_uniform", "glorot_normal",  "he_normal",
                                            "he_uniform",     "xavier_uniform", "xavier_normal",
                                            "kaiming_normal", "kaiming_uniform"};
    if (std::find(known.begin(), known.end(), scheme) == known.end()) {
        std::string names;
        for (const std::string& name : known)
            names += (names.empty() ? "" : ", ") + name;
        throw std::invalid_argument("init_network: unknown scheme \"" + scheme +
                                    "\" (known: " + names + ")");
    }
    for (std::size_t l = 0; l < spec.size(); ++l) {
        const std::string s = scheme == "default" ? default_scheme(spec[l].activation) : scheme;
        net.layers[l].W = init_weights(s, spec[l].inputs, spec[l].outputs, rng);
        net.layers[l].b = xt::zeros<double>({spec[l].outputs});
    }
    return net;
}

}  // namespace scratchnet
