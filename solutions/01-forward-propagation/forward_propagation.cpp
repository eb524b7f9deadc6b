// Chapter 01 reference solution. Open by design: read it after your own attempt passes.
#include "forward_propagation.hpp"

#include <map>

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>

namespace scratchnet {

namespace activations {

// [identity]
Matrix identity(const Matrix& Z) { return Z; }
Matrix identity_derivative(const Matrix& Z) { return xt::ones_like(Z); }
// [identity]

// [sigmoid]
Matrix sigmoid(const Matrix& Z)
{
    // e = exp(-|z|) lies in (0, 1], so neither branch can overflow: for z >= 0 use
    // 1 / (1 + e^-z), for z < 0 the same value rewritten as e^z / (1 + e^z).
    Matrix e = xt::exp(-xt::abs(Z));
    return xt::where(Z >= 0.0, 1.0 / (1.0 + e), e / (1.0 + e));
}

Matrix sigmoid_derivative(const Matrix& Z)
{
    Matrix s = sigmoid(Z);
    return s * (1.0 - s);
}
// [sigmoid]

// [tanh]
Matrix tanh(const Matrix& Z) { return xt::tanh(Z); }

Matrix tanh_derivative(const Matrix& Z)
{
    Matrix t = xt::tanh(Z);
    return 1.0 - t * t;
}
// [tanh]

// [relu]
Matrix relu(const Matrix& Z) { return xt::maximum(Z, 0.0); }

Matrix relu_derivative(const Matrix& Z) { return xt::where(Z > 0.0, 1.0, 0.0); }
// [relu]

}  // namespace activations

// [lookup]
const Activation& activation(const std::string& name)
{
    static const std::map<std::string, Activation> table = {
        {"identity", {"identity", activations::identity, activations::identity_derivative}},
        {"sigmoid", {"sigmoid", activations::sigmoid, activations::sigmoid_derivative}},
        {"tanh", {"tanh", activations::tanh, activations::tanh_derivative}},
        {"relu", {"relu", activations::relu, activations::relu_derivative}},
    };
    auto found = table.find(name);
    if (found == table.end()) {
        std::string known;
        for (const auto& entry : table)
            known += (known.empty() ? "" : ", ") + entry.first;
        throw std::invalid_argument("unknown activation \"" + name + "\"; known: " + known);
    }
    return found->second;
}
// [lookup]

// [dense_forward]
Matrix dense_forward(const Matrix& X, const Matrix& W, const Vector& b)
{
    if (X.shape(1) != W.shape(0))
        throw std::invalid_argument("dense_forward: X is " + shape_str(X) + " but W is " +
                                    shape_str(W) + ": X's columns must equal W's rows");
    if (b.size() != W.shape(1))
        throw std::invalid_argument("dense_forward: b is " + shape_str(b) + " but W is " +
                                    shape_str(W) + ": b needs one entry per column of W");
    return dot(X, W) + b;  // b: (H) broadcasts over the N rows
}
// [dense_forward]

// [make_network]
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
                                        std::to_string(spec[l - 1].outputs) + " outputs");
        activation(layer.activation);  // throws for an unknown name
        net.layers.push_back({xt::zeros<double>({layer.inputs, layer.outputs}),
                              xt::zeros<double>({layer.outputs}), layer.activation});
    }
    return net;
}
// [make_network]

// [forward]
ForwardCache forward(const Network& net, const Matrix& X)
{
    ForwardCache cache;
    cache.A.push_back(X);
    for (const Layer& layer : net.layers) {
        Matrix Z = dense_forward(cache.A.back(), layer.W, layer.b);
        cache.A.push_back(activation(layer.activation).function(Z));
        cache.Z.push_back(std::move(Z));
    }
    return cache;
}
// [forward]

// [xor_network]
Network xor_network()
{
    // Hidden unit 1 counts the ones: h1 = relu(x1 + x2).
    // Hidden unit 2 fires only for (1, 1): h2 = relu(x1 + x2 - 1).
    // Output h1 - 2 h2 is 0, 1, 1, 0.  (The lines up to W are snippet [xor_spec].)
    Network net = make_network({{2, 2, "relu"},        // layer 0: 2 inputs, 2 units
                                {2, 1, "identity"}});  // layer 1: 2 inputs, 1 output
    net.layers[0].W = {{1.0, 1.0}, {1.0, 1.0}};        // [xor_spec]
    net.layers[0].b = {0.0, -1.0};
    net.layers[1].W = {{1.0}, {-2.0}};
    net.layers[1].b = {0.0};
    return net;
}
// [xor_network]

}  // namespace scratchnet
