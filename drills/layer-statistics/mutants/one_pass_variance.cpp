// mutant: activation_stats computes the variance in one pass as mean(a^2) - mean^2: cancellation loses
//         every digit when |mean| >> std (and can go negative).
// rejected-by: ActivationStats.AccurateForLargeMean
#include "backpropagation.hpp"
#include "core.hpp"
#include "initialization.hpp"

#include <cmath>
#include <vector>

#include <xtensor/xmath.hpp>

namespace scratchnet {

std::vector<LayerStats> activation_stats(const Network& net, const Matrix& X)
{
    const ForwardCache cache = forward(net, X);
    std::vector<LayerStats> stats;
    for (std::size_t l = 1; l < cache.A.size(); ++l) {
        const double mean = xt::mean(cache.A[l])();
        const double var = xt::mean(xt::square(cache.A[l]))() - mean * mean;
        stats.push_back({mean, std::sqrt(var)});
    }
    return stats;
}

std::vector<double> gradient_norms(const Network& net, const Matrix& X, const Labels& y)
{
    const Gradients grads = loss_and_gradients(net, X, y).grads;
    std::vector<double> norms;
    for (const Matrix& dW : grads.dW)
        norms.push_back(std::sqrt(xt::sum(xt::square(dW))()));
    return norms;
}

}  // namespace scratchnet
