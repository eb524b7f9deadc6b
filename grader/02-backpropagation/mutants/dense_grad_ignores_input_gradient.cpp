// mutant: dense_backward ignores input_gradient and computes dX every time ("it does no harm"):
//         the caller asked for it to be skipped, and the first layer's dX is a matrix product as
//         large as the forward one that nobody uses.
// rejected-by: DenseBackward.SkipsTheInputGradientWhenAsked
#include "backpropagation.hpp"

namespace scratchnet {
DenseGradients dense_backward(const Matrix& dZ, const Matrix& X, const Matrix& W,
                              bool input_gradient)
{
    (void)input_gradient;
    return {dot(dZ, transposed(W)), dot(transposed(X), dZ), xt::sum(dZ, {0})};
}
}  // namespace scratchnet
