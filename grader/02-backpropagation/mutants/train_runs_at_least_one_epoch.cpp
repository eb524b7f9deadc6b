// mutant: the training loop is a do-while, so epochs = 0 still takes one step and returns one
//         loss.
// rejected-by: Train.LossHistoryMatchesReference
#include "backpropagation.hpp"

namespace scratchnet {
std::vector<double> train(Network& net, const Matrix& X, const Labels& y, double lr,
                          std::size_t epochs)
{
    std::vector<double> history;
    std::size_t epoch = 0;
    do {
        LossAndGradients lg = loss_and_gradients(net, X, y);
        history.push_back(lg.loss);
        sgd_step(net, lg.grads, lr);
    } while (++epoch < epochs);
    return history;
}
}  // namespace scratchnet
