/// @file core.hpp
/// @brief The small toolbox every chapter uses: tensor types, `dot`, shape text and the
///        "not implemented" error thrown by exercise stubs.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <xtensor/xtensor.hpp>

namespace scratchnet {

/// A batch of rows, e.g. inputs `X: (N, D)` or weights `W: (D, H)`. Always `double`.
using Matrix = xt::xtensor<double, 2>;

/// A bias `b: (H)`; `Z + b` broadcasts it over the rows of `Z: (N, H)`.
using Vector = xt::xtensor<double, 1>;

/// Class labels, one per row of a batch: `y[n]` is the class of row n, in `[0, C)`.
using Labels = std::vector<std::size_t>;

/// Matrix product, like NumPy's `np.dot(A, B)`.
///
/// - `A: (N, K)`, `B: (K, M)` → returns `(N, M)`.
/// - Throws `std::invalid_argument` naming both shapes when the inner sizes differ.
///
/// It calls OpenBLAS's `dgemm` (through xtensor-blas). It lives in a library compiled once, so that
/// your exercise files recompile in about a second instead of three.
Matrix dot(const Matrix& A, const Matrix& B);

/// A matrix read as its transpose by dot(), like NumPy's `A.T`: no copy is made.
struct Transposed {
    const Matrix& matrix;  ///< the matrix whose transpose is meant
};

/// `transposed(A)` is \f$ A^\top \f$ for dot(): `dot(transposed(X), dZ)` computes
/// \f$ X^\top dZ \f$ and `dot(dZ, transposed(W))` computes \f$ dZ\, W^\top \f$. BLAS reads the
/// matrix transposed in place; `dot(xt::transpose(X), dZ)` gives the same numbers but first
/// copies X into a new, transposed matrix (a full pass over memory, as long as the product itself
/// for the shapes of a training step).
inline Transposed transposed(const Matrix& A) { return Transposed{A}; }

/// \f$ A^\top B \f$: `A: (K, N)`, `B: (K, M)` → `(N, M)`; throws like dot(A, B).
Matrix dot(Transposed A, const Matrix& B);

/// \f$ A B^\top \f$: `A: (N, K)`, `B: (M, K)` → `(N, M)`; throws like dot(A, B).
Matrix dot(const Matrix& A, Transposed B);

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
        : std::logic_error(function + " is not implemented yet"), function_(function)
    {}
    /// The unwritten function's name.
    const std::string& function() const noexcept { return function_; }

private:
    std::string function_;
};

/// Thrown when an expression is stored in a container with another number of dimensions:
/// `Matrix m = xt::amax(S, {1});` (a 1-D result in a 2-D Matrix), `softmax(Vector{1, 2, 3})` (a
/// Vector converted to a Matrix) or `Vector db = xt::sum(dZ, {0}, xt::keep_dims);` (a (1, H)
/// result in a Vector). xtensor 0.24 does not check this: it makes up the missing size, then
/// fails with `std::bad_alloc`, gives a wrong shape or crashes. This header makes xtensor check
/// it before anything is allocated (see the end of core.hpp); code whose dimensions match is not
/// affected.
class dimension_mismatch : public std::logic_error {
public:
    /// `from`: the expression's number of dimensions, `shape` its shape as text; `to`: the
    /// container's number of dimensions.
    dimension_mismatch(std::size_t from, std::size_t to, const std::string& shape)
        : std::logic_error(message(from, to, shape))
    {}

private:
    static std::string message(std::size_t from, std::size_t to, const std::string& shape)
    {
        auto name = [](std::size_t n) {
            return n == 1 ? std::string(" (a Vector)") : n == 2 ? std::string(" (a Matrix)") : "";
        };
        const std::string fix =
            from == 0   ? "A reduction with no axis (xt::amax(S), xt::sum(S)) is one number: name "
                          "the axis, as in xt::amax(S, {1}), or read the number with xt::amax(S)()."
            : from < to ? "A reduction over an axis (xt::amax(S, {1}), xt::sum(S, {1})) has one "
                          "dimension fewer than S: store it in a Vector, or keep the axis with "
                          "xt::keep_dims to get a column (N, 1)."
                        : "xt::keep_dims keeps the summed axis, (1, H) instead of (H): leave it "
                          "out to get a Vector; a row of a Matrix is xt::row(A, i).";
        return "a " + std::to_string(from) + "-D expression of shape " + shape +
               " was stored in a " + std::to_string(to) + "-D container" + name(to) +
               ": the number of dimensions must match. " + fix;
    }
};

/// The course's seeded random generator. Whatever needs random numbers (initial weights in
/// chapter 03, the shuffle of chapter 06, the grader's hidden inputs) takes one of these as an
/// argument; nothing uses a global generator, so a run is reproduced by its seed alone.
///
/// **Draw order.** Every draw takes the next 64-bit word `x` of `std::mt19937_64(seed)`
/// (whose output the C++ standard fixes), so the numbers are the same with every compiler:
/// - `uniform(lo, hi)`: one word; \f$ u = \lfloor x / 2^{11} \rfloor \cdot 2^{-53} \in [0, 1) \f$,
///   returns \f$ lo + (hi - lo)\,u \f$.
/// - `normal(mean, stddev)`: two uniforms \f$ u_1 \f$ then \f$ u_2 \f$ in [0, 1), Box–Muller:
///   \f$ mean + stddev \sqrt{-2 \ln(1 - u_1)} \cos(2\pi u_2) \f$. No second value is kept
///   for later: every normal costs exactly two words.
/// - `integer(lo, hi)`: one word, \f$ lo + x \bmod (hi - lo + 1) \f$, in `[lo, hi]`.
/// - `uniform(rows, cols, lo, hi)` and `normal(rows, cols, mean, stddev)`: the entries in
///   row-major order (row 0 left to right, then row 1, …), each drawn as above.
/// - `permutation(n)`: starts from 0, 1, …, n − 1; then for i = n − 1 down to 1,
///   j = `integer(0, i)` and entries i and j swap (Fisher–Yates, without replacement).
class Rng {
public:
    /// A generator whose draws are fixed by `seed`.
    explicit Rng(std::uint64_t seed) : engine_(seed) {}

    /// A number in `[lo, hi)`, uniformly.
    double uniform(double lo = 0.0, double hi = 1.0);
    /// A normal (Gaussian) number with the given mean and standard deviation.
    double normal(double mean = 0.0, double stddev = 1.0);
    /// An integer in `[lo, hi]` (both ends included). Throws `std::invalid_argument` when
    /// `hi < lo`.
    std::size_t integer(std::size_t lo, std::size_t hi);
    /// A `(rows, cols)` matrix of uniform numbers in `[lo, hi)`, row-major.
    Matrix uniform(std::size_t rows, std::size_t cols, double lo, double hi);
    /// A `(rows, cols)` matrix of normal numbers, row-major.
    Matrix normal(std::size_t rows, std::size_t cols, double mean, double stddev);
    /// A random order of 0, 1, …, n − 1: every index exactly once.
    std::vector<std::size_t> permutation(std::size_t n);

private:
    std::mt19937_64 engine_;
};

/// Small data sets the course uses in several places.
namespace data {

/// The four inputs of XOR, `(4, 2)`: rows (0, 0), (0, 1), (1, 0), (1, 1).
Matrix xor_inputs();
/// The XOR of each row of xor_inputs(), as class labels: 0, 1, 1, 0.
Labels xor_labels();

/// A labelled data set: one example per row of `X`, its class in `y`.
struct Dataset {
    Matrix X;  ///< `(N, D)`
    Labels y;  ///< N labels
};

/// CS231n's three-arm spiral, a small data set no straight line separates: `classes` arms of
/// `per_class` points in the plane. Point i of arm k (row k·per_class + i, label k) has radius
/// r = i / (per_class − 1) and angle t = 4k + 4r + ε, where ε = `rng.normal(0, 0.2)` is drawn
/// point by point in row order; its row of X is (r sin t, r cos t). Throws
/// `std::invalid_argument` when per_class < 2 or classes = 0.
Dataset spiral(std::size_t per_class, std::size_t classes, Rng& rng);

/// Sequences for a recurrent network: T inputs of N rows each, and one target row per sample.
struct SequenceSet {
    std::vector<Matrix> xs;  ///< xs[t]: `(N, D)`, the inputs of step t
    Matrix y;                ///< `(N, 1)`: what the network should output after the last step
};

/// The adding problem (Hochreiter & Schmidhuber 1997, in the form of Le, Jaitly & Hinton 2015):
/// each of N sequences has T steps of two inputs, a value in [0, 1) and a marker, 1 at exactly
/// two steps — one in the first half, one in the second — and 0 elsewhere; the target is the sum
/// of the two marked values. Predicting the mean, 1, scores a mean squared error of about 1/6:
/// a network beats that only by remembering the marked values across the sequence.
///
/// Draw order, sample by sample (n = 0 … N − 1): the T values (`rng.uniform(0, 1)`, t = 0 …
/// T − 1), then the first marker's step `rng.integer(0, T/2 − 1)`, then the second's
/// `rng.integer(T/2, T − 1)` (T/2 rounded down). Throws `std::invalid_argument` when N = 0 or
/// T < 2.
SequenceSet adding_problem(std::size_t N, std::size_t T, Rng& rng);

}  // namespace data

}  // namespace scratchnet

// xtensor 0.24 stores a shape in a fixed-size xtensor (Matrix, Vector) through this xtl helper,
// which copies the expression's shape into a std::array without checking its length: a 1-D
// shape in a Matrix leaves the second size uninitialised (a garbage size: std::bad_alloc, a wrong
// shape or a crash), a 2-D shape in a Vector writes past the array. This specialization (for
// std::array targets only; a shape of the right length is copied as before) checks the length
// and throws scratchnet::dimension_mismatch before anything is allocated.
#if defined(XTL_VERSION_MAJOR) && XTL_VERSION_MAJOR == 0 && XTL_VERSION_MINOR == 7
namespace xtl::detail {
template <class T, std::size_t N, class A>
struct sequence_forwarder_impl<std::array<T, N>, A, void> {
    template <class S>
    static std::array<T, N> forward(const S& shape)
    {
        const auto length =
            static_cast<std::size_t>(std::distance(std::begin(shape), std::end(shape)));
        if (length != N) {
            std::string text = "(";
            for (auto it = std::begin(shape); it != std::end(shape); ++it)
                text += (it == std::begin(shape) ? "" : ", ") + std::to_string(*it);
            throw scratchnet::dimension_mismatch(length, N, text + ")");
        }
        std::array<T, N> out;
        std::copy(std::begin(shape), std::end(shape), out.begin());
        return out;
    }
};
}  // namespace xtl::detail
#endif
