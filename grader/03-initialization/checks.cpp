// Chapter 03 hidden checks. Expected values come from the checks' own oracle (a copy of the Rng
// and the scheme's formula, drawn row-major), from the recorded reference, from invariants, from
// bounds that a sample of that size keeps (derived below), and from golden values written by
// PyTorch's torch.nn.init (tools/make_goldens.py --chapter 03) — never from literals in the
// learner's files. Each check calls only the learner function it grades (chapters 01 and 02
// are the reference's). BOUNDARIES.md maps every contract clause to its cases.
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

#include "harness.hpp"
#include "initialization.hpp"
#include "networks.hpp"

using namespace scratchnet;
using grader::Case;
using grader::expect_close;
using grader::expect_count;
using grader::expect_no_throw;
using grader::expect_throws;
using grader::fail;
using grader::for_each_case;
using grader::num;

namespace {

const grader::ChapterSeed seed{0x03a9e5d17c2b4f83ULL};
const std::string kGoldens = "/usr/bin/python3 tools/make_goldens.py --chapter 03";

// ---- the checks' own oracle -----------------------------------------------------------------

enum class Kind { normal, uniform };

// A scheme as the checks know it: its formula (σ for a normal scheme, a for a uniform one), and
// the learner's function that draws it.
struct Scheme {
    std::string name;
    Kind kind;
    std::function<double(double fan_in, double fan_out)> scale;
};

const std::vector<Scheme>& schemes()
{
    static const std::vector<Scheme> all{
        {"scaled_normal", Kind::normal, [](double, double) { return 0.01; }},
        {"lecun_normal", Kind::normal, [](double fi, double) { return std::sqrt(1.0 / fi); }},
        {"glorot_uniform", Kind::uniform,
         [](double fi, double fo) { return std::sqrt(6.0 / (fi + fo)); }},
        {"glorot_normal", Kind::normal,
         [](double fi, double fo) { return std::sqrt(2.0 / (fi + fo)); }},
        {"he_normal", Kind::normal, [](double fi, double) { return std::sqrt(2.0 / fi); }},
        {"he_uniform", Kind::uniform, [](double fi, double) { return std::sqrt(6.0 / fi); }},
    };
    return all;
}

const Scheme& scheme(const std::string& name)
{
    for (const auto& s : schemes())
        if (s.name == name)
            return s;
    throw std::logic_error("checks: no scheme " + name);
}

// The ten names init_weights knows, and what each one is.
const std::vector<std::pair<std::string, std::string>>& known_names()
{
    static const std::vector<std::pair<std::string, std::string>> names{
        {"scaled_normal", "scaled_normal"},   {"lecun_normal", "lecun_normal"},
        {"glorot_uniform", "glorot_uniform"}, {"glorot_normal", "glorot_normal"},
        {"he_normal", "he_normal"},           {"he_uniform", "he_uniform"},
        {"xavier_uniform", "glorot_uniform"}, {"xavier_normal", "glorot_normal"},
        {"kaiming_normal", "he_normal"},      {"kaiming_uniform", "he_uniform"},
    };
    return names;
}

std::vector<std::string> known_list()
{
    std::vector<std::string> out;
    for (const auto& n : known_names())
        out.push_back(n.first);
    return out;
}

const std::string& canonical(const std::string& name)
{
    for (const auto& n : known_names())
        if (n.first == name)
            return n.second;
    throw std::logic_error("checks: no name " + name);
}

// The checks' own default per activation.
std::string oracle_default(const std::string& activation)
{
    return activation == "relu" ? "he_normal" : "glorot_uniform";
}

double as_double(std::size_t n) { return static_cast<double>(n); }

// The contract's draws: entry (i, j) row-major, one call each, on the oracle's own generator.
// `column_major` draws column 0 top to bottom first (a diagnosis, never the contract).
Matrix oracle_draws(Kind kind, double scale, std::size_t fi, std::size_t fo, scratchnet::Rng& rng,
                    bool column_major = false)
{
    Matrix W = xt::zeros<double>({fi, fo});
    const std::size_t outer = column_major ? fo : fi, inner = column_major ? fi : fo;
    for (std::size_t p = 0; p < outer; ++p)
        for (std::size_t q = 0; q < inner; ++q)
            (column_major ? W(q, p) : W(p, q)) =
                kind == Kind::normal ? rng.normal(0.0, scale) : rng.uniform(-scale, scale);
    return W;
}

Matrix oracle_scheme(const std::string& name, std::size_t fi, std::size_t fo, scratchnet::Rng& rng)
{
    const Scheme& s = scheme(canonical(name));
    return oracle_draws(s.kind, s.scale(as_double(fi), as_double(fo)), fi, fo, rng);
}

bool all_close(const Matrix& a, const Matrix& b, double rtol)
{
    if (a.shape() != b.shape())
        return false;
    for (std::size_t k = 0; k < a.size(); ++k)
        if (!(std::abs(a.flat(k) - b.flat(k)) <= rtol * std::abs(b.flat(k))))
            return false;
    return true;
}

// The draws of `got` against the oracle's `expected` (rtol 1e-12, the contract's), with a
// diagnosis when they differ: drawn column by column, or the right draws at the wrong scale.
bool expect_draws(const Case& c, const std::string& what, const Matrix& got, const Matrix& expected,
                  const std::function<Matrix()>& column_major = nullptr)
{
    const double rtol = 1e-12;
    if (got.shape() == expected.shape() && !all_close(got, expected, rtol)) {
        if (column_major && got.shape(0) >= 2 && got.shape(1) >= 2 &&
            all_close(got, column_major(), rtol)) {
            fail(c, what + " holds the right numbers, drawn column by column (column 0 from top "
                           "to bottom first); the contract draws row 0 from left to right first, "
                           "then row 1, and so on");
            return false;
        }
        double dot = 0.0, norm = 0.0;
        for (std::size_t k = 0; k < got.size(); ++k) {
            dot += got.flat(k) * expected.flat(k);
            norm += expected.flat(k) * expected.flat(k);
        }
        const double ratio = norm > 0.0 ? dot / norm : 0.0;
        if (norm > 0.0 && std::isfinite(ratio) && ratio != 0.0 &&
            all_close(got, ratio * expected, 1e-9)) {
            fail(c, what + ": every entry is " + num(ratio) +
                        " times the expected one. The draws and their order are right; the "
                        "scale (σ or a) is not. The scale's formula is what "
                        "DistributionMatchesPyTorch tests");
            return false;
        }
    }
    return expect_close(c, what, got, expected, {0.0, rtol});
}

// `rng` must be where `oracle` is: both draw one more uniform number and must agree.
bool expect_same_state(const Case& c, const std::string& what, scratchnet::Rng& rng,
                       scratchnet::Rng& oracle, const std::string& expected_draws)
{
    const double next = rng.uniform(), expected = oracle.uniform();
    if (next == expected)
        return true;
    fail(c, "after " + what + ", rng is not where " + expected_draws +
                " leave it (its next uniform draw is " + num(next) + ", expected " + num(expected) +
                ")");
    return false;
}

std::uint64_t rng_seed(Case& c) { return c.rng.integer(1, std::size_t{1} << 40); }

std::string call_str(const std::string& name, std::size_t fi, std::size_t fo)
{
    return name + "(" + std::to_string(fi) + ", " + std::to_string(fo) + ", rng)";
}

// Fans for a draw-order case: case 0 has fan_in = 1, case 1 fan_out = 1; the others have both
// fans ≥ 3 (so integer division shows) and one at least twice the other, in turn either way
// (so swapped fans show).
std::pair<std::size_t, std::size_t> draw_fans(Case& c)
{
    if (c.index == 0)
        return {1, c.rng.integer(3, 9)};
    if (c.index == 1)
        return {c.rng.integer(3, 9), 1};
    const std::size_t small = c.rng.integer(3, 6), big = c.rng.integer(2 * small, 14);
    return c.index % 2 ? std::make_pair(small, big) : std::make_pair(big, small);
}

std::pair<std::size_t, std::size_t> both_fans(Case& c)
{
    const std::size_t small = c.rng.integer(3, 6), big = c.rng.integer(2 * small, 14);
    return c.index % 2 ? std::make_pair(small, big) : std::make_pair(big, small);
}

// ---- the statistical bounds -------------------------------------------------------------------
//
// Each bound below fails a correct sample with probability at most e^{-x}, x = 27
// (e^{-27} < 1.9e-12). The distribution checks test 30 cases (6 schemes × 5 shapes) with at most
// 6 one-sided bounds each, 180 events, so a correct initializer fails one of them with
// probability < 180 · 1.9e-12 < 4e-10 (below 1e-9 in total). Every sample has n ≥ 16 000
// entries (goldens/init_scales.json).
// - Normal, σ known, n entries: Σw²/σ² is χ²_n. Laurent & Massart (2000), Lemma 1:
//   P(χ²_n − n ≥ 2√(nx) + 2x) ≤ e^{−x} and P(n − χ²_n ≥ 2√(nx)) ≤ e^{−x}, so
//   m₂/σ² − 1 ∈ [−2√(x/n), 2√(x/n) + 2x/n]. The mean is N(0, σ²/n): |w̄| ≤ σ√(2x/n) on each side.
// - Uniform on [−a, a): every w ≥ −a and w < a. Hoeffding: w² ∈ [0, a²] gives
//   |m₂ − a²/3| ≤ a²√(x/(2n)) on each side; w ∈ [−a, a] gives |w̄| ≤ a√(2x/n) on each side.
//   It fills the interval: P(max w < a − 2a·x/n) = (1 − x/n)ⁿ ≤ e^{−x}, and the same for min w.
const double kX = 27.0;

std::string pct(double v) { return num(100.0 * v) + " %"; }

void expect_normal(const Case& c, const std::string& what, const Matrix& W, double sigma)
{
    const double n = as_double(W.size());
    double sum = 0.0, sum2 = 0.0;
    for (double w : W) {
        sum += w;
        sum2 += w * w;
    }
    const double mean = sum / n, m2 = sum2 / n;
    if (!std::isfinite(m2)) {
        fail(c, what + " holds NaN or infinite entries");
        return;
    }
    const double lo = -2.0 * std::sqrt(kX / n), hi = 2.0 * std::sqrt(kX / n) + 2.0 * kX / n;
    const double rel = m2 / (sigma * sigma) - 1.0;
    if (!(rel >= lo && rel <= hi))
        fail(c, what + ": the mean square of its " + num(n) + " entries is " + num(m2) +
                    " (a measured std of " + num(std::sqrt(m2)) + ", " +
                    num(std::sqrt(m2) / sigma) + " times PyTorch's); PyTorch's std " + num(sigma) +
                    " gives σ² = " + num(sigma * sigma) + ", and a sample this size stays within " +
                    pct(lo) + " to +" + pct(hi) + " of it except with probability < 4e-12");
    const double limit = sigma * std::sqrt(2.0 * kX / n);
    if (!(std::abs(mean) <= limit))
        fail(c, what + ": the mean of its entries is " + num(mean) +
                    "; a normal sample with mean 0 "
                    "and std " +
                    num(sigma) + " this size stays within ±" + num(limit));
}

void expect_uniform(const Case& c, const std::string& what, const Matrix& W, double a)
{
    const double n = as_double(W.size());
    double sum = 0.0, sum2 = 0.0, lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (double w : W) {
        if (std::isnan(w)) {
            fail(c, what + " holds NaN");
            return;
        }
        sum += w;
        sum2 += w * w;
        lo = std::min(lo, w);
        hi = std::max(hi, w);
    }
    const double edge =
        a * (1.0 + 1e-12);  // the learner's a may differ from PyTorch's in the last bit
    if (lo < -edge || hi >= edge) {
        fail(c, what + " has entries from " + num(lo) + " to " + num(hi) + ", outside [−a, a) = [" +
                    num(-a) + ", " + num(a) + ") (PyTorch's bound a)");
        return;
    }
    const double gap = 2.0 * a * kX / n;
    if (hi < a - gap || lo > -a + gap)
        fail(c, what + " does not fill [−a, a) = [" + num(-a) + ", " + num(a) +
                    "): its entries go from " + num(lo) + " to " + num(hi) + "; " + num(n) +
                    " uniform draws come within " + num(gap) +
                    " of both ends except with probability < 4e-12");
    const double m2 = sum2 / n, mean = sum / n;
    const double m2_limit = a * a * std::sqrt(kX / (2.0 * n));
    if (!(std::abs(m2 - a * a / 3.0) <= m2_limit))
        fail(c, what + ": the mean square of its entries is " + num(m2) +
                    "; U[−a, a) with PyTorch's a = " + num(a) + " has a²/3 = " + num(a * a / 3.0) +
                    ", and a sample this size stays within ±" + num(m2_limit) + " of it");
    const double mean_limit = a * std::sqrt(2.0 * kX / n);
    if (!(std::abs(mean) <= mean_limit))
        fail(c, what + ": the mean of its entries is " + num(mean) + "; U[−a, a) with a = " +
                    num(a) + " this size stays within ±" + num(mean_limit));
}

// ---- the three checks every initializer has ---------------------------------------------------

using Initializer = std::function<Matrix(std::size_t, std::size_t, scratchnet::Rng&)>;

void check_distribution(const std::string& name, const Initializer& init)
{
    const nlohmann::json golden =
        grader::read_golden(SCRATCHNET_GRADER_DIR, "init_scales.json", kGoldens);
    const auto& shapes = golden.at("shapes");
    const Scheme& s = scheme(name);
    for_each_case(static_cast<int>(shapes.size()), [&](Case& c) {
        const auto& g = shapes.at(static_cast<std::size_t>(c.index));
        const std::size_t fi = g.at("fan_in").get<std::size_t>(),
                          fo = g.at("fan_out").get<std::size_t>();
        const double expected =
            g.at(name).at(s.kind == Kind::normal ? "std" : "bound").get<double>();
        const std::uint64_t sd = rng_seed(c);
        scratchnet::Rng rng(sd);
        c.description = "fan_in " + std::to_string(fi) + ", fan_out " + std::to_string(fo) +
                        ", Rng(" + std::to_string(sd) + "), PyTorch's " +
                        (s.kind == Kind::normal ? "std " : "bound ") + num(expected);
        const Matrix W = init(fi, fo, rng);
        const std::string what = call_str(name, fi, fo);
        if (W.shape(0) != fi || W.shape(1) != fo) {
            fail(c, what + " has shape " + shape_str(W) + "; expected (fan_in, fan_out) = (" +
                        std::to_string(fi) + ", " + std::to_string(fo) + ")");
            return;
        }
        if (s.kind == Kind::normal)
            expect_normal(c, what, W, expected);
        else
            expect_uniform(c, what, W, expected);
    });
}

void check_draw_order(const std::string& name, const Initializer& init)
{
    const Scheme& s = scheme(name);
    for_each_case(6, [&](Case& c) {
        const auto fans = draw_fans(c);
        const std::size_t fi = fans.first, fo = fans.second;
        const std::uint64_t sd = rng_seed(c);
        scratchnet::Rng rng(sd), oracle(sd);
        c.description = "fan_in " + std::to_string(fi) + ", fan_out " + std::to_string(fo) +
                        ", Rng(" + std::to_string(sd) + ")";
        const double scale = s.scale(as_double(fi), as_double(fo));
        const Matrix W = init(fi, fo, rng);
        const Matrix expected = oracle_draws(s.kind, scale, fi, fo, oracle);
        const std::string what = call_str(name, fi, fo);
        if (!expect_draws(c, what, W, expected, [&] {
                scratchnet::Rng other(sd);
                return oracle_draws(s.kind, scale, fi, fo, other, true);
            }))
            return;
        expect_same_state(c, what, rng, oracle,
                          std::to_string(fi * fo) +
                              (s.kind == Kind::normal ? " rng.normal" : " rng.uniform") + " calls");
    });
}

void check_zero_fan(const std::string& name, const Initializer& init)
{
    // Each fan 0 alone (the other in 10–19, searchable in the message), then its valid neighbour
    // (1 instead of 0); rng must be untouched by the throw.
    for_each_case(4, [&](Case& c) {
        const std::size_t other = c.rng.integer(10, 19);
        const bool zero_in = c.index % 2 == 0;
        const std::size_t fi = zero_in ? 0 : other, fo = zero_in ? other : 0;
        const std::uint64_t sd = rng_seed(c);
        scratchnet::Rng rng(sd), oracle(sd);
        c.description = "fan_in " + std::to_string(fi) + ", fan_out " + std::to_string(fo) +
                        ", Rng(" + std::to_string(sd) + ")";
        const std::string what = call_str(name, fi, fo);
        if (expect_throws<std::invalid_argument>(
                c, what, [&] { init(fi, fo, rng); },
                {zero_in ? "fan_in" : "fan_out", std::to_string(other)}))
            expect_same_state(c, "the throw of " + what, rng, oracle, "no draw at all would");
        const std::size_t vi = zero_in ? 1 : other, vo = zero_in ? other : 1;
        expect_no_throw(c, call_str(name, vi, vo), [&] { init(vi, vo, rng); });
        if (c.index == 3)
            expect_no_throw(c, call_str(name, 1, 1), [&] { init(1, 1, rng); });
    });
}

Matrix default_scaled_normal(std::size_t fi, std::size_t fo, scratchnet::Rng& rng)
{
    return scaled_normal(fi, fo, rng);
}

// ---- networks ---------------------------------------------------------------------------------

std::string spec_str(const std::vector<LayerSpec>& spec)
{
    std::string s = spec.empty() ? "an empty spec" : std::to_string(spec.front().inputs);
    for (const auto& l : spec)
        s += "-" + l.activation + "-" + std::to_string(l.outputs);
    return s;
}

// The oracle's network: layer by layer with one continuing generator, zero biases.
void expect_initialized(const Case& c, const Network& net, const std::vector<LayerSpec>& spec,
                        const std::vector<std::string>& layer_schemes, std::uint64_t sd,
                        scratchnet::Rng& rng, const std::string& what)
{
    if (!expect_count(c, what + "'s layers", net.layers.size(), spec.size()))
        return;
    scratchnet::Rng oracle(sd);
    std::size_t draws = 0;
    for (std::size_t l = 0; l < spec.size(); ++l) {
        const Matrix expected =
            oracle_scheme(layer_schemes[l], spec[l].inputs, spec[l].outputs, oracle);
        draws += spec[l].inputs * spec[l].outputs;
        const std::string at =
            what + ": layer " + std::to_string(l) + " (" + layer_schemes[l] + ")";
        if (!expect_draws(c, at + " W", net.layers[l].W, expected))
            return;
        const Vector zero = xt::zeros<double>({spec[l].outputs});
        if (!expect_close(c, at + " b", net.layers[l].b, zero, {0.0, 0.0}))
            return;
        if (net.layers[l].activation != spec[l].activation) {
            fail(c, at + " has activation \"" + net.layers[l].activation + "\"; the spec says \"" +
                        spec[l].activation + "\"");
            return;
        }
    }
    expect_same_state(c, what, rng, oracle,
                      "the layers' " + std::to_string(draws) + " draws in layer order");
}

const std::vector<std::string> kActivations{"identity", "relu", "sigmoid", "tanh"};

// d → h → … → h → k: hidden layers of equal shape (a generator restarted per layer would give
// them the same W), with h at least twice d; a single layer is d → h.
std::vector<LayerSpec> deep_spec(Case& c, std::size_t layers,
                                 const std::vector<std::string>& acts = {})
{
    const std::size_t d = c.rng.integer(3, 6), h = c.rng.integer(2 * d, 14),
                      k = c.rng.integer(2, 5);
    std::vector<LayerSpec> spec;
    for (std::size_t l = 0; l < layers; ++l) {
        const std::string act =
            l < acts.size() ? acts[l] : kActivations[c.rng.integer(0, kActivations.size() - 1)];
        const std::size_t outputs = l + 1 < layers ? h : layers == 1 ? h : k;  // one layer: d → h
        spec.push_back({l == 0 ? d : h, outputs, act});
    }
    return spec;
}

// The checks' own statistics: two passes, in long double.
LayerStats oracle_stats(const Matrix& A)
{
    long double sum = 0.0L;
    for (double a : A)
        sum += a;
    const long double mean = sum / static_cast<long double>(A.size());
    long double sq = 0.0L;
    for (double a : A)
        sq += (a - mean) * (a - mean);
    return {static_cast<double>(mean),
            static_cast<double>(std::sqrt(sq / static_cast<long double>(A.size())))};
}

void expect_stats(const Case& c, const std::vector<LayerStats>& got,
                  const std::vector<LayerStats>& expected, grader::Tolerance tol)
{
    if (!expect_count(c, "activation_stats(net, X)", got.size(), expected.size()))
        return;
    std::vector<double> gm, gs, em, es;
    for (std::size_t l = 0; l < got.size(); ++l) {
        gm.push_back(got[l].mean);
        gs.push_back(got[l].std);
        em.push_back(expected[l].mean);
        es.push_back(expected[l].std);
    }
    expect_close(c, "the means of layers 0.." + std::to_string(got.size() - 1),
                 grader::as_array(gm), grader::as_array(em), tol);
    expect_close(c, "the stds of layers 0.." + std::to_string(got.size() - 1), grader::as_array(gs),
                 grader::as_array(es), tol);
}

std::vector<LayerStats> oracle_activation_stats(const Network& net, const Matrix& X)
{
    const ForwardCache cache = forward(net, X);
    std::vector<LayerStats> out;
    for (std::size_t l = 1; l < cache.A.size(); ++l)
        out.push_back(oracle_stats(cache.A[l]));
    return out;
}

}  // namespace

// ---- the initializers -------------------------------------------------------------------------

TEST(ScaledNormal, DistributionMatchesPyTorch)
{
    check_distribution("scaled_normal", default_scaled_normal);
}

TEST(ScaledNormal, DrawOrderMatchesContract)
{
    // The default scale (0.01), then scales given explicitly: 1, 0 (all zeros, and still
    // fan_in·fan_out draws) and one in (0.1, 3).
    for_each_case(6, [&](Case& c) {
        const auto fans = draw_fans(c);
        const std::size_t fi = fans.first, fo = fans.second;
        const int which = c.index % 4;
        const double scale = which == 0   ? 0.01
                             : which == 1 ? 1.0
                             : which == 2 ? 0.0
                                          : c.rng.uniform(0.1, 3.0);
        const std::uint64_t sd = rng_seed(c);
        scratchnet::Rng rng(sd), oracle(sd);
        c.description = "fan_in " + std::to_string(fi) + ", fan_out " + std::to_string(fo) +
                        ", scale " + (which == 0 ? "left at its default" : num(scale)) + ", Rng(" +
                        std::to_string(sd) + ")";
        const Matrix W =
            which == 0 ? scaled_normal(fi, fo, rng) : scaled_normal(fi, fo, rng, scale);
        const Matrix expected = oracle_draws(Kind::normal, scale, fi, fo, oracle);
        const std::string what = which == 0 ? call_str("scaled_normal", fi, fo)
                                            : "scaled_normal(" + std::to_string(fi) + ", " +
                                                  std::to_string(fo) + ", rng, " + num(scale) + ")";
        if (!expect_draws(c, what, W, expected, [&] {
                scratchnet::Rng other(sd);
                return oracle_draws(Kind::normal, scale, fi, fo, other, true);
            }))
            return;
        expect_same_state(c, what, rng, oracle, std::to_string(fi * fo) + " rng.normal calls");
    });
}

TEST(ScaledNormal, ZeroFanIsAnError) { check_zero_fan("scaled_normal", default_scaled_normal); }

TEST(ScaledNormal, BadScaleIsAnError)
{
    // Each bad scale alone, with valid fans; rng untouched by the throw. Next to them the valid
    // boundary: 0 and −0.0 (not negative) must not throw.
    const double inf = std::numeric_limits<double>::infinity();
    const std::vector<double> bad{-std::numeric_limits<double>::denorm_min(), 0.0 /* -k */,
                                  std::numeric_limits<double>::quiet_NaN(), inf, -inf};
    for_each_case(static_cast<int>(bad.size()), [&](Case& c) {
        const auto fans = both_fans(c);
        const std::size_t fi = fans.first, fo = fans.second;
        double scale = bad[static_cast<std::size_t>(c.index)];
        std::vector<std::string> mention{};
        if (c.index == 1) {  // a whole negative number, searchable in the message
            const std::size_t k = grader::distinct_number(c, 21, 99, {fi, fo});
            scale = -as_double(k);
            mention.push_back("-" + std::to_string(k));
        }
        const std::uint64_t sd = rng_seed(c);
        scratchnet::Rng rng(sd), oracle(sd);
        c.description = "fan_in " + std::to_string(fi) + ", fan_out " + std::to_string(fo) +
                        ", scale " + num(scale) + ", Rng(" + std::to_string(sd) + ")";
        const std::string what = "scaled_normal(" + std::to_string(fi) + ", " + std::to_string(fo) +
                                 ", rng, " + num(scale) + ")";
        if (expect_throws<std::invalid_argument>(
                c, what, [&] { scaled_normal(fi, fo, rng, scale); }, mention))
            expect_same_state(c, "the throw of " + what, rng, oracle, "no draw at all would");
        for (double valid : {0.0, -0.0})
            expect_no_throw(
                c, "scaled_normal with scale " + std::string(std::signbit(valid) ? "-0.0" : "0"),
                [&] { scaled_normal(fi, fo, rng, valid); });
    });
}

TEST(LecunNormal, DistributionMatchesPyTorch) { check_distribution("lecun_normal", lecun_normal); }
TEST(LecunNormal, DrawOrderMatchesContract) { check_draw_order("lecun_normal", lecun_normal); }
TEST(LecunNormal, ZeroFanIsAnError) { check_zero_fan("lecun_normal", lecun_normal); }

TEST(GlorotUniform, DistributionMatchesPyTorch)
{
    check_distribution("glorot_uniform", glorot_uniform);
}
TEST(GlorotUniform, DrawOrderMatchesContract)
{
    check_draw_order("glorot_uniform", glorot_uniform);
}
TEST(GlorotUniform, ZeroFanIsAnError) { check_zero_fan("glorot_uniform", glorot_uniform); }

TEST(GlorotNormal, DistributionMatchesPyTorch)
{
    check_distribution("glorot_normal", glorot_normal);
}
TEST(GlorotNormal, DrawOrderMatchesContract) { check_draw_order("glorot_normal", glorot_normal); }
TEST(GlorotNormal, ZeroFanIsAnError) { check_zero_fan("glorot_normal", glorot_normal); }

TEST(HeNormal, DistributionMatchesPyTorch) { check_distribution("he_normal", he_normal); }
TEST(HeNormal, DrawOrderMatchesContract) { check_draw_order("he_normal", he_normal); }
TEST(HeNormal, ZeroFanIsAnError) { check_zero_fan("he_normal", he_normal); }

TEST(HeUniform, DistributionMatchesPyTorch) { check_distribution("he_uniform", he_uniform); }
TEST(HeUniform, DrawOrderMatchesContract) { check_draw_order("he_uniform", he_uniform); }
TEST(HeUniform, ZeroFanIsAnError) { check_zero_fan("he_uniform", he_uniform); }

// ---- zero_bias, init_weights, default_scheme --------------------------------------------------

TEST(ZeroBias, IsZero)
{
    for_each_case(3, [&](Case& c) {
        const std::size_t fo = c.index == 0 ? 1 : c.rng.integer(2, 20);
        c.description = "fan_out " + std::to_string(fo);
        const Vector zero = xt::zeros<double>({fo});
        expect_close(c, "zero_bias(" + std::to_string(fo) + ")", zero_bias(fo), zero, {0.0, 0.0});
        if (c.index == 2)
            expect_throws<std::invalid_argument>(c, "zero_bias(0)", [&] { zero_bias(0); });
    });
}

TEST(InitWeights, DispatchesByName)
{
    // Every known name against the oracle of the scheme it stands for. Both fans ≥ 3 and one
    // at least twice the other, so no two schemes give the same matrix.
    for_each_case(3, [&](Case& c) {
        const auto fans = both_fans(c);
        const std::size_t fi = fans.first, fo = fans.second;
        c.description = "fan_in " + std::to_string(fi) + ", fan_out " + std::to_string(fo);
        for (const auto& entry : known_names()) {
            const std::string& name = entry.first;
            const std::string& meant = entry.second;
            const std::uint64_t sd = rng_seed(c);
            scratchnet::Rng rng(sd), oracle(sd);
            const std::string what = "init_weights(\"" + name + "\", " + std::to_string(fi) + ", " +
                                     std::to_string(fo) + ", Rng(" + std::to_string(sd) + "))";
            const Matrix W = init_weights(name, fi, fo, rng);
            const Matrix expected = oracle_scheme(name, fi, fo, oracle);
            if (!all_close(W, expected, 1e-12)) {
                for (const auto& other : schemes()) {
                    scratchnet::Rng r(sd);
                    if (other.name != meant &&
                        all_close(W, oracle_scheme(other.name, fi, fo, r), 1e-12)) {
                        fail(c, what + " gave what " + other.name + " gives; \"" + name + "\" is " +
                                    meant);
                        return;
                    }
                }
            }
            if (!expect_draws(c, what + " (" + meant + ")", W, expected))
                return;
            if (!expect_same_state(c, what, rng, oracle,
                                   std::to_string(fi * fo) + " draws of " + meant))
                return;
        }
    });
}

TEST(InitWeights, UnknownSchemeIsAClearError)
{
    // Each near miss alone, next to its valid spelling (which must not throw); the message
    // quotes the name and lists all ten known ones; rng is untouched by the throw.
    const std::vector<std::pair<std::string, std::string>> misses{
        {"He_normal", "he_normal"},
        {"he-normal", "he_normal"},
        {"KAIMING_UNIFORM", "kaiming_uniform"},
        {"glorot_uniform ", "glorot_uniform"},
        {"xavier", "xavier_uniform"},
        {"default", "glorot_normal"},
        {"", "lecun_normal"},
    };
    for_each_case(static_cast<int>(misses.size()), [&](Case& c) {
        const std::string bad = misses[static_cast<std::size_t>(c.index)].first,
                          good = misses[static_cast<std::size_t>(c.index)].second;
        const auto fans = both_fans(c);
        const std::size_t fi = fans.first, fo = fans.second;
        const std::uint64_t sd = rng_seed(c);
        scratchnet::Rng rng(sd), oracle(sd);
        c.description = "scheme \"" + bad + "\", fan_in " + std::to_string(fi) + ", fan_out " +
                        std::to_string(fo) + ", Rng(" + std::to_string(sd) + ")";
        std::vector<std::string> mention = known_list();
        if (!bad.empty())
            mention.push_back(bad);
        const std::string what = "init_weights(\"" + bad + "\", " + std::to_string(fi) + ", " +
                                 std::to_string(fo) + ", rng)";
        if (expect_throws<std::invalid_argument>(
                c, what, [&] { init_weights(bad, fi, fo, rng); }, mention))
            expect_same_state(c, "the throw of " + what, rng, oracle, "no draw at all would");
        expect_no_throw(c, "init_weights(\"" + good + "\", …)",
                        [&] { init_weights(good, fi, fo, rng); });
    });
}

TEST(DefaultScheme, ByActivation)
{
    for_each_case(static_cast<int>(kActivations.size()), [&](Case& c) {
        const std::string& act = kActivations[static_cast<std::size_t>(c.index)];
        c.description = "activation \"" + act + "\"";
        const std::string got = default_scheme(act), expected = oracle_default(act);
        if (got != expected)
            fail(c, "default_scheme(\"" + act + "\") gave \"" + got + "\"; expected \"" + expected +
                        "\"");
    });
}

TEST(DefaultScheme, UnknownActivationIsAClearError)
{
    const std::vector<std::pair<std::string, std::string>> misses{{"ReLU", "relu"},
                                                                  {"Tanh", "tanh"},
                                                                  {"softmax", "sigmoid"},
                                                                  {"linear", "identity"},
                                                                  {"", "relu"}};
    for_each_case(static_cast<int>(misses.size()), [&](Case& c) {
        const std::string bad = misses[static_cast<std::size_t>(c.index)].first,
                          good = misses[static_cast<std::size_t>(c.index)].second;
        c.description = "activation \"" + bad + "\"";
        std::vector<std::string> mention = kActivations;
        if (!bad.empty())
            mention.push_back(bad);
        expect_throws<std::invalid_argument>(
            c, "default_scheme(\"" + bad + "\")", [&] { default_scheme(bad); }, mention);
        expect_no_throw(c, "default_scheme(\"" + good + "\")", [&] { default_scheme(good); });
    });
}

// ---- init_network -----------------------------------------------------------------------------

TEST(InitNetwork, MatchesDrawOrder)
{
    // Case k uses the k-th known name. Case 0 is one layer; the others 3–5 layers whose hidden
    // layers have the same shape.
    const auto names = known_list();
    for_each_case(static_cast<int>(names.size()), [&](Case& c) {
        const std::string& name = names[static_cast<std::size_t>(c.index)];
        const auto spec = deep_spec(c, c.index == 0 ? 1 : c.rng.integer(3, 5));
        const std::uint64_t sd = rng_seed(c);
        scratchnet::Rng rng(sd);
        c.description =
            "spec " + spec_str(spec) + ", scheme \"" + name + "\", Rng(" + std::to_string(sd) + ")";
        const Network net = init_network(spec, name, rng);
        expect_initialized(c, net, spec, std::vector<std::string>(spec.size(), name), sd, rng,
                           "init_network(spec, \"" + name + "\", rng)");
    });
}

TEST(InitNetwork, DefaultUsesEachLayersActivation)
{
    // "default" chooses per layer: He for ReLU, Glorot uniform for the others; the first layer
    // is not always ReLU and the last is not always identity.
    const std::vector<std::vector<std::string>> stacks{{"relu", "relu", "identity"},
                                                       {"tanh", "relu", "identity"},
                                                       {"relu", "sigmoid"},
                                                       {"identity"},
                                                       {"sigmoid", "tanh", "relu", "relu"}};
    for_each_case(static_cast<int>(stacks.size()), [&](Case& c) {
        const auto& acts = stacks[static_cast<std::size_t>(c.index)];
        const auto spec = deep_spec(c, acts.size(), acts);
        const std::uint64_t sd = rng_seed(c);
        scratchnet::Rng rng(sd);
        c.description =
            "spec " + spec_str(spec) + ", scheme \"default\", Rng(" + std::to_string(sd) + ")";
        std::vector<std::string> per_layer;
        for (const auto& l : spec)
            per_layer.push_back(oracle_default(l.activation));
        const Network net = init_network(spec, "default", rng);
        expect_initialized(c, net, spec, per_layer, sd, rng,
                           "init_network(spec, \"default\", rng)");
    });
}

TEST(InitNetwork, BreaksSymmetry)
{
    // The same seed gives the same network; no two units (columns of a W) start equal; and two
    // layers of the same shape do not get the same W.
    const std::vector<std::string> names{"default", "he_normal", "glorot_uniform", "lecun_normal"};
    for_each_case(static_cast<int>(names.size()), [&](Case& c) {
        const std::string& name = names[static_cast<std::size_t>(c.index)];
        const auto spec = deep_spec(c, 4);
        const std::uint64_t sd = rng_seed(c);
        c.description =
            "spec " + spec_str(spec) + ", scheme \"" + name + "\", Rng(" + std::to_string(sd) + ")";
        scratchnet::Rng first(sd), second(sd);
        const Network a = init_network(spec, name, first), b = init_network(spec, name, second);
        if (!expect_count(c, "the network's layers", a.layers.size(), spec.size()))
            return;
        grader::expect_network(c, "from a second Rng with the same seed", b, a, {0.0, 0.0});
        for (std::size_t l = 0; l < a.layers.size(); ++l) {
            const Matrix& W = a.layers[l].W;
            for (std::size_t j = 0; j < W.shape(1); ++j)
                for (std::size_t k = j + 1; k < W.shape(1); ++k)
                    if (xt::all(xt::equal(xt::view(W, xt::all(), j), xt::view(W, xt::all(), k)))) {
                        fail(c, "layer " + std::to_string(l) + " of init_network(spec, \"" + name +
                                    "\", rng) has two equal columns, " + std::to_string(j) +
                                    " and " + std::to_string(k) +
                                    ": those units compute the same thing and get the same "
                                    "gradient forever");
                        return;
                    }
            if (l > 0 && W.shape() == a.layers[l - 1].W.shape() && W == a.layers[l - 1].W) {
                fail(c, "layers " + std::to_string(l - 1) + " and " + std::to_string(l) +
                            " of init_network(spec, \"" + name +
                            "\", rng) have the same W: the "
                            "generator must continue from one layer to the next, not start again");
                return;
            }
        }
    });
}

TEST(InitNetwork, BadSpecIsAClearError)
{
    // Each error alone, at the last layer where it can be, next to its valid neighbour (which
    // must not throw). Every error is raised before the first draw: rng must be untouched.
    for_each_case(7, [&](Case& c) {
        auto spec = deep_spec(c, c.rng.integer(3, 4));
        auto valid = spec;
        std::string scheme = c.index == 6 ? "default" : "he_normal", valid_scheme = scheme;
        std::vector<std::string> mention;
        std::string error;
        const std::size_t last = spec.size() - 1;
        switch (c.index) {
        case 0:
            spec.clear();
            valid.resize(1);
            error = "an empty spec";
            break;
        case 1:
            spec[last].outputs = 0;
            valid[last].outputs = 1;
            error = "outputs 0 at the last layer";
            break;
        case 2:
            spec[0].inputs = 0;
            valid[0].inputs = 1;
            error = "inputs 0 at layer 0";
            break;
        case 3:
            spec[last].inputs += 1;
            error = "inputs of the last layer ≠ outputs of the one before";
            break;
        case 4:
            spec[last].activation = "softmax";
            valid[last].activation = "identity";
            error = "an unknown activation at the last layer";
            break;
        case 5:
            scheme = "He_normal";
            error = "an unknown scheme";
            break;
        case 6:
            scheme = "xavier";
            valid_scheme = "xavier_uniform";
            error = "an unknown scheme";
            break;
        }
        if (c.index >= 5) {
            mention = known_list();
            mention.push_back("default");
            mention.push_back(scheme);
        }
        const std::uint64_t sd = rng_seed(c);
        scratchnet::Rng rng(sd), oracle(sd);
        c.description = "spec " + spec_str(spec) + ", scheme \"" + scheme + "\" (" + error +
                        "), Rng(" + std::to_string(sd) + ")";
        const std::string what = "init_network(spec, \"" + scheme + "\", rng) with " + error;
        if (expect_throws<std::invalid_argument>(
                c, what, [&] { init_network(spec, scheme, rng); }, mention))
            expect_same_state(c, "the throw of " + what, rng, oracle, "no draw at all would");
        expect_no_throw(c, "init_network(" + spec_str(valid) + ", \"" + valid_scheme + "\", rng)",
                        [&] { init_network(valid, valid_scheme, rng); });
    });
}

TEST(InitNetwork, HeKeepsReluActivationsAlive)
{
    // The chapter's experiment: 10 ReLU layers of 256 units, X ~ N(0, 1). With He the std of
    // layer 10's activations stays within [0.5, 2] times layer 1's (mean-field theory: equal);
    // with scaled_normal (0.01) each layer multiplies it by about 0.01·√128 ≈ 0.11, so layer 10
    // is below 1e-6. The outcome is fixed by the seed; at width 256 a layer's gain fluctuates by
    // well under 1 %, so both bounds have a wide margin.
    for_each_case(1, [&](Case& c) {
        const std::size_t width = 256, layers = 10, rows = 64;
        const std::vector<LayerSpec> spec(layers, LayerSpec{width, width, "relu"});
        const Matrix X = c.rng.normal(rows, width, 0.0, 1.0);
        const std::uint64_t sd = rng_seed(c);
        c.description = "10 × {256, 256, relu}, X " + shape_str(X) + " ~ N(0, 1), Rng(" +
                        std::to_string(sd) + ")";
        scratchnet::Rng rng(sd);
        const ForwardCache he = forward(init_network(spec, "he_normal", rng), X);
        const double first = oracle_stats(he.A[1]).std, tenth = oracle_stats(he.A[layers]).std;
        if (!(tenth >= 0.5 * first && tenth <= 2.0 * first))
            fail(c, "with init_network(spec, \"he_normal\", rng) the std of the activations is " +
                        num(first) + " at layer 1 and " + num(tenth) + " at layer 10 (" +
                        num(tenth / first) + " times); He should keep it within 0.5 to 2 times");
        const ForwardCache small = forward(init_network(spec, "scaled_normal", rng), X);
        const double vanished = oracle_stats(small.A[layers]).std;
        if (!(vanished < 1e-6))
            fail(
                c,
                "with init_network(spec, \"scaled_normal\", rng) the std of layer 10's activations is " +
                    num(vanished) + "; 0.01 per weight should shrink it below 1e-6");
    });
}

// ---- activation_stats, gradient_norms -----------------------------------------------------------

TEST(ActivationStats, MatchesOwnOracle)
{
    // Random networks (case 0: one layer) with biases spread ±3, so that units have different
    // means; ReLU, sigmoid and tanh layers, so that a layer's output differs from its Z.
    for_each_case(6, [&](Case& c) {
        grader::NetworkShape shape;
        shape.layers = c.index == 0 ? grader::Range{1, 1} : grader::Range{2, 4};
        shape.widths = {2, 6};
        shape.outputs = {2, 5};
        shape.bias_range = 3.0;
        const Network net = grader::random_network(c, shape);
        const Matrix X = grader::random_inputs(c, net, c.rng.integer(3, 9));
        expect_stats(c, activation_stats(net, X), oracle_activation_stats(net, X), {1e-12, 1e-10});
    });
}

TEST(ActivationStats, PopulationStd)
{
    // The last layer has a single unit (H = 1, so a unit's std is the std of all entries) and
    // M = N entries: 1 (std exactly 0; a sample std divides 0 by 0), then 2 and 3, where
    // dividing by M − 1 instead of M is far off. Identity layers (A = Z); only the last layer's
    // entry is compared (the count and the other layers are MatchesOwnOracle's).
    for_each_case(4, [&](Case& c) {
        const std::size_t n = c.index == 0 ? 1 : c.index == 1 ? 2 : c.index == 2 ? 3 : 1;
        grader::NetworkShape shape;
        shape.layers = c.index == 3 ? grader::Range{2, 2} : grader::Range{1, 1};
        shape.widths = {1, 4};
        shape.outputs = {1, 1};
        shape.hidden = {"identity"};
        const Network net = grader::random_network(c, shape);
        const Matrix X = grader::random_inputs(c, net, n);
        const auto got = activation_stats(net, X);
        const LayerStats expected = oracle_activation_stats(net, X).back();
        if (got.empty()) {
            fail(c, "activation_stats(net, X) is empty; it should hold one entry per layer");
            return;
        }
        const std::string what = "the last layer's (" + std::to_string(n) + " entries)";
        expect_close(c, what + " mean", grader::scalar(got.back().mean),
                     grader::scalar(expected.mean), {1e-12, 1e-10});
        if (n == 1 && got.back().std != 0.0)
            fail(
                c,
                what + " std is " + num(got.back().std) +
                    "; with a single entry it must be exactly 0 (the population std divides by M = 1)");
        else
            expect_close(c, what + " std (population: divided by M = " + std::to_string(n) + ")",
                         grader::scalar(got.back().std), grader::scalar(expected.std),
                         {1e-12, 1e-10});
    });
}

TEST(ActivationStats, AccurateForLargeMean)
{
    // An identity layer whose entries are δ with |δ| ≤ 1e-3, then the same layer with b = 1e6:
    // entries 1e6 + δ. The std must not change (to 1e-6 relative, the contract's promise);
    // E[a²] − E[a]² loses every digit of it. The check compares the function with itself, so
    // that only the accuracy is tested here.
    for_each_case(3, [&](Case& c) {
        const std::size_t n = c.rng.integer(20, 40), d = c.rng.integer(2, 5),
                          h = c.rng.integer(1, 5);
        Network net;
        net.layers.push_back({c.rng.matrix(d, h, -1e-3 / as_double(d), 1e-3 / as_double(d)),
                              xt::zeros<double>({h}), "identity"});
        const Matrix X = c.rng.matrix(n, d, -1.0, 1.0);
        c.description = "one identity layer, W " + shape_str(net.layers[0].W) +
                        " of size ≤ 1e-3/D, X " + shape_str(X) + ", b = 0 and then b = 1e6";
        const auto small = activation_stats(net, X);
        net.layers[0].b += 1e6;
        const auto large = activation_stats(net, X);
        if (!expect_count(c, "activation_stats with b = 1e6", large.size(), small.size()) ||
            large.empty())
            return;
        const double want = small.back().std, got = large.back().std;
        if (!(std::abs(got - want) <= 1e-6 * want))
            fail(
                c,
                "the std of the entries δ is " + num(want) + " with b = 0 but " + num(got) +
                    " for the entries 1e6 + δ (b = 1e6): adding a constant must not change it (to 1e-6 "
                    "relative); first the mean, then the squared deviations from it");
    });
}

TEST(GradientNorms, MatchOwnOracle)
{
    // Classifiers (case 0: one layer) with nonzero bias gradients; ‖dW_l‖_F of the reference's
    // loss_and_gradients in layer order. Then the errors loss_and_gradients raises, each alone.
    for_each_case(6, [&](Case& c) {
        grader::NetworkShape shape;
        shape.layers = c.index == 0 ? grader::Range{1, 1} : grader::Range{2, 4};
        shape.widths = {2, 6};
        shape.outputs = {2, 5};
        shape.hidden = {"relu", "sigmoid", "tanh"};
        shape.last = {"identity"};
        shape.scale_by_fan_in = true;
        const Network net = grader::random_network(c, shape);
        const std::size_t n = c.rng.integer(3, 9), classes = net.layers.back().W.shape(1);
        const Matrix X = grader::random_inputs(c, net, n);
        const Labels y = grader::random_labels(c, n, classes);
        c.description += ", y " + grader::list_str(y);
        if (c.index < 4) {
            const Gradients g = loss_and_gradients(net, X, y).grads;
            std::vector<double> expected;
            for (const Matrix& dW : g.dW) {
                double sq = 0.0;
                for (double v : dW)
                    sq += v * v;
                expected.push_back(std::sqrt(sq));
            }
            const auto got = gradient_norms(net, X, y);
            if (expect_count(c, "gradient_norms(net, X, y)", got.size(), expected.size()))
                expect_close(c, "gradient_norms(net, X, y) (layer 0 first)", grader::as_array(got),
                             grader::as_array(expected), {1e-12, 1e-10});
        } else if (c.index == 4) {
            const Matrix wide = c.rng.matrix(n, X.shape(1) + 1, -1.0, 1.0);
            expect_throws<std::invalid_argument>(c, "gradient_norms with X " + shape_str(wide),
                                                 [&] { gradient_norms(net, wide, y); });
        } else {
            Labels bad = y;
            bad[c.rng.integer(0, n - 1)] = classes;
            expect_throws<std::invalid_argument>(
                c, "gradient_norms with a label equal to C = " + std::to_string(classes),
                [&] { gradient_norms(net, X, bad); });
        }
    });
}
