// mutant: sgd_step compares only grads.dW.size() with the number of layers; a missing or extra
//         db goes unnoticed.
// rejected-by: Sgd.WrongGradientCountIsAnError
#include "backpropagation.hpp"

#include <xtensor/xmath.hpp>

namespace scratchnet {
void sgd_step(Network& net, const Gradients& grads, double lr)
{
    if (grads.dW.size() != net.layers.size())
        throw std::invalid_argument("sgd_step: " + std::to_string(grads.dW.size()) + " dW for " +
                                    std::to_string(net.layers.size()) + " layers");
    for (std::size_t l = 0; l < net.layers.size(); ++l) {
        net.layers[l].W -= lr * grads.dW[l];
        if (l < grads.db.size())
            net.layers[l].b -= lr * grads.db[l];
    }
}
}  // namespace scratchnet
