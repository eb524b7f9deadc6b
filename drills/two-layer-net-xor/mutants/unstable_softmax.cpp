// mutant: the notebook's softmax, exp(S) with no maximum subtracted, and the loss as -log P[y]:
//         exp(2000) is inf, inf / inf is NaN, and a probability that underflows to 0 gives -log 0.
// rejected-by: TwoLayerNetDrill.FiniteForLargeLogits
#include "core.hpp"
#include "two_layer_net.hpp"

#include <cmath>

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet::drill {

namespace {

Matrix relu(const Matrix& Z) { return xt::maximum(Z, 0.0); }

}  // namespace

TwoLayerNet::TwoLayerNet(std::size_t inputs, std::size_t hidden, std::size_t classes, Rng& rng)
{
    // N(0, 1/fan_in) per weight, row-major, W1 then W2 (LeCun's scaling).
    W1 = rng.normal(inputs, hidden, 0.0, 1.0 / std::sqrt(static_cast<double>(inputs)));
    b1 = xt::zeros<double>({hidden});
    W2 = rng.normal(hidden, classes, 0.0, 1.0 / std::sqrt(static_cast<double>(hidden)));
    b2 = xt::zeros<double>({classes});
}

Matrix TwoLayerNet::scores(const Matrix& X) const { return dot(relu(dot(X, W1) + b1), W2) + b2; }

double TwoLayerNet::loss_and_step(const Matrix& X, const Labels& y, double lr)
{
    const std::size_t N = X.shape(0);
    const Matrix Z1 = dot(X, W1) + b1;
    const Matrix A1 = relu(Z1);
    const Matrix S = dot(A1, W2) + b2;

    const Matrix E = xt::exp(S);
    const Vector sums = xt::sum(E, {1});
    double loss = 0.0;
    for (std::size_t n = 0; n < N; ++n)
        loss -= std::log(E(n, y[n]) / sums(n));
    loss /= static_cast<double>(N);

    // dL/dS = (P - Y) / N.
    Matrix dS = E / xt::view(sums, xt::all(), xt::newaxis());
    for (std::size_t n = 0; n < N; ++n)
        dS(n, y[n]) -= 1.0;
    dS /= static_cast<double>(N);

    const Matrix dW2 = dot(xt::transpose(A1), dS);
    const Vector db2 = xt::sum(dS, {0});
    const Matrix dA1 = dot(dS, xt::transpose(W2));
    const Matrix dZ1 = dA1 * xt::cast<double>(Z1 > 0.0);  // ReLU'(0) = 0
    const Matrix dW1 = dot(xt::transpose(X), dZ1);
    const Vector db1 = xt::sum(dZ1, {0});

    W1 -= lr * dW1;
    b1 -= lr * db1;
    W2 -= lr * dW2;
    b2 -= lr * db2;
    return loss;
}

Labels TwoLayerNet::predict(const Matrix& X) const
{
    const Matrix S = scores(X);
    Labels labels(S.shape(0), 0);
    for (std::size_t n = 0; n < S.shape(0); ++n)
        for (std::size_t k = 1; k < S.shape(1); ++k)
            if (S(n, k) > S(n, labels[n]))  // strictly larger: the first one wins a tie
                labels[n] = k;
    return labels;
}

XorRun train_two_layer_net_xor(std::uint64_t seed)
{
    Rng rng(seed);
    XorRun run{TwoLayerNet(2, 10, 2, rng), {}};
    const Matrix X = data::xor_inputs();
    const Labels y = data::xor_labels();
    for (int epoch = 0; epoch < 1000; ++epoch)
        run.losses.push_back(run.net.loss_and_step(X, y, 0.1));
    return run;
}

}  // namespace scratchnet::drill
