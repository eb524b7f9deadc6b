// mutant: l2_loss_and_gradients tests !(lambda > 0): lambda = 0 (and -0.0), chapter 02's case, throws.
// rejected-by: L2Loss.ZeroLambdaIsChapter02
// rejected-by: L2Loss.BadLambdaIsAClearError
#include "l2_regularization.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>

#include <xtensor/xmath.hpp>

namespace scratchnet {
namespace {
void check_lambda(const char* function, double lambda)
{
    if (!(lambda > 0.0) || std::isinf(lambda)) {
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
    lg.loss += l2_penalty(net, lambda);
    for (std::size_t l = 0; l < net.layers.size(); ++l)
        lg.grads.dW[l] += lambda * net.layers[l].W;
    return lg;
}
}  // namespace scratchnet
