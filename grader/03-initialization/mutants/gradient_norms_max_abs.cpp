// mutant: gradient_norms returns the largest |entry| of dW (the max norm) instead of the Frobenius norm.
// rejected-by: GradientNorms.MatchOwnOracle
#include "initialization.hpp"

#include <cmath>

#include <xtensor/xmath.hpp>
#include <xtensor/xsort.hpp>

namespace scratchnet {
std::vector<double> gradient_norms(const Network& net, const Matrix& X, const Labels& y)
{
    const Gradients grads = loss_and_gradients(net, X, y).grads;
    std::vector<double> norms;
    for (const Matrix& dW : grads.dW)
        norms.push_back(xt::amax(xt::abs(dW))());
    return norms;
}
}  // namespace scratchnet
