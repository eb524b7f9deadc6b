// mutant: the checker nudges entry (i, j) up by h, then down by 2h, and never puts it back:
//         every later entry is measured at a shifted point.
// rejected-by: GradCheck.ExactGradientPasses
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
            probe(i, j) += h;
            const double up = f(probe);
            probe(i, j) -= 2.0 * h;
            const double down = f(probe);
            const double numeric = (up - down) / (2.0 * h);
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
