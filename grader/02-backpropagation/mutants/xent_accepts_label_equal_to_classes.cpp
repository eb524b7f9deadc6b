// mutant: the label check is y[n] > C instead of y[n] >= C, so a label equal to C reads the
//         first logit of the next row.
// rejected-by: CrossEntropy.BadLabelsAreAClearError
#include "backpropagation.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {
double cross_entropy(const Matrix& S, const Labels& y)
{
    const std::size_t N = S.shape(0), C = S.shape(1);
    if (y.size() != N)
        throw std::invalid_argument("cross_entropy: " + std::to_string(y.size()) + " labels for " +
                                    std::to_string(N) + " rows");
    for (std::size_t n = 0; n < N; ++n)
        if (y[n] > C)
            throw std::invalid_argument("cross_entropy: label " + std::to_string(y[n]) +
                                        " out of range for " + std::to_string(C) + " classes");
    double total = 0.0;
    for (std::size_t n = 0; n < N; ++n) {
        Vector row = xt::view(S, n, xt::all());
        const double m = xt::amax(row)();
        const std::size_t flat = std::min(n * C + y[n], S.size() - 1);
        total += m + std::log(xt::sum(xt::exp(row - m))()) - S.data()[flat];
    }
    return total / static_cast<double>(N);
}
}  // namespace scratchnet
