// Chapter 04 — learning-rate decay. Your file: replace each `throw not_implemented(...)` with your
// code, then run `./grade 04`. The contract (what each function takes and returns) is in
// chapters/04-learning-rate-decay/learning_rate_decay.hpp; the text is
// chapters/04-learning-rate-decay/README.md. `./grade hint 04` gives hints one at a time.
// The earlier chapters' functions (loss_and_gradients, sgd_step, train, init_network, …) are
// available.
#include "learning_rate_decay.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace scratchnet {

Schedule constant_lr(double lr)
{
    // TODO: check lr, then return a lambda: [lr](std::size_t epoch) { return ...; }
    throw not_implemented("constant_lr");
}

Schedule step_decay(double lr, double gamma, std::size_t step_size)
{
    // TODO: which rate does epoch 0 use? epoch step_size - 1? epoch step_size? Compute the rate
    // from the epoch alone: a schedule keeps no state between calls.
    throw not_implemented("step_decay");
}

Schedule exponential_decay(double lr, double gamma)
{
    // TODO: lr * gamma^e.
    throw not_implemented("exponential_decay");
}

Schedule inverse_time_decay(double lr, double k)
{
    // TODO: lr / (1 + k e).
    throw not_implemented("inverse_time_decay");
}

Schedule cosine_with_warmup(double lr, std::size_t warmup, std::size_t total, double min_lr,
                            double start_factor)
{
    // TODO: three pieces: the linear warm-up, the half cosine from lr down to min_lr, and the
    // flat tail. Check the rates at the joins (epochs 0, warmup and total) on paper first.
    throw not_implemented("cosine_with_warmup");
}

ReduceOnPlateau::ReduceOnPlateau(double lr, const PlateauOptions& options)
    : options_(options), lr_(lr), best_(std::numeric_limits<double>::infinity())
{
    // TODO: check lr and every option (the contract lists the rules).
    throw not_implemented("ReduceOnPlateau::ReduceOnPlateau");
}

double ReduceOnPlateau::step(double loss)
{
    // TODO: the contract's three steps, in that order: better or bad epoch; cooldown; patience.
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

TrainHistory train_with_schedule(Network& net, const Matrix& X, const Labels& y,
                                 const Schedule& schedule, std::size_t epochs)
{
    // TODO: chapter 02's train(), with the rate of each epoch taken from the schedule.
    throw not_implemented("train_with_schedule");
}

TrainHistory train_with_plateau(Network& net, const Matrix& X, const Labels& y,
                                ReduceOnPlateau& plateau, std::size_t epochs)
{
    // TODO: like train_with_schedule, but the rate comes from plateau.lr(), and after the step
    // the epoch's loss goes to plateau.step().
    throw not_implemented("train_with_plateau");
}

}  // namespace scratchnet
