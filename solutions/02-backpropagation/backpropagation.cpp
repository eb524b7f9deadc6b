// Chapter 02 reference solution. Open by design: read it after your own attempt passes.
#include "backpropagation.hpp"

#include <cmath>

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>
#include <xtensor/xsort.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {

namespace {

// Throws unless y holds one label per row of S, each below S's number of columns.
void check_labels(const char* function, const Matrix& S, const Labels& y)
{
    if (y.size() != S.shape(0))
        throw std::invalid_argument(std::string(function) + ": S is " + shape_str(S) + " (" +
                                    std::to_string(S.shape(0)) + " rows) but there are " +
                                    std::to_string(y.size()) + " labels");
    for (std::size_t n = 0; n < y.size(); ++n)
        if (y[n] >= S.shape(1))
            throw std::invalid_argument(std::string(function) + ": label " + std::to_string(y[n]) +
                                        " at position " + std::to_string(n) +
                                        " is out of range for " + std::to_string(S.shape(1)) +
                                        " classes");
}

}  // namespace

// [softmax]
Matrix softmax(const Matrix& S)
{
    // Subtract each row's maximum: the largest exponent becomes e^0 = 1, nothing overflows.
    // The row maxima and sums are evaluated into vectors first, then broadcast as columns
    // (a lazy keep_dims reducer inside the expression would give wrong numbers in xtensor 0.24).
    // [row_max] (the next two lines)
    Vector row_max = xt::amax(S, {1});
    Matrix E = xt::exp(S - xt::view(row_max, xt::all(), xt::newaxis()));
    Vector row_sum = xt::sum(E, {1});  // [row_max]
    return E / xt::view(row_sum, xt::all(), xt::newaxis());
}
// [softmax]

// [one_hot]
Matrix one_hot(const Labels& y, std::size_t classes)
{
    Matrix Y = xt::zeros<double>({y.size(), classes});
    for (std::size_t n = 0; n < y.size(); ++n) {
        if (y[n] >= classes)
            throw std::invalid_argument("one_hot: label " + std::to_string(y[n]) + " at position " +
                                        std::to_string(n) + " is out of range for " +
                                        std::to_string(classes) + " classes");
        Y(n, y[n]) = 1.0;
    }
    return Y;
}
// [one_hot]

// [cross_entropy]
double cross_entropy(const Matrix& S, const Labels& y)
{
    check_labels("cross_entropy", S, y);
    // log sum_k e^{S_nk} = m_n + log sum_k e^{S_nk - m_n}, with m_n the row's maximum.
    Vector row_max = xt::amax(S, {1});
    Matrix shifted = S - xt::view(row_max, xt::all(), xt::newaxis());
    Vector log_sum_exp = row_max + xt::log(xt::sum(xt::exp(shifted), {1}));
    double total = 0.0;
    for (std::size_t n = 0; n < y.size(); ++n)
        total += log_sum_exp(n) - S(n, y[n]);
    return total / static_cast<double>(y.size());
}

Matrix cross_entropy_gradient(const Matrix& S, const Labels& y)
{
    check_labels("cross_entropy_gradient", S, y);
    const double N = static_cast<double>(S.shape(0));
    return (softmax(S) - one_hot(y, S.shape(1))) / N;  // a new matrix: S and P stay untouched
}
// [cross_entropy]

// [dense_backward]
DenseGradients dense_backward(const Matrix& dZ, const Matrix& X, const Matrix& W,
                              bool input_gradient)
{
    DenseGradients g;
    if (input_gradient)
        g.dX = dot(dZ, transposed(W));  // (N, H) (H, D) -> (N, D)
    g.dW = dot(transposed(X), dZ);      // (D, N) (N, H) -> (D, H)
    // b was added to every row: add up over the rows (evaluated at once: xtensor's lazy
    // reducer over axis 0 is ~10x slower on row-major data, with the same sums bit for bit)
    g.db = xt::sum(dZ, {0}, xt::evaluation_strategy::immediate);
    return g;
}
// [dense_backward]

// [activation_backward]
Matrix activation_backward(const Matrix& dA, const Matrix& Z, const std::string& name)
{
    return dA * activation(name).derivative(Z);
}
// [activation_backward]

// [loss_and_gradients]
LossAndGradients loss_and_gradients(const Network& net, const Matrix& X, const Labels& y)
{
    ForwardCache cache = forward(net, X);
    LossAndGradients out;
    out.loss = cross_entropy(cache.output(), y);

    const std::size_t L = net.layers.size();
    out.grads.dW.resize(L);
    out.grads.db.resize(L);
    Matrix dA = cross_entropy_gradient(cache.output(), y);  // dL/dA_L, (N, C)
    for (std::size_t l = L; l-- > 0;) {
        Matrix dZ = activation_backward(dA, cache.Z[l], net.layers[l].activation);
        // Layer 0's input is the data: its gradient is never used, so it is not computed.
        DenseGradients g = dense_backward(dZ, cache.A[l], net.layers[l].W, l > 0);
        out.grads.dW[l] = std::move(g.dW);
        out.grads.db[l] = std::move(g.db);
        dA = std::move(g.dX);  // the gradient flowing into the layer below
    }
    return out;
}
// [loss_and_gradients]

// [sgd_step]
void sgd_step(Network& net, const Gradients& grads, double lr)
{
    if (grads.dW.size() != net.layers.size() || grads.db.size() != net.layers.size())
        throw std::invalid_argument("sgd_step: the network has " +
                                    std::to_string(net.layers.size()) + " layers but there are " +
                                    std::to_string(grads.dW.size()) + " dW and " +
                                    std::to_string(grads.db.size()) + " db");
    for (std::size_t l = 0; l < net.layers.size(); ++l) {
        net.layers[l].W -= lr * grads.dW[l];  // downhill: against the gradient
        net.layers[l].b -= lr * grads.db[l];
    }
}
// [sgd_step]

// [train]
std::vector<double> train(Network& net, const Matrix& X, const Labels& y, double lr,
                          std::size_t epochs)
{
    std::vector<double> history;
    history.reserve(epochs);
    for (std::size_t epoch = 0; epoch < epochs; ++epoch) {
        LossAndGradients lg = loss_and_gradients(net, X, y);
        history.push_back(lg.loss);
        sgd_step(net, lg.grads, lr);
    }
    return history;
}

Labels predict(const Network& net, const Matrix& X)
{
    Matrix S = forward(net, X).output();
    auto best = xt::argmax(S, 1);  // first maximum of each row
    return Labels(best.begin(), best.end());
}
// [train]

// [gradient_check]
GradCheck gradient_check(const std::function<double(const Matrix&)>& f, const Matrix& x,
                         const Matrix& analytic, double h)
{
    if (analytic.shape() != x.shape())
        throw std::invalid_argument("gradient_check: x is " + shape_str(x) +
                                    " but the analytic gradient is " + shape_str(analytic));
    GradCheck worst;
    Matrix probe = x;  // a copy we nudge one entry at a time
    for (std::size_t i = 0; i < x.shape(0); ++i) {
        for (std::size_t j = 0; j < x.shape(1); ++j) {
            const double saved = probe(i, j);
            probe(i, j) = saved + h;
            const double up = f(probe);
            probe(i, j) = saved - h;
            const double down = f(probe);
            probe(i, j) = saved;  // restore before the next entry
            const double numeric = (up - down) / (2.0 * h);
            const double a = analytic(i, j);
            const double scale = std::max(std::abs(a), std::abs(numeric));
            const double rel = scale == 0.0 ? 0.0 : std::abs(a - numeric) / scale;
            if (rel > worst.max_relative_error || (i == 0 && j == 0))
                worst = {rel, i, j, a, numeric};
        }
    }
    return worst;
}
// [gradient_check]

}  // namespace scratchnet
