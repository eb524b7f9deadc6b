// mutant: feeds plateau.step() the loss after the epoch's step (an extra forward pass) instead of the epoch's loss.
// rejected-by: TrainWithPlateau.FeedsEachEpochsLoss
#include "learning_rate_decay.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>

namespace scratchnet {
TrainHistory train_with_plateau(Network& net, const Matrix& X, const Labels& y,
                                ReduceOnPlateau& plateau, std::size_t epochs)
{
    TrainHistory history;
    for (std::size_t e = 0; e < epochs; ++e) {
        const LossAndGradients lg = loss_and_gradients(net, X, y);
        const double lr = plateau.lr();
        sgd_step(net, lg.grads, lr);
        plateau.step(loss_and_gradients(net, X, y).loss);
        history.loss.push_back(lg.loss);
        history.lr.push_back(lr);
    }
    return history;
}
}  // namespace scratchnet
