// The hidden-test harness every chapter's checks use.
//
// A check is one GoogleTest test; it runs several cases (shapes, seeds) through for_each_case.
// Expected values come from the reference solution: the same check code is linked once with the
// reference and run in record mode (values saved by name), then linked with the learner's code
// and run in check mode (values compared). Failure messages name the case, its seed and shapes,
// the largest absolute and relative error, and where it is.
#pragma once

#include <cstdint>
#include <functional>
#include <random>
#include <sstream>
#include <string>
#include <type_traits>

#include <gtest/gtest.h>
#include <nlohmann/json_fwd.hpp>
#include <xtensor/xarray.hpp>
#include <xtensor/xtensor.hpp>

#include "core.hpp"

namespace grader {

/// The checks' random numbers: the course's scratchnet::Rng (same draw order, documented in
/// core.hpp), plus the shortcuts checks use.
class Rng : public scratchnet::Rng {
public:
    explicit Rng(std::uint64_t seed) : scratchnet::Rng(seed) {}
    using scratchnet::Rng::normal;
    using scratchnet::Rng::uniform;
    bool coin(double p = 0.5) { return uniform(0, 1) < p; }
    /// `(rows, cols)` uniform in `[lo, hi)` (= uniform(rows, cols, lo, hi)).
    scratchnet::Matrix matrix(std::size_t rows, std::size_t cols, double lo, double hi)
    {
        return uniform(rows, cols, lo, hi);
    }
    scratchnet::Vector vector(std::size_t n, double lo, double hi);
};

/// One case of a check: its index, seed, a generator seeded from it, and a description that
/// the check fills in (shapes, inputs) so that a failure says which case failed.
struct Case {
    std::string check;
    int index = 0;
    int count = 0;
    std::uint64_t seed = 0;
    Rng rng{0};
    std::string description;

    std::string label() const;  ///< "case 3 of 8 (seed 0x…, X (5, 3))"
};

/// Runs `count` cases of the current check, each with its own seed derived from the check's
/// name and the chapter's hidden seed. A case that throws fails with the exception's text; a
/// case stopped by a stub's not_implemented counts towards "not started".
void for_each_case(int count, const std::function<void(Case&)>& body);

/// The hidden seed of the checks defined in `file`; each chapter's checks file sets its own.
/// Kept per file because a drill's binary holds the checks of several chapters.
void set_chapter_seed(std::uint64_t seed, const std::string& file);

/// Sets the chapter's hidden seed when the checks file is loaded:
/// `const grader::ChapterSeed seed{0x…};` at namespace scope in checks.cpp.
struct ChapterSeed {
    explicit ChapterSeed(std::uint64_t seed, const char* file = __builtin_FILE())
    {
        set_chapter_seed(seed, file);
    }
};

/// Tolerance for comparisons: |actual − expected| ≤ atol + rtol·|expected| element-wise.
struct Tolerance {
    double atol = 1e-9;
    double rtol = 1e-7;
};

/// Compares `actual` with `expected` (shape first, then NaN/Inf, then values) and reports a
/// failure naming `what` and the case. Returns true when they agree.
bool expect_close(const Case& c, const std::string& what, const xt::xarray<double>& actual,
                  const xt::xarray<double>& expected, Tolerance tol = {});

/// Compares `actual` with the reference solution's value for the same check, case and `what`.
/// In record mode (linked with the reference) it saves the value instead.
bool expect_reference(const Case& c, const std::string& what, const xt::xarray<double>& actual,
                      Tolerance tol = {});

/// True when the binary runs in record mode (linked with the reference solution).
bool recording();

/// Reports a failure for this case with the given message (and the case's label).
void fail(const Case& c, const std::string& message);

/// Checks that `call` throws exactly `Expected` (or a subclass) and that its message contains
/// every string in `must_mention`. Reports what was thrown instead, or what the message lacked.
template <class Expected>
bool expect_throws(const Case& c, const std::string& what, const std::function<void()>& call,
                   const std::vector<std::string>& must_mention = {});

// ---- the chapter-authoring kit ------------------------------------------------------------
//
// What every chapter's checks need, so that a checks.cpp reads as a list of checks. The model:
//
//   TEST(Dense, BackwardMatchesFiniteDifferences) {
//       for_each_case(8, [&](Case& c) {
//           auto [n, d, h] = sizes(c, {1, 8}, {1, 6}, {1, 6});    // case 1: n = 1, case 2: d = 1…
//           Matrix X = c.rng.matrix(n, d, -2, 2), ...;
//           c.description = "X " + shape_str(X);
//           expect_gradient(c, "dX", g.dX, [&](const Matrix& x) { return loss(x); }, X);
//       });
//   }

/// A scalar as a 1-element array, for expect_close / expect_reference.
xt::xarray<double> scalar(double v);
/// A list of numbers (losses, labels) as a 1-D array.
xt::xarray<double> as_array(const std::vector<double>& v);
xt::xarray<double> as_array(const std::vector<std::size_t>& v);
/// A matrix row as a `(1, n)` matrix and back: lets a bias go through Matrix-based helpers.
scratchnet::Matrix as_row(const scratchnet::Vector& v);
scratchnet::Vector row_of(const scratchnet::Matrix& m, std::size_t r = 0);
/// `[0 2 1]`: labels or indices as failure messages write them.
std::string list_str(const std::vector<std::size_t>& v);
/// A number as failure messages write it: `%.6g`, and NaN, +inf, -inf.
std::string num(double v);

/// Sizes for a case: each is drawn in its [lo, hi] range, except that case k (k = 0, 1, …)
/// sets size k to its lower bound. With three ranges, cases 0, 1 and 2 try N = 1, D = 1 and
/// H = 1 (each boundary alone) and later cases are random: the boundary analysis every
/// chapter does for its shapes.
struct Range {
    std::size_t lo, hi;
};
std::vector<std::size_t> sizes(Case& c, const std::vector<Range>& ranges);

/// Sets about a fraction `p` of the entries of `m` to exactly `value` (e.g. 0.0, ReLU's kink).
void sprinkle(Case& c, scratchnet::Matrix& m, double value, double p);

/// N labels in `[0, classes)`, every class possible; label `classes − 1` appears at least
/// once when n ≥ 1 (the upper boundary of the range).
scratchnet::Labels random_labels(Case& c, std::size_t n, std::size_t classes);

/// Central differences of a scalar function, entry by entry:
/// \f$ (f(x + h e_i) - f(x - h e_i)) / 2h \f$. `x` is restored after each entry.
scratchnet::Matrix numeric_gradient(const std::function<double(const scratchnet::Matrix&)>& f,
                                    scratchnet::Matrix x, double h = 1e-5);
scratchnet::Vector numeric_gradient(const std::function<double(const scratchnet::Vector&)>& f,
                                    scratchnet::Vector x, double h = 1e-5);

/// How a gradient is checked: the finite-difference step and the tolerance against it.
struct GradientCheck {
    double h = 1e-5;
    Tolerance tol{1e-8, 1e-6};
    bool then_reference = true;  ///< also compare with the reference's value (same case, `what`)
};

/// The model gradient check: `analytic` against central differences of `f` at `x` (a loss the
/// check computes itself, never through the learner's code), then — only when that agrees —
/// against the reference solution's value. Returns true when both agree.
bool expect_gradient(const Case& c, const std::string& what, const scratchnet::Matrix& analytic,
                     const std::function<double(const scratchnet::Matrix&)>& f,
                     const scratchnet::Matrix& x, GradientCheck how = {});
bool expect_gradient(const Case& c, const std::string& what, const scratchnet::Vector& analytic,
                     const std::function<double(const scratchnet::Vector&)>& f,
                     const scratchnet::Vector& x, GradientCheck how = {});

/// Fails the case unless `actual` has exactly `expected` entries; returns whether it has.
/// For containers whose size the contract fixes (losses per epoch, gradients per layer).
bool expect_count(const Case& c, const std::string& what, std::size_t actual, std::size_t expected);

/// Fails the case unless `call` returns normally: for the valid input next to an error
/// condition's boundary, which must NOT throw. A stub's not_implemented passes through.
bool expect_no_throw(const Case& c, const std::string& what, const std::function<void()>& call);

/// The check's own element-wise oracle applied to a whole matrix: `elementwise(Z, std::tanh)`.
scratchnet::Matrix elementwise(const scratchnet::Matrix& Z, double (*f)(double));

/// Puts each of `values` once at a random entry of `m` (as many as fit): the magnitudes a
/// contract promises, present in every case with enough entries.
void plant(Case& c, scratchnet::Matrix& m, const std::vector<double>& values);

/// A number in [lo, hi] whose decimal text neither contains nor is contained in any of
/// `avoid`'s, so that an error message can be searched for it without a false match.
std::size_t distinct_number(Case& c, std::size_t lo, std::size_t hi,
                            const std::vector<std::size_t>& avoid);

/// Fails unless two label (or index) lists are equal, naming both.
bool expect_labels(const Case& c, const std::string& what, const scratchnet::Labels& got,
                   const scratchnet::Labels& expected);

/// Golden values committed beside a chapter's checks (e.g. written by PyTorch):
/// `read_golden(SCRATCHNET_GRADER_DIR, "softmax.json")` reads `<dir>/goldens/softmax.json`.
/// Throws std::runtime_error naming the file (and how to regenerate it) when it is missing.
nlohmann::json read_golden(const std::string& grader_dir, const std::string& name,
                           const std::string& regenerate = "");
scratchnet::Matrix json_matrix(const nlohmann::json& j);  ///< [[…], […]] → Matrix
scratchnet::Vector json_vector(const nlohmann::json& j);  ///< […] → Vector
scratchnet::Labels json_labels(const nlohmann::json& j);  ///< [0, 2, …] → Labels

// ---- implementation of the template ------------------------------------------------------

std::string describe_current_exception();       ///< type and text of the exception being handled
std::string one_line(const std::string& text);  ///< whitespace runs, newlines too, as one space

template <class Expected>
bool expect_throws(const Case& c, const std::string& what, const std::function<void()>& call,
                   const std::vector<std::string>& must_mention)
{
    try {
        call();
    } catch (const scratchnet::not_implemented&) {
        throw;  // counted by for_each_case
    } catch (const Expected& e) {
        std::string missing;
        for (const auto& word : must_mention)
            if (std::string(e.what()).find(word) == std::string::npos)
                missing += (missing.empty() ? "" : ", ") + ("\"" + word + "\"");
        if (missing.empty())
            return true;
        fail(c, what + ": the error message should mention " + missing + "; it was: \"" +
                    one_line(e.what()) + "\"");
        return false;
    } catch (...) {
        fail(c, what + ": expected " + testing::internal::GetTypeName<Expected>() +
                    ", but it threw " + describe_current_exception());
        return false;
    }
    fail(c, what + ": expected " + testing::internal::GetTypeName<Expected>() +
                ", but nothing was thrown");
    return false;
}

}  // namespace grader
