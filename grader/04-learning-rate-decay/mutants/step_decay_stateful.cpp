// mutant: a schedule with state: it multiplies a captured rate by gamma whenever it is asked for a multiple of step_size (right only when asked for 0, 1, 2, ... once each, in order).
// rejected-by: StepDecay.DecaysAtTheStepBoundaries
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
    return [=, rate = lr](std::size_t e) mutable {
        if (e > 0 && e % step_size == 0)
            rate *= gamma;
        return rate;
    };
}
}  // namespace scratchnet
