// mutant: backprop evaluates each activation's derivative at the layer's output A[l+1] instead
//         of its pre-activation Z[l] (the same mask for ReLU, wrong for sigmoid and tanh).
// rejected-by: Backprop.GradientsMatchFiniteDifferences
// rejected-by: Backprop.FiniteForExtremeLogits
// rejected-by: Train.LossHistoryMatchesReference
#include "backpropagation.hpp"

namespace scratchnet {
LossAndGradients loss_and_gradients(const Network& net, const Matrix& X, const Labels& y)
{
    ForwardCache cache = forward(net, X);
    LossAndGradients out;
    out.loss = cross_entropy(cache.output(), y);
    const std::size_t L = net.layers.size();
    out.grads.dW.resize(L);
    out.grads.db.resize(L);
    Matrix dA = cross_entropy_gradient(cache.output(), y);
    for (std::size_t l = L; l-- > 0;) {
        Matrix dZ = activation_backward(dA, cache.A[l + 1], net.layers[l].activation);
        DenseGradients g = dense_backward(dZ, cache.A[l], net.layers[l].W);
        out.grads.dW[l] = g.dW;
        out.grads.db[l] = g.db;
        dA = g.dX;
    }
    return out;
}
}  // namespace scratchnet
