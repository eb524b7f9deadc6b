// mutant: no cooldown: bad epochs count right after a drop.
// rejected-by: ReduceOnPlateau.CooldownIgnoresBadEpochs
// rejected-by: ReduceOnPlateau.MatchesPyTorch
#include "learning_rate_decay.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>

namespace scratchnet {
double ReduceOnPlateau::step(double loss)
{
    const bool better = options_.threshold_mode == ThresholdMode::relative
                            ? loss < best_ * (1.0 - options_.threshold)
                            : loss < best_ - options_.threshold;
    if (better) {
        best_ = loss;
        bad_epochs_ = 0;
    } else {
        ++bad_epochs_;
    }
    if (bad_epochs_ > options_.patience) {
        const double lowered = std::max(lr_ * options_.factor, options_.min_lr);
        if (lr_ - lowered > options_.eps)
            lr_ = lowered;
        cooldown_left_ = options_.cooldown;
        bad_epochs_ = 0;
    }
    return lr_;
}
}  // namespace scratchnet
