// Drill solution: SimpleNN, 2-4-1 with sigmoid units, trained on XOR for the binary
// cross-entropy, with the settings that learn (init scale 1, lr 1.0).
#include "core.hpp"
#include "simple_nn.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet::drill {

namespace {

// exp only ever sees -|z| <= 0, so it cannot overflow.
Matrix sigmoid(const Matrix& Z)
{
    Matrix e = xt::exp(-xt::abs(Z));
    return xt::where(Z >= 0.0, 1.0 / (1.0 + e), e / (1.0 + e));
}

// init_scale * N(0, 1) per entry, row-major.
Matrix scaled_normal(std::size_t rows, std::size_t cols, double init_scale, Rng& rng)
{
    Matrix W = xt::zeros<double>({rows, cols});
    for (auto& w : W)
        w = init_scale * rng.normal(0.0, 1.0);
    return W;
}

}  // namespace

SimpleNN::SimpleNN(std::size_t inputs, std::size_t hidden, std::size_t outputs, double init_scale,
                   Rng& rng)
{
    W1 = scaled_normal(inputs, hidden, init_scale, rng);
    b1 = xt::zeros<double>({hidden});
    W2 = scaled_normal(hidden, outputs, init_scale, rng);
    b2 = xt::zeros<double>({outputs});
}

Matrix SimpleNN::forward(const Matrix& X)
{
    z1 = dot(X, W1) + b1;
    a1 = sigmoid(z1);
    z2 = dot(a1, W2) + b2;
    a2 = sigmoid(z2);
    return a2;
}

void SimpleNN::backward(const Matrix& X, const Matrix& Y, double lr)
{
    const double m = static_cast<double>(X.shape(0));
    // Mean binary cross-entropy through the output sigmoid: dL/dz2 = (a2 - Y) / m.
    Matrix dz2 = (a2 - Y) / m;
    Matrix dW2 = dot(xt::transpose(a1), dz2);
    Vector db2 = xt::sum(dz2, {0});
    Matrix da1 = dot(dz2, xt::transpose(W2));  // with W2 as the forward pass used it
    Matrix dz1 = da1 * a1 * (1.0 - a1);
    Matrix dW1 = dot(xt::transpose(X), dz1);
    Vector db1 = xt::sum(dz1, {0});
    W2 -= lr * dW2;
    b2 -= lr * db2;
    W1 -= lr * dW1;
    b1 -= lr * db1;
}

Labels SimpleNN::predict(const Matrix& X)
{
    const Matrix out = forward(X);
    Labels labels(out.shape(0));
    for (std::size_t n = 0; n < labels.size(); ++n)
        labels[n] = out(n, 0) > 0.5 ? 1 : 0;
    return labels;
}

SimpleNN train_simple_nn_xor(std::uint64_t seed)
{
    Rng rng(seed);
    SimpleNN net(2, 4, 1, 1.0, rng);
    const Matrix X = data::xor_inputs();
    const Labels y = data::xor_labels();
    Matrix Y = xt::zeros<double>({y.size(), std::size_t{1}});
    for (std::size_t n = 0; n < y.size(); ++n)
        Y(n, 0) = static_cast<double>(y[n]);
    for (int epoch = 0; epoch < 1000; ++epoch) {
        net.forward(X);
        net.backward(X, Y, 1.0);
    }
    return net;
}

}  // namespace scratchnet::drill
