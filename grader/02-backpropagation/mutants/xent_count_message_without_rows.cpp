// mutant: a wrong label count is rejected, but the message gives only the number of labels, not
//         the number of rows it should match.
// rejected-by: CrossEntropy.BadLabelsAreAClearError
#include "backpropagation.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {
double cross_entropy(const Matrix& S, const Labels& y)
{
    if (y.size() != S.shape(0))
        throw std::invalid_argument("cross_entropy: wrong number of labels (" +
                                    std::to_string(y.size()) + ")");
    for (std::size_t n = 0; n < y.size(); ++n)
        if (y[n] >= S.shape(1))
            throw std::invalid_argument("cross_entropy: label " + std::to_string(y[n]) +
                                        " out of range for " + std::to_string(S.shape(1)) +
                                        " classes");
    double total = 0.0;
    for (std::size_t n = 0; n < y.size(); ++n) {
        Vector row = xt::view(S, n, xt::all());
        const double m = xt::amax(row)();
        total += m + std::log(xt::sum(xt::exp(row - m))()) - S(n, y[n]);
    }
    return total / static_cast<double>(y.size());
}
}  // namespace scratchnet
