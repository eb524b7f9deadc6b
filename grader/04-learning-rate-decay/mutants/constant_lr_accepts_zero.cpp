// mutant: accepts lr = 0 (checks lr >= 0): a rate that never trains.
// rejected-by: ConstantLr.BadRateIsAClearError
#include "learning_rate_decay.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>

namespace scratchnet {
Schedule constant_lr(double lr)
{
    if (!(lr >= 0.0) || std::isinf(lr)) {
        std::ostringstream m;
        m << "constant_lr: lr must be a finite number >= 0, not " << lr;
        throw std::invalid_argument(m.str());
    }
    return [lr](std::size_t) { return lr; };
}
}  // namespace scratchnet
