// mutant: requires k > 0: rejects k = 0 (a constant rate, valid).
// rejected-by: InverseTimeDecay.BadParametersAreAClearError
// rejected-by: InverseTimeDecay.MatchesPyTorch
#include "learning_rate_decay.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>

namespace scratchnet {
Schedule inverse_time_decay(double lr, double k)
{
    if (!(lr > 0.0) || std::isinf(lr)) {
        std::ostringstream m;
        m << "inverse_time_decay: lr must be a finite number > 0, not " << lr;
        throw std::invalid_argument(m.str());
    }
    if (!(k > 0.0 && !std::isinf(k))) {
        std::ostringstream m;
        m << "inverse_time_decay: k must be a finite number > 0, not " << k;
        throw std::invalid_argument(m.str());
    }
    return [=](std::size_t e) { return lr / (1.0 + k * static_cast<double>(e)); };
}
}  // namespace scratchnet
