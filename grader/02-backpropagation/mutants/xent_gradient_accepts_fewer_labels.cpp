// mutant: the gradient only rejects more labels than rows; with fewer labels the unlabelled
//         rows keep P as their gradient.
// rejected-by: CrossEntropy.GradientBadLabelsAreAClearError
#include "backpropagation.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {
Matrix cross_entropy_gradient(const Matrix& S, const Labels& y)
{
    const std::size_t N = S.shape(0), C = S.shape(1);
    if (y.size() > N)
        throw std::invalid_argument("cross_entropy_gradient: " + std::to_string(y.size()) +
                                    " labels for " + std::to_string(N) + " rows");
    for (std::size_t n = 0; n < y.size(); ++n)
        if (y[n] >= C)
            throw std::invalid_argument("cross_entropy_gradient: label " + std::to_string(y[n]) +
                                        " out of range for " + std::to_string(C) + " classes");
    Matrix G = softmax(S);
    for (std::size_t n = 0; n < y.size(); ++n)
        G(n, y[n]) -= 1.0;
    return G / static_cast<double>(N);
}
}  // namespace scratchnet
