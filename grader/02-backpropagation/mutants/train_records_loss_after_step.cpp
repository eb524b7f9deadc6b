// mutant: the loss history holds the loss after each step, so entry 0 is not the loss of the
//         starting weights.
// rejected-by: Train.LossHistoryMatchesReference
// rejected-by: TwoLayerNet.LearnsXor
#include "backpropagation.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {
std::vector<double> train(Network& net, const Matrix& X, const Labels& y, double lr,
                          std::size_t epochs)
{
    std::vector<double> history;
    for (std::size_t epoch = 0; epoch < epochs; ++epoch) {
        sgd_step(net, loss_and_gradients(net, X, y).grads, lr);
        history.push_back(loss_and_gradients(net, X, y).loss);
    }
    return history;
}
}  // namespace scratchnet
