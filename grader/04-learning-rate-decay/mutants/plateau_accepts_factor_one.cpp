// mutant: accepts factor = 1 (a drop that does nothing): checks factor <= 1.
// rejected-by: ReduceOnPlateau.BadOptionsAreAClearError
#include "learning_rate_decay.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>

namespace scratchnet {
namespace {
[[noreturn]] void bad(const char* parameter, const char* rule, double value)
{
    std::ostringstream text;
    text << "ReduceOnPlateau: " << parameter << " must be " << rule << ", not " << value;
    throw std::invalid_argument(text.str());
}
}  // namespace

ReduceOnPlateau::ReduceOnPlateau(double lr, const PlateauOptions& options)
    : options_(options), lr_(lr), best_(std::numeric_limits<double>::infinity())
{
    if (!(lr > 0.0) || std::isinf(lr))
        bad("lr", "a finite number > 0", lr);
    if (!(options.factor > 0.0 && options.factor <= 1.0))
        bad("factor", "in (0, 1)", options.factor);
    const double limit = options.threshold_mode == ThresholdMode::relative
                             ? 1.0
                             : std::numeric_limits<double>::infinity();
    if (!(options.threshold >= 0.0 && options.threshold < limit))
        bad("threshold", "in [0, 1) in relative mode, finite and >= 0 in absolute mode",
            options.threshold);
    if (!(options.min_lr >= 0.0) || std::isinf(options.min_lr))
        bad("min_lr", "a finite number >= 0", options.min_lr);
    if (!(options.eps >= 0.0) || std::isinf(options.eps))
        bad("eps", "a finite number >= 0", options.eps);
}
}  // namespace scratchnet
