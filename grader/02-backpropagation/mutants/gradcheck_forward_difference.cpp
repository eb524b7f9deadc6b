// mutant: the gradient checker uses forward differences (f(x + h) - f(x)) / h, whose error is
//         of order h, not h squared.
// rejected-by: GradCheck.ExactGradientPasses
// rejected-by: GradCheck.FindsTheWrongEntry
// rejected-by: GradCheck.FirstWorstEntryOnTie
// rejected-by: GradCheck.HonoursTheStep
#include "backpropagation.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {
GradCheck gradient_check(const std::function<double(const Matrix&)>& f, const Matrix& x,
                         const Matrix& analytic, double h)
{
    if (analytic.shape() != x.shape())
        throw std::invalid_argument("gradient_check: x " + shape_str(x) + ", analytic " +
                                    shape_str(analytic));
    GradCheck worst;
    Matrix probe = x;
    const double base = f(x);
    for (std::size_t i = 0; i < x.shape(0); ++i)
        for (std::size_t j = 0; j < x.shape(1); ++j) {
            probe(i, j) = x(i, j) + h;
            const double numeric = (f(probe) - base) / h;
            probe(i, j) = x(i, j);
            const double a = analytic(i, j);
            const double scale = std::max(std::abs(a), std::abs(numeric));
            const double rel = scale == 0.0 ? 0.0 : std::abs(a - numeric) / scale;
            if (rel > worst.max_relative_error || (i == 0 && j == 0))
                worst = {rel, i, j, a, numeric};
        }
    return worst;
}
}  // namespace scratchnet
