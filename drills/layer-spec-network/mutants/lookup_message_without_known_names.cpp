// mutant: the unknown-name error says only "unknown activation "ReLU"": it does not list the
//         names that would work, so the caller has to go and read the code.
// rejected-by: Activations.UnknownNameIsAClearError
#include "core.hpp"
#include "forward_propagation.hpp"

#include <string>
#include <vector>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xoperation.hpp>

namespace scratchnet {

const Activation& activation(const std::string& name)
{
    static const std::vector<Activation> table = {
        {"identity", activations::identity, activations::identity_derivative},
        {"sigmoid", activations::sigmoid, activations::sigmoid_derivative},
        {"tanh", activations::tanh, activations::tanh_derivative},
        {"relu", activations::relu, activations::relu_derivative},
    };
    for (const Activation& entry : table)
        if (entry.name == name)
            return entry;
    throw std::invalid_argument("unknown activation \"" + name + "\"");
}

Network make_network(const std::vector<LayerSpec>& spec)
{
    if (spec.empty())
        throw std::invalid_argument("make_network: the spec has no layers");
    Network net;
    for (std::size_t l = 0; l < spec.size(); ++l) {
        const LayerSpec& layer = spec[l];
        if (layer.inputs == 0 || layer.outputs == 0)
            throw std::invalid_argument("make_network: layer " + std::to_string(l) +
                                        " has a size of 0");
        if (l > 0 && layer.inputs != spec[l - 1].outputs)
            throw std::invalid_argument("make_network: layer " + std::to_string(l) + " takes " +
                                        std::to_string(layer.inputs) + " inputs but layer " +
                                        std::to_string(l - 1) + " gives " +
                                        std::to_string(spec[l - 1].outputs));
        activation(layer.activation);  // throws, naming it, for an unknown name
        net.layers.push_back({xt::zeros<double>({layer.inputs, layer.outputs}),
                              xt::zeros<double>({layer.outputs}), layer.activation});
    }
    return net;
}

ForwardCache forward(const Network& net, const Matrix& X)
{
    if (!net.layers.empty() && X.shape(1) != net.layers.front().W.shape(0))
        throw std::invalid_argument("forward: X is " + shape_str(X) +
                                    " but the first layer takes " +
                                    std::to_string(net.layers.front().W.shape(0)) + " inputs");
    ForwardCache cache;
    cache.A.push_back(X);
    for (const Layer& layer : net.layers) {
        Matrix Z = dot(cache.A.back(), layer.W) + layer.b;
        cache.A.push_back(activation(layer.activation).function(Z));
        cache.Z.push_back(std::move(Z));
    }
    return cache;
}

}  // namespace scratchnet
