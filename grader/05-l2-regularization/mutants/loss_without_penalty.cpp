// mutant: the loss is chapter 02's alone: the gradients get lambda W but the penalty is never added to the loss.
// rejected-by: L2Loss.LossAddsThePenalty
#include "l2_regularization.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>

#include <xtensor/xmath.hpp>

namespace scratchnet {
namespace {
void check_lambda(const char* function, double lambda)
{
    if (!(lambda >= 0.0) || std::isinf(lambda)) {
        std::ostringstream text;
        text << function << ": lambda must be a finite number >= 0, not " << lambda;
        throw std::invalid_argument(text.str());
    }
}
}  // namespace

LossAndGradients l2_loss_and_gradients(const Network& net, const Matrix& X, const Labels& y,
                                       double lambda)
{
    check_lambda("l2_loss_and_gradients", lambda);
    LossAndGradients lg = loss_and_gradients(net, X, y);
    for (std::size_t l = 0; l < net.layers.size(); ++l)
        lg.grads.dW[l] += lambda * net.layers[l].W;
    return lg;
}
}  // namespace scratchnet
