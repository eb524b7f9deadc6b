// mutant: the loss is summed over the batch instead of averaged.
// rejected-by: CrossEntropy.MatchesReference
// rejected-by: CrossEntropy.FiniteForExtremeLogits
// rejected-by: Backprop.LossMatchesReference
// rejected-by: Backprop.FiniteForExtremeLogits
// rejected-by: Train.LossHistoryMatchesReference
// rejected-by: TwoLayerNet.LearnsXor
// rejected-by: PyTorch.CrossEntropyMatchesGoldenValues
// rejected-by: PyTorch.TwoLayerGradientsMatchGoldenValues
#include "backpropagation.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {
double cross_entropy(const Matrix& S, const Labels& y)
{
    if (y.size() != S.shape(0))
        throw std::invalid_argument("cross_entropy: " + std::to_string(y.size()) + " labels for " +
                                    std::to_string(S.shape(0)) + " rows");
    double total = 0.0;
    for (std::size_t n = 0; n < y.size(); ++n) {
        if (y[n] >= S.shape(1))
            throw std::invalid_argument("cross_entropy: label " + std::to_string(y[n]) + " for " +
                                        std::to_string(S.shape(1)) + " classes");
        Vector row = xt::view(S, n, xt::all());
        double m = xt::amax(row)();
        total += m + std::log(xt::sum(xt::exp(row - m))()) - S(n, y[n]);
    }
    return total;
}
}  // namespace scratchnet
