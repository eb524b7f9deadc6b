#include "harness.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

#include <cxxabi.h>
#include <xtensor/xadapt.hpp>

#include "results.hpp"
#include "traps.hpp"

namespace grader {

// ---- random numbers -----------------------------------------------------------------------

scratchnet::Vector Rng::vector(std::size_t n, double lo, double hi)
{
    scratchnet::Vector v(std::array<std::size_t, 1>{n});
    for (auto& x : v)
        x = uniform(lo, hi);
    return v;
}

// ---- cases --------------------------------------------------------------------------------

namespace {

// Hidden seeds by the checks file that set them (see ChapterSeed).
std::map<std::string, std::uint64_t>& chapter_seeds()
{
    static std::map<std::string, std::uint64_t> seeds;
    return seeds;
}

std::uint64_t seed_of_current_check()
{
    const auto* info = testing::UnitTest::GetInstance()->current_test_info();
    auto& seeds = chapter_seeds();
    if (info && info->file())
        if (auto found = seeds.find(info->file()); found != seeds.end())
            return found->second;
    return seeds.size() == 1 ? seeds.begin()->second : 0x5eed5eed5eed5eedULL;
}

std::uint64_t splitmix64(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

std::uint64_t fnv1a(const std::string& s)
{
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char ch : s)
        h = (h ^ ch) * 0x100000001b3ULL;
    return h;
}

std::string current_check_name()
{
    const auto* info = testing::UnitTest::GetInstance()->current_test_info();
    return info ? std::string(info->test_suite_name()) + "." + info->name() : "?";
}

std::string hex(std::uint64_t v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%016llx", static_cast<unsigned long long>(v));
    return buf;
}

std::string index_str(const std::vector<std::size_t>& shape, std::size_t flat)
{
    std::vector<std::size_t> idx(shape.size());
    for (std::size_t d = shape.size(); d-- > 0;) {
        idx[d] = flat % shape[d];
        flat /= shape[d];
    }
    std::string s = "(";
    for (std::size_t d = 0; d < idx.size(); ++d)
        s += (d ? ", " : "") + std::to_string(idx[d]);
    return s + ")";
}

}  // namespace

void set_chapter_seed(std::uint64_t seed, const std::string& file) { chapter_seeds()[file] = seed; }

std::string num(double v)
{
    if (std::isnan(v))
        return "NaN";
    if (std::isinf(v))
        return v > 0 ? "+inf" : "-inf";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

std::string one_line(const std::string& text)
{
    // Some libraries' messages span lines (xtensor's broadcast errors); a report line should not.
    std::string out;
    bool space = false;
    for (char ch : text) {
        if (ch == '\n' || ch == '\r' || ch == '\t' || ch == ' ') {
            space = !out.empty();
            continue;
        }
        if (space)
            out += ' ';
        space = false;
        out += ch;
    }
    return out;
}

std::string Case::label() const
{
    std::string s = "case " + std::to_string(index + 1) + " of " + std::to_string(count) +
                    " (seed " + hex(seed);
    if (!description.empty())
        s += ", " + description;
    return s + ")";
}

void fail(const Case& c, const std::string& message)
{
    ADD_FAILURE() << c.label() << ": " << message;
}

std::string describe_current_exception()
{
    auto demangle = [](const char* mangled) {
        int status = 0;
        char* name = abi::__cxa_demangle(mangled, nullptr, nullptr, &status);
        std::string out = status == 0 && name ? name : mangled;
        std::free(name);
        return out;
    };
    const std::string cause = traps::cause_of_current_exception();  // "" unless a known trap
    try {
        throw;
    } catch (const std::bad_alloc& e) {
        if (!cause.empty())
            return demangle(typeid(e).name()) + ": " + cause;
        const char* limit = std::getenv("SCRATCHNET_MEMORY_MB");
        return std::string("std::bad_alloc: out of memory") +
               (limit ? std::string(" (the grader's limit is ") + limit + " MB)" : "");
    } catch (const std::exception& e) {
        return demangle(typeid(e).name()) + " (\"" + one_line(e.what()) + "\")" +
               (cause.empty() ? "" : ": " + cause);
    } catch (...) {
        const std::type_info* type = abi::__cxa_current_exception_type();
        return "an exception of type " + (type ? demangle(type->name()) : std::string("unknown")) +
               " (not derived from std::exception)";
    }
}

void for_each_case(int count, const std::function<void(Case&)>& body)
{
    const std::string check = current_check_name();
    const std::uint64_t check_seed = splitmix64(seed_of_current_check() ^ fnv1a(check));
    for (int i = 0; i < count; ++i) {
        Case c;
        c.check = check;
        c.index = i;
        c.count = count;
        c.seed = splitmix64(check_seed + static_cast<std::uint64_t>(i));
        c.rng = Rng(c.seed);
        results::case_started(check, i, count, c.seed);
        traps::forget_failed_allocation();
        try {
            body(c);
        } catch (const scratchnet::not_implemented& e) {
            results::not_implemented(e.function());
            ADD_FAILURE() << e.what();
            return;  // the other cases would stop at the same place
        } catch (const std::bad_alloc&) {
            fail(c, "threw " + describe_current_exception());
            return;  // the other cases would exhaust memory again
        } catch (...) {
            fail(c, "threw " + describe_current_exception());
        }
    }
}

// ---- comparisons --------------------------------------------------------------------------

bool expect_close(const Case& c, const std::string& what, const xt::xarray<double>& actual,
                  const xt::xarray<double>& expected, Tolerance tol)
{
    if (actual.shape() != expected.shape()) {
        fail(c, what + " has shape " + scratchnet::shape_str(actual) + ", expected " +
                    scratchnet::shape_str(expected));
        return false;
    }
    std::size_t worst = 0, bad = 0, nonfinite = actual.size();
    double max_abs = 0.0, max_rel = 0.0, worst_excess = -1.0;
    std::string fill;  // why an entry holds the grader's fill for unwritten or freed memory
    for (std::size_t i = 0; i < actual.size(); ++i) {
        const double a = actual.data()[i], e = expected.data()[i];
        if (!std::isfinite(a) && std::isfinite(e)) {
            if (nonfinite == actual.size())
                nonfinite = i;
            continue;
        }
        const double err = std::abs(a - e);
        const double rel = err / std::max(std::abs(e), 1e-300);
        max_abs = std::max(max_abs, err);
        if (err > tol.atol)
            max_rel = std::max(max_rel, rel);
        const double excess = err - (tol.atol + tol.rtol * std::abs(e));
        if (excess > 0) {
            if (fill.empty())
                fill = traps::fill_value_cause(a);
            ++bad;
            if (excess > worst_excess) {
                worst_excess = excess;
                worst = i;
            }
        }
    }
    const auto shape = std::vector<std::size_t>(actual.shape().begin(), actual.shape().end());
    if (nonfinite != actual.size()) {
        fail(c, what + " contains " + num(actual.data()[nonfinite]) + " at " +
                    index_str(shape, nonfinite) + " where the expected value is " +
                    num(expected.data()[nonfinite]));
        return false;
    }
    if (bad == 0)
        return true;
    fail(c, what + " differs from the expected value in " + std::to_string(bad) + " of " +
                std::to_string(actual.size()) + " entries: max abs error " + num(max_abs) +
                ", max rel error " + num(max_rel) + "; worst at " + index_str(shape, worst) +
                ": got " + num(actual.data()[worst]) + ", expected " + num(expected.data()[worst]) +
                (fill.empty() ? "" : ". " + fill));
    return false;
}

bool expect_reference(const Case& c, const std::string& what, const xt::xarray<double>& actual,
                      Tolerance tol)
{
    const std::string key = c.check + "/" + std::to_string(c.index) + "/" + what;
    if (recording()) {
        results::record_reference(key, actual);
        return true;
    }
    const xt::xarray<double>* expected = results::reference(key);
    if (!expected) {
        fail(c, what + ": the grader has no reference value for this case (its record is stale: "
                       "rebuild with ./grade)");
        return false;
    }
    return expect_close(c, what, actual, *expected, tol);
}

bool recording() { return results::recording(); }

}  // namespace grader
