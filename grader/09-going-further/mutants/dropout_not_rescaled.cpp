// mutant: Dropout keeps entries at 1 instead of 1/(1 − p): the expected output shrinks to (1 − p)X.
// rejected-by: Dropout.KeepsAndScales
// rejected-by: ModernMlp.DropoutMasksFollowTheDrawOrder
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
    if (!training || p == 0) {
        out.mask = xt::ones_like(X);
        out.out = X;
        return out;
    }
    out.mask = Matrix(X.shape());
    const double keep_scale = 1 / (1 - p);
    (void)keep_scale;
    for (double& m : out.mask)
        m = rng.uniform(0.0, 1.0) >= p ? 1.0 : 0.0;
    out.out = X * out.mask;
    return out;
}

}  // namespace scratchnet
