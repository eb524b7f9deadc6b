// mutant: the loss takes -log(softmax(S)[n, y_n]): when that probability underflows to 0 the
//         loss is inf (no log-sum-exp).
// rejected-by: CrossEntropy.FiniteForExtremeLogits
// rejected-by: Backprop.FiniteForExtremeLogits
#include "backpropagation.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {
double cross_entropy(const Matrix& S, const Labels& y)
{
    if (y.size() != S.shape(0))
        throw std::invalid_argument("cross_entropy: " + std::to_string(y.size()) + " labels for " +
                                    std::to_string(S.shape(0)) + " rows");
    Matrix P = softmax(S);
    double total = 0.0;
    for (std::size_t n = 0; n < y.size(); ++n) {
        if (y[n] >= S.shape(1))
            throw std::invalid_argument("cross_entropy: label " + std::to_string(y[n]) + " for " +
                                        std::to_string(S.shape(1)) + " classes");
        total -= std::log(P(n, y[n]));
    }
    return total / static_cast<double>(y.size());
}
}  // namespace scratchnet
