/// @file learning_rate_decay.hpp
/// @brief Chapter 04 contract: learning-rate schedules as functions of the epoch (constant, step,
///        exponential, inverse-time, cosine with linear warm-up), reduce-on-plateau as a small
///        state machine fed one loss per epoch, and training loops that ask them for each
///        epoch's rate.
///
/// **Epochs count from 0.** A schedule maps the epoch e = 0, 1, 2, … to the rate that epoch's
/// step uses; epoch 0 always uses the initial rate (warm-up aside). This is PyTorch's
/// convention too: after `e` calls of `scheduler.step()` (one per finished epoch), the
/// optimizer's rate equals our `schedule(e)` for StepLR, ExponentialLR, LinearLR and
/// CosineAnnealingLR (the checks compare with values PyTorch wrote, to 1e-12 relative).
///
/// **Errors.** Every factory checks its parameters and throws `std::invalid_argument` naming the
/// bad one (and giving its value) when the schedule would not make sense; a schedule it returns
/// never throws and never returns a negative, NaN or infinite rate.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "initialization.hpp"

namespace scratchnet {

/// A learning-rate schedule: `schedule(e)` is the rate of epoch e (e = 0 is the first epoch).
/// A schedule is a plain value: copying it copies its parameters, and calling it twice with the
/// same epoch gives the same rate (it keeps no state between calls).
using Schedule = std::function<double(std::size_t epoch)>;

/// `lr` at every epoch. Throws when lr is not a finite number > 0.
Schedule constant_lr(double lr);

/// Step decay: \f$ \eta_e = \eta_0\,\gamma^{\lfloor e / s \rfloor} \f$ — the rate is multiplied
/// by gamma after every `step_size` epochs: epochs 0 … s−1 use lr, epochs s … 2s−1 use lr·gamma,
/// and so on. PyTorch: `StepLR(opt, step_size, gamma)`. The seed notebook's ×0.95 every 100
/// epochs is `step_decay(lr, 0.95, 100)` (and its `if epoch % 100 == 0` decays already at
/// epoch 0, which this does not).
/// Throws when lr is not finite and > 0, when gamma is not in (0, 1], or when step_size is 0.
Schedule step_decay(double lr, double gamma, std::size_t step_size);

/// Exponential decay: \f$ \eta_e = \eta_0\,\gamma^{e} \f$. PyTorch: `ExponentialLR(opt, gamma)`.
/// Throws when lr is not finite and > 0, or when gamma is not in (0, 1].
Schedule exponential_decay(double lr, double gamma);

/// Inverse-time decay: \f$ \eta_e = \eta_0 / (1 + k\,e) \f$ (Keras's `InverseTimeDecay` with
/// decay_steps 1; PyTorch: `LambdaLR(opt, lambda e: 1 / (1 + k * e))`).
/// Throws when lr is not finite and > 0, or when k is negative or not finite (k = 0 is constant).
Schedule inverse_time_decay(double lr, double k);

/// Cosine annealing with a linear warm-up, over `total` epochs:
/// - warm-up, \f$ e < w \f$: \f$ \eta_e = \eta_0 \bigl(f + (1 - f)\,e / w\bigr) \f$, from
///   f·lr at epoch 0 up to (not including) lr — PyTorch's `LinearLR(opt, start_factor=f,
///   total_iters=w)`;
/// - cosine, \f$ w \le e \le T \f$: \f$ \eta_e = \eta_{\min} + \tfrac12 (\eta_0 - \eta_{\min})
///   \bigl(1 + \cos(\pi\,(e - w)/(T - w))\bigr) \f$, from lr at epoch w down to min_lr at
///   epoch T — PyTorch's `CosineAnnealingLR(opt, T_max=T−w, eta_min)` started at epoch w;
/// - after, \f$ e > T \f$: min_lr. (PyTorch's cosine keeps going and rises again; ours stays.)
///
/// `warmup` = 0 is plain cosine annealing. Throws when lr is not finite and > 0, when
/// warmup ≥ total, when min_lr is negative or larger than lr, or when start_factor is not in
/// (0, 1].
Schedule cosine_with_warmup(double lr, std::size_t warmup, std::size_t total, double min_lr = 0.0,
                            double start_factor = 1.0 / 3.0);

/// How ReduceOnPlateau decides that a loss is an improvement on the best so far.
enum class ThresholdMode {
    relative,  ///< better when loss < best · (1 − threshold)
    absolute,  ///< better when loss < best − threshold
};

/// The options of ReduceOnPlateau, with PyTorch's defaults. (The seed course page uses
/// patience 5 and factor 0.5.)
struct PlateauOptions {
    double factor = 0.1;        ///< new rate = max(rate · factor, min_lr); in (0, 1)
    std::size_t patience = 10;  ///< bad epochs tolerated; the rate drops on bad epoch patience + 1
    double threshold = 1e-4;    ///< how much better counts as better; ≥ 0
    ThresholdMode threshold_mode = ThresholdMode::relative;  ///< how threshold is applied
    std::size_t cooldown = 0;  ///< epochs after a drop during which bad epochs are not counted
    double min_lr = 0.0;       ///< the rate never goes below this; ≥ 0
    double eps = 1e-8;         ///< a drop smaller than eps is skipped; ≥ 0
};

/// Reduce-on-plateau (PyTorch's `ReduceLROnPlateau`, mode "min"): a state machine fed one loss
/// per epoch. step(loss), in this order:
/// 1. if loss is better than best() (ThresholdMode; best starts at +inf, so the first finite loss
///    is better; NaN is never better): best = loss and the bad-epoch count becomes 0; otherwise
///    the count goes up by 1;
/// 2. if cooldown_left() > 0: it goes down by 1 and the bad-epoch count becomes 0;
/// 3. if the bad-epoch count is now > patience: new = max(lr · factor, min_lr); the rate
///    becomes new only if lr − new > eps; either way cooldown_left() becomes cooldown and the
///    bad-epoch count becomes 0.
///
/// It returns lr(), the rate for the next epoch. With patience p, a run of bad epochs lowers the
/// rate at its (p + 1)-th epoch.
class ReduceOnPlateau {
public:
    /// Starts at rate `lr`, best +inf, no bad epochs, no cooldown. Throws `std::invalid_argument`
    /// (naming the option and its value) when lr is not finite and > 0, when factor is not in
    /// (0, 1), when threshold, min_lr or eps is negative or not finite, or when threshold ≥ 1 in
    /// relative mode (best · (1 − threshold) would no longer be below best).
    explicit ReduceOnPlateau(double lr, const PlateauOptions& options = {});

    /// Feeds the loss of one finished epoch; returns the rate for the next one.
    double step(double loss);

    double lr() const;                  ///< the current rate
    double best() const;                ///< the best loss so far (+inf before the first)
    std::size_t bad_epochs() const;     ///< bad epochs counted since the last reset
    std::size_t cooldown_left() const;  ///< epochs of cooldown still to go

private:
    PlateauOptions options_;
    double lr_;
    double best_;
    std::size_t bad_epochs_ = 0;
    std::size_t cooldown_left_ = 0;
};

/// What a scheduled training run did: per epoch, the loss (before that epoch's step, as chapter
/// 02's train() records it) and the rate its step used.
struct TrainHistory {
    std::vector<double> loss;  ///< `loss[e]`: the loss of epoch e, before its step
    std::vector<double> lr;    ///< `lr[e]`: the rate of epoch e's sgd_step
};

/// Full-batch training with a schedule: for e = 0 … epochs−1, loss_and_gradients on (X, y),
/// then sgd_step with rate `schedule(e)`. `net` is updated in place. epochs = 0 does nothing.
TrainHistory train_with_schedule(Network& net, const Matrix& X, const Labels& y,
                                 const Schedule& schedule, std::size_t epochs);

/// Full-batch training with reduce-on-plateau: each epoch computes the loss and gradients,
/// takes sgd_step with rate `plateau.lr()`, then feeds that epoch's loss to `plateau.step()`
/// (so a drop takes effect from the next epoch). `net` and `plateau` are updated in place.
TrainHistory train_with_plateau(Network& net, const Matrix& X, const Labels& y,
                                ReduceOnPlateau& plateau, std::size_t epochs);

}  // namespace scratchnet
