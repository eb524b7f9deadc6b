// mutant: db sums dZ over its columns (axis 1, one number per row) instead of over the rows.
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
    return {input_gradient ? dot(dZ, transposed(W)) : Matrix(), dot(transposed(X), dZ),
            xt::sum(dZ, {1})};
}
}  // namespace scratchnet
