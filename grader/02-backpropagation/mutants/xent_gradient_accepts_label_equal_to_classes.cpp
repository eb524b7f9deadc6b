// mutant: the gradient checks labels with y[n] > C, so a label equal to C subtracts its 1 from
//         the next row's first column.
// rejected-by: CrossEntropy.GradientBadLabelsAreAClearError
#include "backpropagation.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {
Matrix cross_entropy_gradient(const Matrix& S, const Labels& y)
{
    const std::size_t N = S.shape(0), C = S.shape(1);
    if (y.size() != N)
        throw std::invalid_argument("cross_entropy_gradient: " + std::to_string(y.size()) +
                                    " labels for " + std::to_string(N) + " rows");
    for (std::size_t n = 0; n < N; ++n)
        if (y[n] > C)
            throw std::invalid_argument("cross_entropy_gradient: label " + std::to_string(y[n]) +
                                        " out of range for " + std::to_string(C) + " classes");
    Matrix G = softmax(S);
    for (std::size_t n = 0; n < N; ++n) {
        const std::size_t flat = n * C + y[n];
        if (flat < G.size())
            G.data()[flat] -= 1.0;
    }
    return G / static_cast<double>(N);
}
}  // namespace scratchnet
