// Drill: reduce-on-plateau from scratch (PyTorch's ReduceLROnPlateau, mode "min").
//                                                                    ./grade drill check
// A learning-rate scheduler fed one loss per epoch. The class and its options are declared in
// learning_rate_decay.hpp (below, without its comments):
//   PlateauOptions { factor = 0.1, patience = 10, threshold = 1e-4,
//                    threshold_mode = ThresholdMode::relative, cooldown = 0, min_lr = 0,
//                    eps = 1e-8 }
//   class ReduceOnPlateau { options_, lr_, best_, bad_epochs_ = 0, cooldown_left_ = 0 }
//
// Write:
//   ReduceOnPlateau(lr, options)  starts at rate lr, best = +infinity, no bad epochs, no
//                                 cooldown.
//   step(loss)                    feeds one finished epoch's loss; returns the rate for the next
//                                 epoch. In this order:
//     1. better = loss < best * (1 - threshold)   (relative mode)
//                 loss < best - threshold         (absolute mode)
//        (NaN is never better; the first finite loss always is). If better: best = loss and
//        the bad-epoch count becomes 0; otherwise the count goes up by 1.
//     2. If cooldown_left > 0: it goes down by 1, and the bad-epoch count becomes 0.
//     3. If the bad-epoch count is now > patience: new = max(lr * factor, min_lr); the rate
//        becomes new only if lr - new > eps; either way cooldown_left = cooldown and the
//        bad-epoch count becomes 0.
//   lr(), best(), bad_epochs(), cooldown_left()   the current state.
//
// Errors: the constructor throws std::invalid_argument, with a message that names the option
// and gives its value, when lr is not a finite number > 0; factor is not in (0, 1); threshold,
// min_lr or eps is negative or not finite; threshold >= 1 in relative mode.
//
// The hidden checks: loss sequences written by PyTorch's ReduceLROnPlateau (the rate after
// every step, to 1e-12); plateaus, noise inside the threshold (both modes), improvements that
// reset the count exactly at the patience, cooldowns, the min_lr floor and drops smaller than
// eps, NaN losses; the state after every step against the checks' own state machine; each bad
// option alone, next to a valid one that must not throw.
#include "core.hpp"
#include "learning_rate_decay.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace scratchnet {

ReduceOnPlateau::ReduceOnPlateau(double lr, const PlateauOptions& options)
    : options_(options), lr_(lr), best_(std::numeric_limits<double>::infinity())
{
    // your code
    throw not_implemented("ReduceOnPlateau::ReduceOnPlateau");
}

double ReduceOnPlateau::step(double loss)
{
    // your code
    throw not_implemented("ReduceOnPlateau::step");
}

double ReduceOnPlateau::lr() const { throw not_implemented("ReduceOnPlateau::lr"); }
double ReduceOnPlateau::best() const { throw not_implemented("ReduceOnPlateau::best"); }
std::size_t ReduceOnPlateau::bad_epochs() const
{
    throw not_implemented("ReduceOnPlateau::bad_epochs");
}
std::size_t ReduceOnPlateau::cooldown_left() const
{
    throw not_implemented("ReduceOnPlateau::cooldown_left");
}

}  // namespace scratchnet
