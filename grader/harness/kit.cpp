// The chapter-authoring kit (harness.hpp, "the chapter-authoring kit"): helpers every
// chapter's checks share, so that a checks.cpp is a list of short checks.
#include <fstream>

#include <nlohmann/json.hpp>
#include <xtensor/xview.hpp>

#include "harness.hpp"

namespace grader {

using scratchnet::Labels;
using scratchnet::Matrix;
using scratchnet::Vector;

xt::xarray<double> scalar(double v) { return xt::xarray<double>{v}; }

xt::xarray<double> as_array(const std::vector<double>& v)
{
    xt::xarray<double> a = xt::zeros<double>({v.size()});
    std::copy(v.begin(), v.end(), a.begin());
    return a;
}

xt::xarray<double> as_array(const std::vector<std::size_t>& v)
{
    xt::xarray<double> a = xt::zeros<double>({v.size()});
    for (std::size_t i = 0; i < v.size(); ++i)
        a(i) = static_cast<double>(v[i]);
    return a;
}

Matrix as_row(const Vector& v)
{
    Matrix m = xt::zeros<double>({std::size_t{1}, v.size()});
    xt::view(m, 0, xt::all()) = v;
    return m;
}

Vector row_of(const Matrix& m, std::size_t r) { return xt::view(m, r, xt::all()); }

std::string list_str(const std::vector<std::size_t>& v)
{
    std::string s = "[";
    for (std::size_t i = 0; i < v.size(); ++i)
        s += (i ? " " : "") + std::to_string(v[i]);
    return s + "]";
}

std::vector<std::size_t> sizes(Case& c, const std::vector<Range>& ranges)
{
    std::vector<std::size_t> out;
    for (std::size_t k = 0; k < ranges.size(); ++k)
        out.push_back(static_cast<std::size_t>(c.index) == k
                          ? ranges[k].lo
                          : c.rng.integer(ranges[k].lo, ranges[k].hi));
    return out;
}

void sprinkle(Case& c, Matrix& m, double value, double p)
{
    for (auto& x : m)
        if (c.rng.coin(p))
            x = value;
}

Labels random_labels(Case& c, std::size_t n, std::size_t classes)
{
    Labels y(n);
    for (auto& label : y)
        label = c.rng.integer(0, classes - 1);
    if (n > 0)
        y[c.rng.integer(0, n - 1)] = classes - 1;
    return y;
}

namespace {
template <class T>
T central_differences(const std::function<double(const T&)>& f, T x, double h)
{
    T g = xt::zeros_like(x);
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double saved = x.data()[i];
        x.data()[i] = saved + h;
        const double up = f(x);
        x.data()[i] = saved - h;
        const double down = f(x);
        x.data()[i] = saved;
        g.data()[i] = (up - down) / (2.0 * h);
    }
    return g;
}

template <class T>
bool gradient_against(const Case& c, const std::string& what, const T& analytic,
                      const std::function<double(const T&)>& f, const T& x, GradientCheck how)
{
    if (!expect_close(c, what + " against central differences", analytic,
                      central_differences(f, x, how.h), how.tol))
        return false;
    return !how.then_reference || expect_reference(c, what, analytic);
}
}  // namespace

Matrix numeric_gradient(const std::function<double(const Matrix&)>& f, Matrix x, double h)
{
    return central_differences(f, std::move(x), h);
}

Vector numeric_gradient(const std::function<double(const Vector&)>& f, Vector x, double h)
{
    return central_differences(f, std::move(x), h);
}

bool expect_gradient(const Case& c, const std::string& what, const Matrix& analytic,
                     const std::function<double(const Matrix&)>& f, const Matrix& x,
                     GradientCheck how)
{
    return gradient_against(c, what, analytic, f, x, how);
}

bool expect_gradient(const Case& c, const std::string& what, const Vector& analytic,
                     const std::function<double(const Vector&)>& f, const Vector& x,
                     GradientCheck how)
{
    return gradient_against(c, what, analytic, f, x, how);
}

bool expect_count(const Case& c, const std::string& what, std::size_t actual, std::size_t expected)
{
    if (actual == expected)
        return true;
    fail(c, what + " holds " + std::to_string(actual) + " entries; it should hold " +
                std::to_string(expected));
    return false;
}

bool expect_no_throw(const Case& c, const std::string& what, const std::function<void()>& call)
{
    try {
        call();
        return true;
    } catch (const scratchnet::not_implemented&) {
        throw;
    } catch (...) {
        fail(c,
             what + " is valid and must not throw, but it threw " + describe_current_exception());
        return false;
    }
}

Matrix elementwise(const Matrix& Z, double (*f)(double))
{
    Matrix R = Z;
    for (auto& r : R)
        r = f(r);
    return R;
}

void plant(Case& c, Matrix& m, const std::vector<double>& values)
{
    const auto order = c.rng.permutation(m.size());
    for (std::size_t k = 0; k < values.size() && k < m.size(); ++k)
        m.data()[order[k]] = values[k];
}

std::size_t distinct_number(Case& c, std::size_t lo, std::size_t hi,
                            const std::vector<std::size_t>& avoid)
{
    for (;;) {
        const std::size_t v = c.rng.integer(lo, hi);
        const std::string s = std::to_string(v);
        bool clash = false;
        for (std::size_t a : avoid) {
            const std::string t = std::to_string(a);
            clash = clash || s.find(t) != std::string::npos || t.find(s) != std::string::npos;
        }
        if (!clash)
            return v;
    }
}

bool expect_labels(const Case& c, const std::string& what, const Labels& got,
                   const Labels& expected)
{
    if (got == expected)
        return true;
    fail(c, what + " gave " + list_str(got) + "; expected " + list_str(expected));
    return false;
}

nlohmann::json read_golden(const std::string& grader_dir, const std::string& name,
                           const std::string& regenerate)
{
    std::ifstream in(grader_dir + "/goldens/" + name);
    if (!in)
        throw std::runtime_error(
            "cannot read goldens/" + name +
            (regenerate.empty() ? "" : " (regenerate with " + regenerate + ")"));
    return nlohmann::json::parse(in);
}

Matrix json_matrix(const nlohmann::json& j)
{
    Matrix m = xt::zeros<double>({j.size(), j.empty() ? std::size_t{0} : j.at(0).size()});
    for (std::size_t i = 0; i < m.shape(0); ++i)
        for (std::size_t k = 0; k < m.shape(1); ++k)
            m(i, k) = j.at(i).at(k).get<double>();
    return m;
}

Vector json_vector(const nlohmann::json& j)
{
    Vector v = xt::zeros<double>({j.size()});
    for (std::size_t i = 0; i < v.size(); ++i)
        v(i) = j.at(i).get<double>();
    return v;
}

Labels json_labels(const nlohmann::json& j) { return j.get<Labels>(); }

}  // namespace grader
