// mutant: gamma^(e + 1): epoch 0 already decayed.
// rejected-by: ExponentialDecay.MatchesPyTorch
#include "learning_rate_decay.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>

namespace scratchnet {
Schedule exponential_decay(double lr, double gamma)
{
    if (!(lr > 0.0) || std::isinf(lr)) {
        std::ostringstream m;
        m << "exponential_decay: lr must be a finite number > 0, not " << lr;
        throw std::invalid_argument(m.str());
    }
    if (!(gamma > 0.0 && gamma <= 1.0)) {
        std::ostringstream m;
        m << "exponential_decay: gamma must be in (0, 1], not " << gamma;
        throw std::invalid_argument(m.str());
    }
    return [=](std::size_t e) { return lr * std::pow(gamma, static_cast<double>(e + 1)); };
}
}  // namespace scratchnet
