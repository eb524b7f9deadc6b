// mutant: the gradient checker ranks entries by absolute error |a - n| and reports that as the
//         relative error.
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
    for (std::size_t i = 0; i < x.shape(0); ++i)
        for (std::size_t j = 0; j < x.shape(1); ++j) {
            probe(i, j) = x(i, j) + h;
            const double up = f(probe);
            probe(i, j) = x(i, j) - h;
            const double down = f(probe);
            probe(i, j) = x(i, j);
            const double numeric = (up - down) / (2.0 * h);
            const double err = std::abs(analytic(i, j) - numeric);
            if (err > worst.max_relative_error || (i == 0 && j == 0))
                worst = {err, i, j, analytic(i, j), numeric};
        }
    return worst;
}
}  // namespace scratchnet
