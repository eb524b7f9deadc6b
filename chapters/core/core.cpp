// Compiled once into scratchnet_core: the BLAS bindings are expensive templates to
// instantiate, and keeping them out of exercise files keeps the edit→verdict loop short.
#include "core.hpp"

#include <cmath>

#include <xtensor-blas/xlinalg.hpp>

namespace scratchnet {

namespace {

// C = op(A) op(B) through BLAS's dgemm, reading A and B transposed in place where asked.
Matrix gemm(const Matrix& A, bool transpose_a, const Matrix& B, bool transpose_b)
{
    const std::size_t n = transpose_a ? A.shape(1) : A.shape(0);
    const std::size_t k = transpose_a ? A.shape(0) : A.shape(1);
    const std::size_t kb = transpose_b ? B.shape(1) : B.shape(0);
    const std::size_t m = transpose_b ? B.shape(0) : B.shape(1);
    if (k != kb)
        throw std::invalid_argument(
            std::string("dot: inner sizes differ: A") + (transpose_a ? "ᵀ (A is " : " is ") +
            shape_str(A) + (transpose_a ? ")" : "") + " but B" +
            (transpose_b ? "ᵀ (B is " : " is ") + shape_str(B) + (transpose_b ? ")" : "") +
            (transpose_a || transpose_b
                 ? " (the first factor's columns must equal the second's rows)"
                 : " (A's columns must equal B's rows)"));
    if (n == 0 || m == 0 || k == 0)  // BLAS rejects empty operands; the product is all zeros
        return Matrix(std::array<std::size_t, 2>{n, m}, 0.0);
    Matrix C(std::array<std::size_t, 2>{n, m});  // dgemm with beta = 0 writes every entry
    xt::blas::gemm(A, B, C, transpose_a, transpose_b, 1.0, 0.0);
    return C;
}

}  // namespace

Matrix dot(const Matrix& A, const Matrix& B) { return gemm(A, false, B, false); }

Matrix dot(Transposed A, const Matrix& B) { return gemm(A.matrix, true, B, false); }

Matrix dot(const Matrix& A, Transposed B) { return gemm(A, false, B.matrix, true); }

// ---- Rng: the draw order is documented in core.hpp; change nothing without changing it there.

double Rng::uniform(double lo, double hi)
{
    // 53 random bits → [0, 1): the same on every standard library, unlike
    // std::uniform_real_distribution.
    const double u = static_cast<double>(engine_() >> 11) * 0x1.0p-53;
    return lo + (hi - lo) * u;
}

double Rng::normal(double mean, double stddev)
{
    const double u1 = uniform(), u2 = uniform();
    return mean + stddev * std::sqrt(-2.0 * std::log1p(-u1)) * std::cos(2.0 * M_PI * u2);
}

std::size_t Rng::integer(std::size_t lo, std::size_t hi)
{
    if (hi < lo)
        throw std::invalid_argument("Rng::integer: the range [" + std::to_string(lo) + ", " +
                                    std::to_string(hi) + "] is empty (hi < lo)");
    const std::uint64_t x = engine_();
    const std::uint64_t span = static_cast<std::uint64_t>(hi - lo) + 1;  // 0: the full range
    return lo + static_cast<std::size_t>(span == 0 ? x : x % span);
}

Matrix Rng::uniform(std::size_t rows, std::size_t cols, double lo, double hi)
{
    Matrix m(std::array<std::size_t, 2>{rows, cols});
    for (auto& x : m)
        x = uniform(lo, hi);
    return m;
}

Matrix Rng::normal(std::size_t rows, std::size_t cols, double mean, double stddev)
{
    Matrix m(std::array<std::size_t, 2>{rows, cols});
    for (auto& x : m)
        x = normal(mean, stddev);
    return m;
}

std::vector<std::size_t> Rng::permutation(std::size_t n)
{
    std::vector<std::size_t> p(n);
    for (std::size_t i = 0; i < n; ++i)
        p[i] = i;
    for (std::size_t i = n; i-- > 1;)
        std::swap(p[i], p[integer(0, i)]);
    return p;
}

namespace data {

Matrix xor_inputs() { return {{0, 0}, {0, 1}, {1, 0}, {1, 1}}; }

Labels xor_labels()
{
    const Matrix X = xor_inputs();
    Labels y(X.shape(0));
    for (std::size_t i = 0; i < y.size(); ++i)  // computed, not typed in
        y[i] = static_cast<std::size_t>((X(i, 0) != 0.0) != (X(i, 1) != 0.0));
    return y;
}

Dataset spiral(std::size_t per_class, std::size_t classes, Rng& rng)
{
    if (per_class < 2 || classes == 0)
        throw std::invalid_argument("data::spiral: needs at least 2 points per class and 1 class, "
                                    "not " +
                                    std::to_string(per_class) + " and " + std::to_string(classes));
    Dataset set{Matrix(std::array<std::size_t, 2>{per_class * classes, 2}),
                Labels(per_class * classes, 0)};
    for (std::size_t k = 0; k < classes; ++k)
        for (std::size_t i = 0; i < per_class; ++i) {
            const std::size_t n = k * per_class + i;
            const double r = static_cast<double>(i) / static_cast<double>(per_class - 1);
            const double t = 4.0 * static_cast<double>(k) + 4.0 * r + rng.normal(0.0, 0.2);
            set.X(n, 0) = r * std::sin(t);
            set.X(n, 1) = r * std::cos(t);
            set.y[n] = k;
        }
    return set;
}

SequenceSet adding_problem(std::size_t N, std::size_t T, Rng& rng)
{
    if (N == 0 || T < 2)
        throw std::invalid_argument("data::adding_problem: needs N >= 1 sequences of T >= 2 steps, "
                                    "not N = " +
                                    std::to_string(N) + ", T = " + std::to_string(T));
    SequenceSet set;
    set.xs.assign(T, Matrix(std::array<std::size_t, 2>{N, 2}, 0.0));
    set.y = Matrix(std::array<std::size_t, 2>{N, 1}, 0.0);
    for (std::size_t n = 0; n < N; ++n) {
        for (std::size_t t = 0; t < T; ++t)
            set.xs[t](n, 0) = rng.uniform(0.0, 1.0);
        const std::size_t first = rng.integer(0, T / 2 - 1);
        const std::size_t second = rng.integer(T / 2, T - 1);
        set.xs[first](n, 1) = 1.0;
        set.xs[second](n, 1) = 1.0;
        set.y(n, 0) = set.xs[first](n, 0) + set.xs[second](n, 0);
    }
    return set;
}

}  // namespace data

}  // namespace scratchnet
