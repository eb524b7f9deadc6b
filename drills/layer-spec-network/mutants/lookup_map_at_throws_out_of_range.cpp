// mutant: the table is a std::map and the lookup is table.at(name): an unknown name throws
//         std::out_of_range ("map::at"), not std::invalid_argument, and the message names
//         nothing; make_network lets it through for an unknown activation.
// rejected-by: Activations.UnknownNameIsAClearError
// rejected-by: Network.BadSpecIsAClearError
#include "core.hpp"
#include "forward_propagation.hpp"

#include <map>
#include <string>
#include <vector>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xoperation.hpp>

namespace scratchnet {

const Activation& activation(const std::string& name)
{
    static const std::map<std::string, Activation> table = {
        {"identity", {"identity", activations::identity, activations::identity_derivative}},
        {"sigmoid", {"sigmoid", activations::sigmoid, activations::sigmoid_derivative}},
        {"tanh", {"tanh", activations::tanh, activations::tanh_derivative}},
        {"relu", {"relu", activations::relu, activations::relu_derivative}},
    };
    return table.at(name);
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
