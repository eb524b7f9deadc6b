// mutant: the checker nudges the whole matrix at once (x + h, x - h) for every entry: a
//         directional derivative, right only when f's entries are independent and the sum is taken.
// rejected-by: GradCheck.ExactGradientPasses
// rejected-by: GradCheck.FindsTheWrongEntry
// rejected-by: GradCheck.FirstWorstEntryOnTie
// rejected-by: GradCheck.HonoursTheStep
#include "backpropagation.hpp"

#include <algorithm>
#include <cmath>

namespace scratchnet {
GradCheck gradient_check(const std::function<double(const Matrix&)>& f, const Matrix& x,
                         const Matrix& analytic, double h)
{
    if (analytic.shape() != x.shape())
        throw std::invalid_argument("gradient_check: x is " + shape_str(x) +
                                    " but the analytic gradient is " + shape_str(analytic));
    GradCheck worst;
    Matrix probe = x;
    for (std::size_t i = 0; i < x.shape(0); ++i) {
        for (std::size_t j = 0; j < x.shape(1); ++j) {
            const Matrix up_x = x + h, down_x = x - h;
            const double numeric = (f(up_x) - f(down_x)) / (2.0 * h);
            const double a = analytic(i, j);
            const double scale = std::max(std::abs(a), std::abs(numeric));
            const double rel = scale == 0.0 ? 0.0 : std::abs(a - numeric) / scale;
            if (rel > worst.max_relative_error || (i == 0 && j == 0))
                worst = {rel, i, j, a, numeric};
        }
    }
    return worst;
}
}  // namespace scratchnet
