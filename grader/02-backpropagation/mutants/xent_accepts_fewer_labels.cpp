// mutant: the count check only rejects more labels than rows (y.size() > N); with fewer
//         labels the loss is the mean over the labelled rows.
// rejected-by: CrossEntropy.BadLabelsAreAClearError
#include "backpropagation.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {
double cross_entropy(const Matrix& S, const Labels& y)
{
    if (y.size() > S.shape(0))
        throw std::invalid_argument("cross_entropy: " + std::to_string(y.size()) + " labels for " +
                                    std::to_string(S.shape(0)) + " rows");
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
