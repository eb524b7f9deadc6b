// mutant: the weights grow: W <- (1 + lr lambda) W - lr dW.
// rejected-by: WeightDecay.EqualsL2Sgd
#include "l2_regularization.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>

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

void weight_decay_step(Network& net, const Gradients& grads, double lr, double lambda)
{
    check_lambda("weight_decay_step", lambda);
    if (grads.dW.size() != net.layers.size() || grads.db.size() != net.layers.size())
        throw std::invalid_argument("weight_decay_step: the network has " +
                                    std::to_string(net.layers.size()) + " layers but there are " +
                                    std::to_string(grads.dW.size()) + " dW and " +
                                    std::to_string(grads.db.size()) + " db");
    for (std::size_t l = 0; l < net.layers.size(); ++l) {
        net.layers[l].W = (1.0 + lr * lambda) * net.layers[l].W - lr * grads.dW[l];
        net.layers[l].b -= lr * grads.db[l];
    }
}
}  // namespace scratchnet
