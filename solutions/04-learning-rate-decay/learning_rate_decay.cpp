// Chapter 04 reference solution. Open by design: read it after your own attempt passes.
#include "learning_rate_decay.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>

namespace scratchnet {

namespace {

// "step_decay: gamma must be in (0, 1], not 1.5": the function, the parameter, the rule, the value.
[[noreturn]] void bad(const char* function, const char* parameter, const char* rule, double value)
{
    std::ostringstream text;
    text << function << ": " << parameter << " must be " << rule << ", not " << value;
    throw std::invalid_argument(text.str());
}

void check_lr(const char* function, double lr)
{
    if (!(lr > 0.0) || std::isinf(lr))  // NaN fails every comparison
        bad(function, "lr", "a finite number > 0", lr);
}

void check_gamma(const char* function, double gamma)
{
    if (!(gamma > 0.0 && gamma <= 1.0))
        bad(function, "gamma", "in (0, 1]", gamma);
}

}  // namespace

// [schedules]
Schedule constant_lr(double lr)
{
    check_lr("constant_lr", lr);
    return [lr](std::size_t) { return lr; };
}

Schedule step_decay(double lr, double gamma, std::size_t step_size)
{
    check_lr("step_decay", lr);
    check_gamma("step_decay", gamma);
    if (step_size == 0)
        throw std::invalid_argument("step_decay: step_size must be at least 1, not 0");
    // e / step_size in integers: the number of whole steps completed, ⌊e / s⌋.
    return [=](std::size_t e) { return lr * std::pow(gamma, static_cast<double>(e / step_size)); };
}

Schedule exponential_decay(double lr, double gamma)
{
    check_lr("exponential_decay", lr);
    check_gamma("exponential_decay", gamma);
    return [=](std::size_t e) { return lr * std::pow(gamma, static_cast<double>(e)); };
}

Schedule inverse_time_decay(double lr, double k)
{
    check_lr("inverse_time_decay", lr);
    if (!(k >= 0.0) || std::isinf(k))
        bad("inverse_time_decay", "k", "a finite number >= 0", k);
    return [=](std::size_t e) { return lr / (1.0 + k * static_cast<double>(e)); };
}

Schedule cosine_with_warmup(double lr, std::size_t warmup, std::size_t total, double min_lr,
                            double start_factor)
{
    check_lr("cosine_with_warmup", lr);
    if (warmup >= total)
        throw std::invalid_argument("cosine_with_warmup: warmup (" + std::to_string(warmup) +
                                    ") must be smaller than total (" + std::to_string(total) + ")");
    if (!(min_lr >= 0.0 && min_lr <= lr))
        bad("cosine_with_warmup", "min_lr", "in [0, lr]", min_lr);
    if (!(start_factor > 0.0 && start_factor <= 1.0))
        bad("cosine_with_warmup", "start_factor", "in (0, 1]", start_factor);
    return [=](std::size_t e) {
        if (e < warmup)  // linear, from start_factor · lr towards lr
            return lr * (start_factor + (1.0 - start_factor) * static_cast<double>(e) /
                                            static_cast<double>(warmup));
        if (e >= total)
            return min_lr;
        const double t = static_cast<double>(e - warmup) / static_cast<double>(total - warmup);
        return min_lr + 0.5 * (lr - min_lr) * (1.0 + std::cos(std::acos(-1.0) * t));
    };
}
// [schedules]

// [plateau]
ReduceOnPlateau::ReduceOnPlateau(double lr, const PlateauOptions& options)
    : options_(options), lr_(lr), best_(std::numeric_limits<double>::infinity())
{
    const char* f = "ReduceOnPlateau";
    check_lr(f, lr);
    if (!(options.factor > 0.0 && options.factor < 1.0))
        bad(f, "factor", "in (0, 1)", options.factor);
    const double relative_limit = options.threshold_mode == ThresholdMode::relative
                                      ? 1.0
                                      : std::numeric_limits<double>::infinity();
    if (!(options.threshold >= 0.0 && options.threshold < relative_limit))
        bad(f, "threshold",
            options.threshold_mode == ThresholdMode::relative ? "in [0, 1) in relative mode"
                                                              : "a finite number >= 0",
            options.threshold);
    if (!(options.min_lr >= 0.0) || std::isinf(options.min_lr))
        bad(f, "min_lr", "a finite number >= 0", options.min_lr);
    if (!(options.eps >= 0.0) || std::isinf(options.eps))
        bad(f, "eps", "a finite number >= 0", options.eps);
}

double ReduceOnPlateau::step(double loss)
{
    // 1. Better than the best so far? (NaN compares false: never better.)
    const bool better = options_.threshold_mode == ThresholdMode::relative
                            ? loss < best_ * (1.0 - options_.threshold)
                            : loss < best_ - options_.threshold;
    if (better) {
        best_ = loss;
        bad_epochs_ = 0;
    } else {
        ++bad_epochs_;
    }
    // 2. Bad epochs do not count during a cooldown.
    if (cooldown_left_ > 0) {
        --cooldown_left_;
        bad_epochs_ = 0;
    }
    // 3. Patience exhausted: lower the rate (not below min_lr), then cool down.
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
// [plateau]

// [training]
TrainHistory train_with_schedule(Network& net, const Matrix& X, const Labels& y,
                                 const Schedule& schedule, std::size_t epochs)
{
    TrainHistory history;
    for (std::size_t e = 0; e < epochs; ++e) {
        const LossAndGradients lg = loss_and_gradients(net, X, y);
        const double lr = schedule(e);
        sgd_step(net, lg.grads, lr);
        history.loss.push_back(lg.loss);
        history.lr.push_back(lr);
    }
    return history;
}

TrainHistory train_with_plateau(Network& net, const Matrix& X, const Labels& y,
                                ReduceOnPlateau& plateau, std::size_t epochs)
{
    TrainHistory history;
    for (std::size_t e = 0; e < epochs; ++e) {
        const LossAndGradients lg = loss_and_gradients(net, X, y);
        const double lr = plateau.lr();
        sgd_step(net, lg.grads, lr);
        plateau.step(lg.loss);  // the rate for the next epoch
        history.loss.push_back(lg.loss);
        history.lr.push_back(lr);
    }
    return history;
}
// [training]

}  // namespace scratchnet
