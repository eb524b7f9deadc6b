// Drill: a numerical gradient checker.                             ./grade drill check
//
// Write gradient_check(f, x, analytic, h): f is a scalar function of a matrix, x (R, K) the point,
// analytic (R, K) a gradient of f at x to be checked, h the step. For every entry (i, j):
//   the numerical gradient  n_ij = (f(x + h e_ij) - f(x - h e_ij)) / 2h  (central differences;
//                           e_ij is 1 at (i, j) and 0 elsewhere, so only that entry moves),
//   the relative error      r_ij = |a_ij - n_ij| / max(|a_ij|, |n_ij|), and 0 when both are 0,
//                           exactly that: no epsilon or floor in the denominator (gradients as
//                           small as 1e-9 are tried).
// Return the worst entry as a GradCheck: max_relative_error = its r, its row and col, and the
// analytic and numeric values there. Tie rule: on equal relative errors, the first entry in
// row-major order (row 0 left to right, then row 1, ...); when every r is 0 that is (0, 0), with
// its own analytic and numeric values. Use the h you are given (steps from 0.02 to 0.2 are
// tried). f may depend on several entries at once, e.g. (sum x)^2 or x(0,0) x(R-1,K-1). x must
// be the same after the call.
//
// Errors: throw std::invalid_argument when analytic's shape differs from x's (rows alone,
// columns alone, or the transpose: same size, other shape); the message contains both shapes,
// written the way shape_str (core.hpp) writes them, e.g. "(4, 3)".
//
// The hidden checks: exact gradients of smooth functions must give max_relative_error below
// 1e-7; one planted wrong entry must be found, with max_relative_error, analytic and numeric
// matching the checks' own computation (about 1e-9 absolute + 1e-6 relative); exact ties.
//
// Matrix is xt::xtensor<double, 2> (core.hpp): M(i, j) is an entry, M.shape(0) the rows,
// M.shape(1) the columns; Matrix copy = M; makes a copy.
#include "backpropagation.hpp"
#include "core.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

namespace scratchnet {

GradCheck gradient_check(const std::function<double(const Matrix&)>& f, const Matrix& x,
                         const Matrix& analytic, double h)
{
    // your code
    throw not_implemented("gradient_check");
}

}  // namespace scratchnet
