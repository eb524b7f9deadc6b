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
#include <xtensor/xarray.hpp>
#include <xtensor/xtensor.hpp>

#include "core.hpp"

namespace grader {

/// Deterministic random numbers: the same seed gives the same values on every build.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : engine_(seed) {}
    double uniform(double lo, double hi);          ///< in [lo, hi)
    double normal();                               ///< standard normal (Box–Muller)
    std::size_t integer(std::size_t lo, std::size_t hi);  ///< in [lo, hi]
    bool coin(double p = 0.5) { return uniform(0, 1) < p; }
    scratchnet::Matrix matrix(std::size_t rows, std::size_t cols, double lo, double hi);
    scratchnet::Vector vector(std::size_t n, double lo, double hi);

private:
    std::mt19937_64 engine_;
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

/// The chapter's hidden seed; each chapter's checks file sets it once.
void set_chapter_seed(std::uint64_t seed);

/// Sets the chapter's hidden seed when the checks file is loaded:
/// `const grader::ChapterSeed seed{0x…};` at namespace scope in checks.cpp.
struct ChapterSeed {
    explicit ChapterSeed(std::uint64_t seed) { set_chapter_seed(seed); }
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

// ---- implementation of the template ------------------------------------------------------

std::string describe_current_exception();  ///< type and text of the exception being handled
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
