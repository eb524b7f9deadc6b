// mutant: gradient_norms in backward order: the last layer first.
// rejected-by: GradientNorms.MatchOwnOracle
#include "initialization.hpp"

#include <cmath>

#include <xtensor/xmath.hpp>

namespace scratchnet {
std::vector<double> gradient_norms(const Network& net, const Matrix& X, const Labels& y)
{
    const Gradients grads = loss_and_gradients(net, X, y).grads;
    std::vector<double> norms;
    for (std::size_t l = grads.dW.size(); l-- > 0;)
        norms.push_back(std::sqrt(xt::sum(xt::square(grads.dW[l]))()));
    return norms;
}
}  // namespace scratchnet
