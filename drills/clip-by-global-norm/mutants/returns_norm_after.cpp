// mutant: returns the norm after clipping instead of before
// rejected-by: Clip.BiasesCountInTheNorm
// rejected-by: Clip.HugeAndTinyEntriesGiveTheTrueNorm
// rejected-by: Clip.ReturnsTheNormBeforeClipping
#include "backpropagation.hpp"
#include "core.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include <xtensor/xmath.hpp>
#include <xtensor/xsort.hpp>

namespace scratchnet {

namespace {

// Calls f on every gradient tensor, matrices then vectors.
template <class F>
void each_tensor(Gradients& g, F f)
{
    for (Matrix& dW : g.dW)
        f(dW);
    for (Vector& db : g.db)
        f(db);
}

}  // namespace

double clip_by_global_norm(Gradients& grads, double max_norm)
{
    if (!(max_norm > 0) || std::isinf(max_norm))
        throw std::invalid_argument(
            "clip_by_global_norm: max_norm must be positive and finite, got " +
            std::to_string(max_norm));
    double largest = 0;
    each_tensor(grads, [&](auto& t) {
        if (!xt::all(xt::isfinite(t)))
            throw std::invalid_argument("clip_by_global_norm: a gradient is NaN or infinite");
        if (t.size() > 0)
            largest = std::max(largest, double(xt::amax(xt::abs(t))()));
    });
    if (largest == 0)
        return 0;
    double squares = 0;  // of the entries divided by the largest: each at most 1
    each_tensor(grads, [&](auto& t) { squares += xt::sum(xt::square(t / largest))(); });
    const double norm = largest * std::sqrt(squares);
    if (norm > max_norm) {
        each_tensor(grads, [&](auto& t) { t *= max_norm / norm; });
        return max_norm;
    }
    return norm;
}

}  // namespace scratchnet
