// mutant: Dropout drops entries in evaluation too (training ignored).
// rejected-by: Dropout.NothingDrawnWithoutDropout
// rejected-by: ModernMlp.EvaluationDrawsAndUpdatesNothing
#include "going_further.hpp"

#include <cmath>
#include <stdexcept>
#include <string>
#include <type_traits>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {

DropoutForward dropout_forward(const Matrix& X, double p, bool training, Rng& rng)
{
    if (!(p >= 0 && p < 1))
        throw std::invalid_argument("dropout_forward: p must be in [0, 1), got " +
                                    std::to_string(p));
    DropoutForward out;
    (void)training;  // the slip: evaluation drops too
    if (p == 0) {
        out.mask = xt::ones_like(X);
        out.out = X;
        return out;
    }
    out.mask = Matrix(X.shape());
    const double keep_scale = 1 / (1 - p);
    for (double& m : out.mask)
        m = rng.uniform(0.0, 1.0) >= p ? keep_scale : 0.0;
    out.out = X * out.mask;
    return out;
}

}  // namespace scratchnet
