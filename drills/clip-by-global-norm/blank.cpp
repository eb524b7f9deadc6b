// Drill: gradient clipping by global norm (PyTorch's clip_grad_norm_).  ./grade drill check
//
// Gradients holds a network's gradients: dW (a vector of Matrix) and db (a vector of Vector),
// any number of each, any shapes (empty lists included).
//
// Write clip_by_global_norm(grads, max_norm): the global norm is the square root of the sum of
// the squares of every entry of every dW and every db together. When it is greater than
// max_norm, multiply every dW and db by max_norm / norm (the direction is kept, the new norm is
// max_norm); when it is at most max_norm (equal included), change nothing. Return the norm
// from before clipping.
//
// Also:
// - all-zero (or no) gradients: return 0, change nothing, no NaN;
// - entries near 1e200 or 1e-200 must give their true norm: no square may overflow to inf or
//   underflow to 0 (scale by the largest |entry| before squaring);
// - throw std::invalid_argument when max_norm is not positive or not finite, and when a
//   gradient holds a NaN or an infinity; change nothing then.
//
// The hidden checks: the norm returned and every entry after clipping against the checks' own
// arithmetic (relative error 1e-12), below, at and above max_norm, several tensors whose norms
// are each under max_norm but not together, biases in the norm, zeros, 1e200 and 1e-200, and
// each error alone.
//
// Matrix is xt::xtensor<double, 2>, Vector xt::xtensor<double, 1> (core.hpp); xt::sum(M)() is the
// sum of all entries as a double; xt::amax(xt::abs(M))() the largest |entry| (not on an empty
// tensor); xt::isfinite(M) element-wise, xt::all(...) a bool.
#include "backpropagation.hpp"
#include "core.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include <xtensor/xmath.hpp>
#include <xtensor/xsort.hpp>

namespace scratchnet {

double clip_by_global_norm(Gradients& grads, double max_norm)
{
    // your code
    throw not_implemented("clip_by_global_norm");
}

}  // namespace scratchnet
