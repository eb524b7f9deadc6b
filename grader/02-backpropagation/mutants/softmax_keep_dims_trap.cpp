// mutant: the NumPy idiom written with lazy keep_dims reducers inside the broadcast, which
//         xtensor 0.24 evaluates wrongly: rows do not sum to 1.
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
    // [keep_dims_trap]
    Matrix E = xt::exp(S - xt::amax(S, {1}, xt::keep_dims));
    return E / xt::sum(E, {1}, xt::keep_dims);
    // [keep_dims_trap]
}
}  // namespace scratchnet
