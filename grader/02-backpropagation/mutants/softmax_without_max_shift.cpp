// mutant: unstable softmax: exp of the raw logits (e^1000 is inf, inf / inf is NaN).
// rejected-by: Softmax.FiniteForExtremeLogits
// rejected-by: CrossEntropy.GradientFiniteForExtremeLogits
// rejected-by: Backprop.FiniteForExtremeLogits
// rejected-by: PyTorch.SoftmaxMatchesGoldenValues
#include "backpropagation.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {
Matrix softmax(const Matrix& S)
{
    Matrix E = xt::exp(S);
    Vector row_sum = xt::sum(E, {1});
    return E / xt::view(row_sum, xt::all(), xt::newaxis());
}
}  // namespace scratchnet
