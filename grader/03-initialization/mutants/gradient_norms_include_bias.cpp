// mutant: gradient_norms includes the bias: sqrt(||dW||^2 + ||db||^2) per layer.
// rejected-by: GradientNorms.MatchOwnOracle
#include "initialization.hpp"

#include <cmath>

#include <xtensor/xmath.hpp>

namespace scratchnet {
std::vector<double> gradient_norms(const Network& net, const Matrix& X, const Labels& y)
{
    const Gradients grads = loss_and_gradients(net, X, y).grads;
    std::vector<double> norms;
    for (std::size_t l = 0; l < grads.dW.size(); ++l)
        norms.push_back(
            std::sqrt(xt::sum(xt::square(grads.dW[l]))() + xt::sum(xt::square(grads.db[l]))()));
    return norms;
}
}  // namespace scratchnet
