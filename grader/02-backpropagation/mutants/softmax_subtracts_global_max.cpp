// mutant: softmax subtracts the largest logit of the whole matrix instead of each row's own
//         maximum: a row far below the others underflows to 0 / 0.
// rejected-by: Softmax.ShiftInvariant
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
    const double m = xt::amax(S)();
    Matrix E = xt::exp(S - m);
    Vector sums = xt::sum(E, {1});
    return E / xt::view(sums, xt::all(), xt::newaxis());
}
}  // namespace scratchnet
