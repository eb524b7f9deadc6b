// mutant: step tests "not worse" instead of "better": !(loss >= best * (1 - threshold)) is true for a
//         NaN loss, which then becomes the best, and nothing after it is ever better.
// rejected-by: ReduceOnPlateau.MatchesPyTorch
// rejected-by: ReduceOnPlateau.PatienceCountsBadEpochs
#include "core.hpp"
#include "learning_rate_decay.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>

namespace scratchnet {

namespace {

void require(bool ok, const std::string& option, const std::string& rule, double value)
{
    if (ok)
        return;
    std::ostringstream text;
    text << "ReduceOnPlateau: " << option << " must be " << rule << ", not " << value;
    throw std::invalid_argument(text.str());
}

bool finite_at_least_zero(double x) { return x >= 0.0 && std::isfinite(x); }

}  // namespace

ReduceOnPlateau::ReduceOnPlateau(double lr, const PlateauOptions& options)
    : options_(options), lr_(lr), best_(std::numeric_limits<double>::infinity())
{
    require(lr > 0.0 && std::isfinite(lr), "lr", "a finite number > 0", lr);
    require(options.factor > 0.0 && options.factor < 1.0, "factor", "in (0, 1)", options.factor);
    require(finite_at_least_zero(options.threshold), "threshold", "a finite number >= 0",
            options.threshold);
    require(options.threshold_mode == ThresholdMode::absolute || options.threshold < 1.0,
            "threshold", "below 1 in relative mode", options.threshold);
    require(finite_at_least_zero(options.min_lr), "min_lr", "a finite number >= 0", options.min_lr);
    require(finite_at_least_zero(options.eps), "eps", "a finite number >= 0", options.eps);
}

double ReduceOnPlateau::step(double loss)
{
    const bool better = options_.threshold_mode == ThresholdMode::relative
                            ? !(loss >= best_ * (1.0 - options_.threshold))
                            : !(loss >= best_ - options_.threshold);
    if (better) {
        best_ = loss;
        bad_epochs_ = 0;
    } else {
        ++bad_epochs_;
    }
    if (cooldown_left_ > 0) {
        --cooldown_left_;
        bad_epochs_ = 0;
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

double ReduceOnPlateau::lr() const { return lr_; }
double ReduceOnPlateau::best() const { return best_; }
std::size_t ReduceOnPlateau::bad_epochs() const { return bad_epochs_; }
std::size_t ReduceOnPlateau::cooldown_left() const { return cooldown_left_; }

}  // namespace scratchnet
