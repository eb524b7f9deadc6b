// mutant: backprop skips the activation step of the last layer, as if every network ended in
//         an identity layer (the contract allows any activations).
// rejected-by: Backprop.GradientsMatchFiniteDifferences
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
        Matrix dZ = l + 1 == L ? dA : activation_backward(dA, cache.Z[l], net.layers[l].activation);
        DenseGradients g = dense_backward(dZ, cache.A[l], net.layers[l].W);
        out.grads.dW[l] = g.dW;
        out.grads.db[l] = g.db;
        dA = g.dX;
    }
    return out;
}
}  // namespace scratchnet
