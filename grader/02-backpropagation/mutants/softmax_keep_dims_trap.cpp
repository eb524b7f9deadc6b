// mutant: the NumPy idiom written with lazy keep_dims reducers inside the broadcast, which
//         xtensor 0.24 evaluates wrongly: rows do not sum to 1.
// rejected-by: Softmax.RowsSumToOne
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
