// mutant: clip_by_global_norm clips tensor by tensor: each dW and db scaled by max_norm over its
// own norm.
// rejected-by: Clip.ScalesToMaxNorm
// rejected-by: Clip.KeepsDirection
// rejected-by: Clip.GlobalNotPerTensor
// rejected-by: Clip.BiasesCountInTheNorm
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
    double total = 0;
    for (const Matrix& dW : grads.dW)
        total += xt::sum(dW * dW)();
    for (const Vector& db : grads.db)
        total += xt::sum(db * db)();
    const double norm = std::sqrt(total);
    if (!std::isfinite(norm))
        throw std::invalid_argument("clip_by_global_norm: the gradients' norm is not finite");
    for (Matrix& dW : grads.dW) {
        const double n = std::sqrt(xt::sum(dW * dW)());
        if (n > max_norm)
            dW *= max_norm / n;  // the slip: each tensor on its own
    }
    for (Vector& db : grads.db) {
        const double n = std::sqrt(xt::sum(db * db)());
        if (n > max_norm)
            db *= max_norm / n;
    }
    return norm;
}

}  // namespace scratchnet
