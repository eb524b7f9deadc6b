// Chapter 05 — L2 regularization. Your file: replace each `throw not_implemented(...)` with your
// code, then run `./grade 05`. The contract (what each function takes and returns) is in
// chapters/05-l2-regularization/l2_regularization.hpp; the text is
// chapters/05-l2-regularization/README.md. `./grade hint 05` gives hints one at a time.
// The earlier chapters' functions (loss_and_gradients, sgd_step, …) are available.
#include "l2_regularization.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include <xtensor/xmath.hpp>

namespace scratchnet {

double l2_penalty(const Network& net, double lambda)
{
    // TODO: half of lambda times the sum of the squares of every weight. Which parameters are
    // weights?
    throw not_implemented("l2_penalty");
}

LossAndGradients l2_loss_and_gradients(const Network& net, const Matrix& X, const Labels& y,
                                       double lambda)
{
    // TODO: chapter 02's loss and gradients, plus the penalty and its gradient. Differentiate
    // the penalty on paper first: what happens to the 1/2?
    throw not_implemented("l2_loss_and_gradients");
}

void weight_decay_step(Network& net, const Gradients& grads, double lr, double lambda)
{
    // TODO: shrink the weights, then step against the data loss's gradient. Check everything
    // before you change anything.
    throw not_implemented("weight_decay_step");
}

}  // namespace scratchnet
