// mutant: l2_penalty adds the squares of the biases too.
// rejected-by: L2Loss.LossAddsThePenalty
// rejected-by: L2Penalty.LeavesBiasesOut
// rejected-by: L2Penalty.MatchesOwnSum
#include "backpropagation.hpp"
#include "core.hpp"
#include "l2_regularization.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include <xtensor/xmath.hpp>

namespace scratchnet {

namespace {

void check_lambda(double lambda)
{
    if (!(lambda >= 0.0 && std::isfinite(lambda)))
        throw std::invalid_argument("lambda must be finite and >= 0, not " +
                                    std::to_string(lambda));
}

}  // namespace

double l2_penalty(const Network& net, double lambda)
{
    check_lambda(lambda);
    double sum = 0.0;
    for (const Layer& layer : net.layers)
        sum += xt::sum(xt::square(layer.W))() + xt::sum(xt::square(layer.b))();
    return 0.5 * lambda * sum;
}

LossAndGradients l2_loss_and_gradients(const Network& net, const Matrix& X, const Labels& y,
                                       double lambda)
{
    check_lambda(lambda);
    LossAndGradients lg = loss_and_gradients(net, X, y);
    lg.loss += l2_penalty(net, lambda);
    for (std::size_t l = 0; l < net.layers.size(); ++l)
        lg.grads.dW[l] += lambda * net.layers[l].W;
    return lg;
}

void weight_decay_step(Network& net, const Gradients& grads, double lr, double lambda)
{
    check_lambda(lambda);
    if (grads.dW.size() != net.layers.size() || grads.db.size() != net.layers.size())
        throw std::invalid_argument("weight_decay_step: " + std::to_string(net.layers.size()) +
                                    " layers, " + std::to_string(grads.dW.size()) + " dW, " +
                                    std::to_string(grads.db.size()) + " db");
    for (std::size_t l = 0; l < net.layers.size(); ++l) {
        net.layers[l].W = (1.0 - lr * lambda) * net.layers[l].W - lr * grads.dW[l];
        net.layers[l].b -= lr * grads.db[l];
    }
}

}  // namespace scratchnet
