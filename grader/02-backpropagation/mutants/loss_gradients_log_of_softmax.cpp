// mutant: backprop computes its loss as -log(softmax(S)[n, y_n]) instead of calling the
//         log-sum-exp cross_entropy: a probability that underflows to 0 gives an infinite loss.
// rejected-by: Backprop.FiniteForExtremeLogits
#include "backpropagation.hpp"

#include <cmath>

namespace scratchnet {
LossAndGradients loss_and_gradients(const Network& net, const Matrix& X, const Labels& y)
{
    ForwardCache cache = forward(net, X);
    LossAndGradients out;
    Matrix dA = cross_entropy_gradient(cache.output(), y);  // validates y
    const Matrix P = softmax(cache.output());
    for (std::size_t n = 0; n < y.size(); ++n)
        out.loss -= std::log(P(n, y[n]));
    out.loss /= static_cast<double>(y.size());
    const std::size_t L = net.layers.size();
    out.grads.dW.resize(L);
    out.grads.db.resize(L);
    for (std::size_t l = L; l-- > 0;) {
        Matrix dZ = activation_backward(dA, cache.Z[l], net.layers[l].activation);
        DenseGradients g = dense_backward(dZ, cache.A[l], net.layers[l].W);
        out.grads.dW[l] = g.dW;
        out.grads.db[l] = g.db;
        dA = g.dX;
    }
    return out;
}
}  // namespace scratchnet
