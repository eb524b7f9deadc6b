// mutant: softmax normalises each column (axis 0) instead of each row.
// rejected-by: Softmax.MatchesReference
// rejected-by: Softmax.RowsSumToOne
// rejected-by: Softmax.ShiftInvariant
// rejected-by: Softmax.FiniteForExtremeLogits
// rejected-by: CrossEntropy.GradientMatchesFiniteDifferences
// rejected-by: CrossEntropy.GradientFiniteForExtremeLogits
// rejected-by: Backprop.GradientsMatchFiniteDifferences
// rejected-by: Backprop.FiniteForExtremeLogits
// rejected-by: Train.LossHistoryMatchesReference
// rejected-by: TwoLayerNet.LearnsXor
// rejected-by: PyTorch.SoftmaxMatchesGoldenValues
// rejected-by: PyTorch.CrossEntropyGradientMatchesGoldenValues
// rejected-by: PyTorch.TwoLayerGradientsMatchGoldenValues
#include "backpropagation.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {
Matrix softmax(const Matrix& S)
{
    Vector col_max = xt::amax(S, {0});
    Matrix E = xt::exp(S - col_max);
    Vector col_sum = xt::sum(E, {0});
    return E / col_sum;
}
}  // namespace scratchnet
