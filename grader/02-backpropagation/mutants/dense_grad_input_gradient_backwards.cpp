// mutant: the flag read backwards (if (!input_gradient) …): dX is empty exactly when it is asked
//         for, and computed when it is not.
// rejected-by: DenseBackward.GradientsMatchFiniteDifferences
// rejected-by: DenseBackward.SkipsTheInputGradientWhenAsked
// rejected-by: PyTorch.DenseBackwardMatchesGoldenValues
// rejected-by: Backprop.LossMatchesReference
// rejected-by: Backprop.GradientsMatchFiniteDifferences
// rejected-by: Backprop.FiniteForExtremeLogits
// rejected-by: Train.LossHistoryMatchesReference
// rejected-by: TwoLayerNet.LearnsXor
// rejected-by: PyTorch.TwoLayerGradientsMatchGoldenValues
#include "backpropagation.hpp"

namespace scratchnet {
DenseGradients dense_backward(const Matrix& dZ, const Matrix& X, const Matrix& W,
                              bool input_gradient)
{
    DenseGradients g;
    if (!input_gradient)
        g.dX = dot(dZ, transposed(W));
    g.dW = dot(transposed(X), dZ);
    g.db = xt::sum(dZ, {0});
    return g;
}
}  // namespace scratchnet
