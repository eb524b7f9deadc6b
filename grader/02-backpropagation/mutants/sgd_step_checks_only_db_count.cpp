// mutant: sgd_step compares only grads.db.size() with the number of layers; a missing or extra
//         dW goes unnoticed.
// rejected-by: Sgd.WrongGradientCountIsAnError
#include "backpropagation.hpp"

#include <xtensor/xmath.hpp>

namespace scratchnet {
void sgd_step(Network& net, const Gradients& grads, double lr)
{
    if (grads.db.size() != net.layers.size())
        throw std::invalid_argument("sgd_step: " + std::to_string(grads.db.size()) + " db for " +
                                    std::to_string(net.layers.size()) + " layers");
    for (std::size_t l = 0; l < net.layers.size(); ++l) {
        if (l < grads.dW.size())
            net.layers[l].W -= lr * grads.dW[l];
        net.layers[l].b -= lr * grads.db[l];
    }
}
}  // namespace scratchnet
