// mutant: the gradient of the mean loss is P - Y, not (P - Y)/N (the notebook's bug: the
//         loss is divided by N, the gradient is not).
// rejected-by: CrossEntropy.GradientMatchesFiniteDifferences
// rejected-by: CrossEntropy.GradientFiniteForExtremeLogits
// rejected-by: CrossEntropy.GradientBadLabelsAreAClearError
// rejected-by: Backprop.GradientsMatchFiniteDifferences
// rejected-by: Backprop.FiniteForExtremeLogits
// rejected-by: Train.LossHistoryMatchesReference
// rejected-by: TwoLayerNet.LearnsXor
// rejected-by: PyTorch.CrossEntropyGradientMatchesGoldenValues
// rejected-by: PyTorch.TwoLayerGradientsMatchGoldenValues
#include "backpropagation.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {
Matrix cross_entropy_gradient(const Matrix& S, const Labels& y)
{
    return softmax(S) - one_hot(y, S.shape(1));
}
}  // namespace scratchnet
