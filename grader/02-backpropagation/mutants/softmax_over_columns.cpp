// mutant: softmax normalises each column (axis 0) instead of each row.
// rejected-by: Softmax.ShiftInvariant
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
