// mutant: dW computed as dZ^T X, shape (H, D): the transpose of the gradient of W.
// rejected-by: DenseBackward.GradientsMatchFiniteDifferences
// rejected-by: Backprop.GradientsMatchFiniteDifferences
// rejected-by: Backprop.FiniteForExtremeLogits
// rejected-by: Train.LossHistoryMatchesReference
// rejected-by: TwoLayerNet.LearnsXor
// rejected-by: PyTorch.DenseBackwardMatchesGoldenValues
// rejected-by: PyTorch.TwoLayerGradientsMatchGoldenValues
// rejected-by: DenseBackward.SkipsTheInputGradientWhenAsked
#include "backpropagation.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {
DenseGradients dense_backward(const Matrix& dZ, const Matrix& X, const Matrix& W,
                              bool input_gradient)
{
    return {input_gradient ? dot(dZ, transposed(W)) : Matrix(), dot(transposed(dZ), X),
            xt::sum(dZ, {0})};
}
}  // namespace scratchnet
