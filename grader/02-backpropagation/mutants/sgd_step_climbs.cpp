// mutant: the update adds the gradient (W += lr dW): gradient ascent.
// rejected-by: Sgd.StepMovesAgainstTheGradient
// rejected-by: Train.LossHistoryMatchesReference
// rejected-by: TwoLayerNet.LearnsXor
// rejected-by: PyTorch.SgdStepMatchesGoldenValues
#include "backpropagation.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {
void sgd_step(Network& net, const Gradients& grads, double lr)
{
    if (grads.dW.size() != net.layers.size() || grads.db.size() != net.layers.size())
        throw std::invalid_argument("sgd_step: wrong number of gradients");
    for (std::size_t l = 0; l < net.layers.size(); ++l) {
        net.layers[l].W += lr * grads.dW[l];
        net.layers[l].b += lr * grads.db[l];
    }
}
}  // namespace scratchnet
