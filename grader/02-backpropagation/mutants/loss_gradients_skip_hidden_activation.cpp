// mutant: backprop skips the activation step of the hidden layers (dZ = dA, as if every
//         layer were linear).
// rejected-by: Backprop.GradientsMatchFiniteDifferences
// rejected-by: Backprop.FiniteForExtremeLogits
// rejected-by: Train.LossHistoryMatchesReference
// rejected-by: TwoLayerNet.LearnsXor
// rejected-by: PyTorch.TwoLayerGradientsMatchGoldenValues
#include "backpropagation.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

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
        DenseGradients g = dense_backward(dA, cache.A[l], net.layers[l].W);
        out.grads.dW[l] = g.dW;
        out.grads.db[l] = g.db;
        dA = g.dX;
    }
    return out;
}
}  // namespace scratchnet
