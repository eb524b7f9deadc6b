// mutant: clip_by_global_norm does not look for NaN or infinity: a non-finite gradient gives a NaN
// norm, which compares false, and no error.
// rejected-by: Clip.NonFiniteGradientThrowsAndChangesNothing
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
    // the slip: no std::isfinite check
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
