// mutant: train works on a copy of the network (Network model = net;), so the caller's net is
//         never trained although the losses fall.
// rejected-by: Train.LossHistoryMatchesReference
// rejected-by: TwoLayerNet.LearnsXor
#include "backpropagation.hpp"

namespace scratchnet {
std::vector<double> train(Network& net, const Matrix& X, const Labels& y, double lr,
                          std::size_t epochs)
{
    Network model = net;
    std::vector<double> history;
    for (std::size_t epoch = 0; epoch < epochs; ++epoch) {
        LossAndGradients lg = loss_and_gradients(model, X, y);
        history.push_back(lg.loss);
        sgd_step(model, lg.grads, lr);
    }
    return history;
}
}  // namespace scratchnet
