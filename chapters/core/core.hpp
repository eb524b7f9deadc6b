/// @file core.hpp
/// @brief The small toolbox every chapter uses: tensor types, `dot`, shape text and the
///        "not implemented" error thrown by exercise stubs.
#pragma once

#include <stdexcept>
#include <string>

#include <xtensor/xtensor.hpp>

namespace scratchnet {

/// A batch of rows, e.g. inputs `X: (N, D)` or weights `W: (D, H)`. Always `double`.
using Matrix = xt::xtensor<double, 2>;

/// A bias `b: (H)`; `Z + b` broadcasts it over the rows of `Z: (N, H)`.
using Vector = xt::xtensor<double, 1>;

/// Matrix product, like NumPy's `np.dot(A, B)`.
///
/// - `A: (N, K)`, `B: (K, M)` → returns `(N, M)`.
/// - Throws `std::invalid_argument` naming both shapes when the inner sizes differ.
///
/// It wraps `xt::linalg::dot` (OpenBLAS `dgemm`). It lives in a library compiled once, so that
/// your exercise files recompile in about a second instead of three.
Matrix dot(const Matrix& A, const Matrix& B);

/// Shape as text, the way error messages write it: `(4, 3)` for a 4×3 matrix, `(7)` for a vector.
template <class E>
std::string shape_str(const E& e)
{
    std::string s = "(";
    for (std::size_t i = 0; i < e.shape().size(); ++i)
        s += (i ? ", " : "") + std::to_string(e.shape()[i]);
    return s + ")";
}

/// Thrown by every exercise stub until you write the function: the grader shows such a check
/// as "not started" instead of "failing".
class not_implemented : public std::logic_error {
public:
    /// `function` names the unwritten function, e.g. "dense_forward".
    explicit not_implemented(const std::string& function)
        : std::logic_error(function + " is not implemented yet"), function_(function) {}
    /// The unwritten function's name.
    const std::string& function() const noexcept { return function_; }

private:
    std::string function_;
};

}  // namespace scratchnet
