// mutant: clip_by_global_norm sums the squares as they are: 1e200² overflows to inf (a "not finite"
// error), 1e-200² underflows to 0.
// rejected-by: Clip.HugeAndTinyEntriesGiveTheTrueNorm
#include "vanishing_gradients.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include <xtensor/xmath.hpp>

namespace scratchnet {

double clip_by_global_norm(Gradients& grads, double max_norm)
{
    if (!std::isfinite(max_norm) || max_norm <= 0)
        throw std::invalid_argument(
            "clip_by_global_norm: max_norm must be positive and finite (got " +
            std::to_string(max_norm) + ")");
    double sum = 0;  // the slip: no division by the largest entry
    for (const Matrix& dW : grads.dW)
        sum += xt::sum(dW * dW)();
    for (const Vector& db : grads.db)
        sum += xt::sum(db * db)();
    const double norm = std::sqrt(sum);
    if (!std::isfinite(norm))
        throw std::invalid_argument("clip_by_global_norm: the gradients' norm is not finite");
    if (norm > max_norm) {
        const double scale = max_norm / norm;
        for (Matrix& dW : grads.dW)
            dW *= scale;
        for (Vector& db : grads.db)
            db *= scale;
    }
    return norm;
}

}  // namespace scratchnet
