// mutant: epoch e's step uses schedule(e + 1): every rate one epoch early.
// rejected-by: TrainWithSchedule.UsesEachEpochsRate
#include "learning_rate_decay.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>

namespace scratchnet {
TrainHistory train_with_schedule(Network& net, const Matrix& X, const Labels& y,
                                 const Schedule& schedule, std::size_t epochs)
{
    TrainHistory history;
    for (std::size_t e = 0; e < epochs; ++e) {
        const LossAndGradients lg = loss_and_gradients(net, X, y);
        const double lr = schedule(e + 1);
        sgd_step(net, lg.grads, lr);
        history.loss.push_back(lg.loss);
        history.lr.push_back(lr);
    }
    return history;
}
}  // namespace scratchnet
