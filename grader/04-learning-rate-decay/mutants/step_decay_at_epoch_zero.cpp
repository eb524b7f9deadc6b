// mutant: step decay with the seed notebook's `if epoch % step_size == 0` counted as a function of the epoch: gamma^(e/s + 1), already decayed at epoch 0.
// rejected-by: StepDecay.DecaysAtTheStepBoundaries
// rejected-by: StepDecay.MatchesPyTorch
#include "learning_rate_decay.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>

namespace scratchnet {
Schedule step_decay(double lr, double gamma, std::size_t step_size)
{
    if (!(lr > 0.0) || std::isinf(lr)) {
        std::ostringstream m;
        m << "step_decay: lr must be a finite number > 0, not " << lr;
        throw std::invalid_argument(m.str());
    }
    if (!(gamma > 0.0 && gamma <= 1.0)) {
        std::ostringstream m;
        m << "step_decay: gamma must be in (0, 1], not " << gamma;
        throw std::invalid_argument(m.str());
    }
    if (step_size == 0)
        throw std::invalid_argument("step_decay: step_size must be at least 1, not 0");
    return
        [=](std::size_t e) { return lr * std::pow(gamma, static_cast<double>(e / step_size + 1)); };
}
}  // namespace scratchnet
