// Chapter 05 reference solution. Open by design: read it after your own attempt passes.
#include "l2_regularization.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>

#include <xtensor/xmath.hpp>

namespace scratchnet {

namespace {

void check_lambda(const char* function, double lambda)
{
    if (!(lambda >= 0.0) || std::isinf(lambda)) {  // NaN fails every comparison
        std::ostringstream text;
        text << function << ": lambda must be a finite number >= 0, not " << lambda;
        throw std::invalid_argument(text.str());
    }
}

}  // namespace

// [l2_penalty]
double l2_penalty(const Network& net, double lambda)
{
    check_lambda("l2_penalty", lambda);
    double squares = 0.0;
    for (const Layer& layer : net.layers)
        squares += xt::sum(xt::square(layer.W))();  // ‖W‖²_F; the bias is left out
    return 0.5 * lambda * squares;
}
// [l2_penalty]

// [l2_loss_and_gradients]
LossAndGradients l2_loss_and_gradients(const Network& net, const Matrix& X, const Labels& y,
                                       double lambda)
{
    check_lambda("l2_loss_and_gradients", lambda);
    LossAndGradients lg = loss_and_gradients(net, X, y);
    lg.loss += l2_penalty(net, lambda);
    for (std::size_t l = 0; l < net.layers.size(); ++l)
        lg.grads.dW[l] += lambda * net.layers[l].W;  // d/dW of ½λ‖W‖²; db is unchanged
    return lg;
}
// [l2_loss_and_gradients]

// [weight_decay_step]
void weight_decay_step(Network& net, const Gradients& grads, double lr, double lambda)
{
    check_lambda("weight_decay_step", lambda);
    if (grads.dW.size() != net.layers.size() || grads.db.size() != net.layers.size())
        throw std::invalid_argument("weight_decay_step: the network has " +
                                    std::to_string(net.layers.size()) + " layers but there are " +
                                    std::to_string(grads.dW.size()) + " dW and " +
                                    std::to_string(grads.db.size()) + " db");
    const double keep = 1.0 - lr * lambda;  // each step shrinks W by this factor first
    for (std::size_t l = 0; l < net.layers.size(); ++l) {
        net.layers[l].W = keep * net.layers[l].W - lr * grads.dW[l];
        net.layers[l].b -= lr * grads.db[l];
    }
}
// [weight_decay_step]

}  // namespace scratchnet
