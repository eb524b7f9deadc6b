// mutant: clip_by_global_norm clips whatever the norm: every tensor multiplied by max_norm / ‖g‖
// even when ‖g‖ is below max_norm (scaled up).
// rejected-by: Clip.NoOpBelowMaxNorm
// rejected-by: Clip.HugeAndTinyEntriesGiveTheTrueNorm
#include "vanishing_gradients.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include <xtensor/xmath.hpp>
#include <xtensor/xsort.hpp>

namespace scratchnet {

double clip_by_global_norm(Gradients& grads, double max_norm)
{
    if (!std::isfinite(max_norm) || max_norm <= 0)
        throw std::invalid_argument(
            "clip_by_global_norm: max_norm must be positive and finite (got " +
            std::to_string(max_norm) + ")");
    for (const Matrix& dW : grads.dW)
        if (!xt::all(xt::isfinite(dW)))
            throw std::invalid_argument("clip_by_global_norm: the gradients' norm is not finite "
                                        "(a NaN or an infinity in a dW)");
    for (const Vector& db : grads.db)
        if (!xt::all(xt::isfinite(db)))
            throw std::invalid_argument("clip_by_global_norm: the gradients' norm is not finite "
                                        "(a NaN or an infinity in a db)");
    // ‖g‖ = m·sqrt(Σ (g/m)²) with m the largest |entry|: no square overflows or underflows.
    double m = 0;
    for (const Matrix& dW : grads.dW)
        m = std::max(m, dW.size() ? xt::amax(xt::abs(dW))() : 0.0);
    for (const Vector& db : grads.db)
        m = std::max(m, db.size() ? xt::amax(xt::abs(db))() : 0.0);
    if (m == 0)
        return 0.0;
    double sum = 0;
    for (const Matrix& dW : grads.dW)
        sum += xt::sum(xt::square(dW / m))();
    for (const Vector& db : grads.db)
        sum += xt::sum(xt::square(db / m))();
    const double norm = m * std::sqrt(sum);
    if (norm > 0) {  // the slip: no comparison with max_norm
        const double scale = max_norm / norm;
        for (Matrix& dW : grads.dW)
            dW *= scale;
        for (Vector& db : grads.db)
            db *= scale;
    }
    return norm;
}

}  // namespace scratchnet
