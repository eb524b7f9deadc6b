// Drill solution: a numerical gradient checker.
#include "backpropagation.hpp"
#include "core.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

namespace scratchnet {

GradCheck gradient_check(const std::function<double(const Matrix&)>& f, const Matrix& x,
                         const Matrix& analytic, double h)
{
    if (analytic.shape() != x.shape())
        throw std::invalid_argument("gradient_check: x is " + shape_str(x) +
                                    " but the analytic gradient is " + shape_str(analytic));
    GradCheck worst;
    bool first = true;
    Matrix probe = x;  // moved one entry at a time, and put back
    for (std::size_t i = 0; i < x.shape(0); ++i) {
        for (std::size_t j = 0; j < x.shape(1); ++j) {
            const double saved = probe(i, j);
            probe(i, j) = saved + h;
            const double up = f(probe);
            probe(i, j) = saved - h;
            const double down = f(probe);
            probe(i, j) = saved;
            const double numeric = (up - down) / (2.0 * h);
            const double a = analytic(i, j);
            const double scale = std::max(std::abs(a), std::abs(numeric));
            const double rel = scale > 0.0 ? std::abs(a - numeric) / scale : 0.0;
            if (first || rel > worst.max_relative_error) {  // strictly worse: the first on a tie
                worst = {rel, i, j, a, numeric};
                first = false;
            }
        }
    }
    return worst;
}

}  // namespace scratchnet
