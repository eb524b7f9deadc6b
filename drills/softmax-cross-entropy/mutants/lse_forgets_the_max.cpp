// mutant: log-sum-exp with the row maximum subtracted inside but never added back: the loss is
//         log sum_k e^{S_nk - m_n} - S_{n,y_n}, off by m_n in every row whose maximum is not 0.
// rejected-by: CrossEntropy.MatchesReference
// rejected-by: CrossEntropy.FiniteForExtremeLogits
// rejected-by: PyTorch.CrossEntropyMatchesGoldenValues
#include "backpropagation.hpp"
#include "core.hpp"

#include <cmath>

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {

namespace {

// Throws unless y holds one label per row of S, each below S's number of columns.
void check_labels(const char* function, const Matrix& S, const Labels& y)
{
    const std::size_t N = S.shape(0), C = S.shape(1);
    if (y.size() != N)
        throw std::invalid_argument(std::string(function) + ": " + std::to_string(y.size()) +
                                    " labels for " + std::to_string(N) + " rows of logits");
    for (std::size_t n = 0; n < N; ++n)
        if (y[n] >= C)
            throw std::invalid_argument(std::string(function) + ": label " + std::to_string(y[n]) +
                                        " at position " + std::to_string(n) +
                                        " is not below C = " + std::to_string(C));
}

// A vector as a column, to broadcast one value per row.
auto column(const Vector& v) { return xt::view(v, xt::all(), xt::newaxis()); }

}  // namespace

Matrix softmax(const Matrix& S)
{
    const Vector m = xt::amax(S, {1});  // each row's largest logit becomes e^0 = 1
    const Matrix E = xt::exp(S - column(m));
    const Vector total = xt::sum(E, {1});
    return E / column(total);
}

double cross_entropy(const Matrix& S, const Labels& y)
{
    check_labels("cross_entropy", S, y);
    // log sum_k e^{S_nk} = m_n + log sum_k e^{S_nk - m_n}: no exp ever overflows.
    const Vector m = xt::amax(S, {1});
    const Vector total = xt::sum(xt::exp(S - column(m)), {1});
    const Vector log_sum_exp = xt::log(total);
    double loss = 0.0;
    for (std::size_t n = 0; n < y.size(); ++n)
        loss += log_sum_exp(n) - S(n, y[n]);
    return loss / static_cast<double>(y.size());
}

Matrix cross_entropy_gradient(const Matrix& S, const Labels& y)
{
    check_labels("cross_entropy_gradient", S, y);
    Matrix dS = softmax(S);  // P - Y, then / N
    for (std::size_t n = 0; n < y.size(); ++n)
        dS(n, y[n]) -= 1.0;
    return dS / static_cast<double>(y.size());
}

}  // namespace scratchnet
