// mutant: the gradient passed to the layer below is dA W^T instead of dZ W^T: the activation's
//         derivative enters this layer's dW and db but is skipped on the way down, which only
//         shows below a non-linear layer other than the first (a PyTorch-style relu / identity
//         pair passes).
// rejected-by: Backprop.GradientsMatchFiniteDifferences
// rejected-by: Backprop.FiniteForExtremeLogits
#include "backpropagation.hpp"
#include "core.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {

LossAndGradients loss_and_gradients(const Network& net, const Matrix& X, const Labels& y)
{
    const ForwardCache cache = forward(net, X);
    const Matrix& S = cache.output();
    const std::size_t N = S.shape(0), L = net.layers.size();
    LossAndGradients out;

    // The loss with log-sum-exp: log sum_k e^S_nk = m_n + log sum_k e^(S_nk - m_n).
    const Vector m = xt::amax(S, {1});
    const Vector total = xt::sum(xt::exp(S - xt::view(m, xt::all(), xt::newaxis())), {1});
    const Vector log_sum_exp = m + xt::log(total);
    for (std::size_t n = 0; n < N; ++n)
        out.loss += log_sum_exp(n) - S(n, y[n]);
    out.loss /= static_cast<double>(N);

    // dL/dS = (P - Y) / N, then backwards through every layer.
    Matrix dA = softmax(S);
    for (std::size_t n = 0; n < N; ++n)
        dA(n, y[n]) -= 1.0;
    dA /= static_cast<double>(N);

    out.grads.dW.resize(L);
    out.grads.db.resize(L);
    for (std::size_t l = L; l-- > 0;) {
        const Layer& layer = net.layers[l];
        const Matrix dZ = dA * activation(layer.activation).derivative(cache.Z[l]);
        out.grads.dW[l] = dot(xt::transpose(cache.A[l]), dZ);  // A[l] is the layer's input
        out.grads.db[l] = xt::sum(dZ, {0});
        if (l > 0)
            dA = dot(dA, xt::transpose(layer.W));
    }
    return out;
}

}  // namespace scratchnet
