// Chapter 07 hidden checks. Expected values come from the checks' own oracle (the cell's
// equations written as plain loops below, a numerically stable sigmoid, the same forward
// repeated over time), from central differences of losses the checks compute with that oracle,
// from PyTorch's nn.LSTMCell (goldens/*.json, written by tools/make_goldens.py --chapter 07 in
// float64, mapped to the chapter's layout), from a twin generator (lstm_init's draws), from
// invariants (|h| < 1, finite states through 200 saturated steps) and, for the long sequences
// only, from the reference's recorded values. Each check calls only the learner function it
// grades: the caches and sequences the backward passes need are built by the oracle, never by
// the learner's forward. BOUNDARIES.md maps every contract clause to its cases.
#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "harness.hpp"
#include "lstm.hpp"

using namespace scratchnet;
using grader::Case;
using grader::expect_close;
using grader::expect_count;
using grader::expect_gradient;
using grader::expect_no_throw;
using grader::expect_reference;
using grader::expect_throws;
using grader::fail;
using grader::for_each_case;
using grader::num;

namespace {

const grader::ChapterSeed seed{0x07a3e51c2d9b4f68ULL};

const char* kGoldens = "/usr/bin/python3 tools/make_goldens.py --chapter 07";

std::string str(std::size_t v) { return std::to_string(v); }

// ---- the oracle ---------------------------------------------------------------------------

double sigma(double a)
{
    return a >= 0 ? 1.0 / (1.0 + std::exp(-a)) : std::exp(a) / (1.0 + std::exp(a));
}

// One gate's pre-activation, by loops: a = z W + b.
Matrix affine(const Matrix& z, const Matrix& W, const Vector& b)
{
    Matrix a({z.shape(0), W.shape(1)});
    for (std::size_t n = 0; n < z.shape(0); ++n)
        for (std::size_t k = 0; k < W.shape(1); ++k) {
            double s = b(k);
            for (std::size_t j = 0; j < z.shape(1); ++j)
                s += z(n, j) * W(j, k);
            a(n, k) = s;
        }
    return a;
}

Matrix apply(Matrix a, double (*f)(double))
{
    for (auto& v : a)
        v = f(v);
    return a;
}
double tanh_of(double v) { return std::tanh(v); }

struct OracleStep {
    Matrix h, c;
    LstmCache cache;
};

// The contract's equations: z = [h_prev, x]; f, i, o = σ(z W + b); c̃ = tanh(z Wc + bc);
// c = f c_prev + i c̃; h = o tanh(c).
OracleStep oracle_step(const Matrix& x, const Matrix& h_prev, const Matrix& c_prev,
                       const LstmParams& p)
{
    const std::size_t N = x.shape(0), D = x.shape(1), H = h_prev.shape(1);
    OracleStep s;
    LstmCache& k = s.cache;
    k.z = Matrix({N, H + D});
    for (std::size_t n = 0; n < N; ++n) {
        for (std::size_t j = 0; j < H; ++j)
            k.z(n, j) = h_prev(n, j);
        for (std::size_t j = 0; j < D; ++j)
            k.z(n, H + j) = x(n, j);
    }
    k.f = apply(affine(k.z, p.Wf, p.bf), sigma);
    k.i = apply(affine(k.z, p.Wi, p.bi), sigma);
    k.o = apply(affine(k.z, p.Wo, p.bo), sigma);
    k.c_tilde = apply(affine(k.z, p.Wc, p.bc), tanh_of);
    k.c_prev = c_prev;
    s.c = Matrix({N, H});
    s.h = Matrix({N, H});
    k.tanh_c = Matrix({N, H});
    for (std::size_t n = 0; n < N; ++n)
        for (std::size_t j = 0; j < H; ++j) {
            s.c(n, j) = k.f(n, j) * c_prev(n, j) + k.i(n, j) * k.c_tilde(n, j);
            k.tanh_c(n, j) = std::tanh(s.c(n, j));
            s.h(n, j) = k.o(n, j) * k.tanh_c(n, j);
        }
    return s;
}

LstmSequence oracle_sequence(const std::vector<Matrix>& xs, const Matrix& h0, const Matrix& c0,
                             const LstmParams& p)
{
    LstmSequence seq;
    Matrix h = h0, c = c0;
    for (const Matrix& x : xs) {
        OracleStep s = oracle_step(x, h, c, p);
        h = s.h;
        c = s.c;
        seq.h.push_back(s.h);
        seq.c.push_back(s.c);
        seq.caches.push_back(s.cache);
    }
    return seq;
}

double dot_sum(const Matrix& a, const Matrix& b)
{
    double s = 0;
    for (std::size_t k = 0; k < a.size(); ++k)
        s += a.flat(k) * b.flat(k);
    return s;
}

// ---- parameters ---------------------------------------------------------------------------

struct WeightSlot {
    const char* name;
    const char* role;
    Matrix LstmParams::*member;
};
struct BiasSlot {
    const char* name;
    const char* role;
    Vector LstmParams::*member;
};
const WeightSlot kWeights[] = {{"Wf", "the forget gate", &LstmParams::Wf},
                               {"Wi", "the input gate", &LstmParams::Wi},
                               {"Wo", "the output gate", &LstmParams::Wo},
                               {"Wc", "the candidate", &LstmParams::Wc}};
const BiasSlot kBiases[] = {{"bf", "the forget gate", &LstmParams::bf},
                            {"bi", "the input gate", &LstmParams::bi},
                            {"bo", "the output gate", &LstmParams::bo},
                            {"bc", "the candidate", &LstmParams::bc}};

// Random parameters (not lstm_init's: that is the learner's): weights in ±w, biases in ±0.8.
LstmParams random_params(Case& c, std::size_t D, std::size_t H, double w = 0.9)
{
    LstmParams p;
    for (const auto& s : kWeights)
        p.*s.member = c.rng.matrix(H + D, H, -w, w);
    for (const auto& s : kBiases)
        p.*s.member = c.rng.vector(H, -0.8, 0.8);
    return p;
}

std::string sizes_str(std::size_t N, std::size_t D, std::size_t H)
{
    return "N = " + str(N) + ", D = " + str(D) + ", H = " + str(H);
}

LstmParams golden_params(const nlohmann::json& j)
{
    LstmParams p;
    for (const auto& s : kWeights)
        p.*s.member = grader::json_matrix(j[s.name]);
    for (const auto& s : kBiases)
        p.*s.member = grader::json_vector(j[s.name]);
    return p;
}

std::vector<Matrix> json_matrices(const nlohmann::json& j)
{
    std::vector<Matrix> v;
    for (const auto& m : j)
        v.push_back(grader::json_matrix(m));
    return v;
}

// Every parameter gradient against central differences of `loss(p)`, then the reference's.
void expect_param_gradients(const Case& c, const std::string& where, const LstmParams& got,
                            const LstmParams& p,
                            const std::function<double(const LstmParams&)>& loss)
{
    for (const auto& s : kWeights)
        expect_gradient(
            c, std::string("d") + s.name + " (" + s.role + "'s weights)" + where, got.*s.member,
            [&](const Matrix& W) {
                LstmParams q = p;
                q.*s.member = W;
                return loss(q);
            },
            p.*s.member);
    for (const auto& s : kBiases)
        expect_gradient(
            c,
            std::string("d") + s.name + " (" + s.role + "'s bias, a sum over the N rows)" + where,
            got.*s.member,
            [&](const Vector& b) {
                LstmParams q = p;
                q.*s.member = b;
                return loss(q);
            },
            p.*s.member);
}

void expect_cache(const Case& c, const std::string& where, const LstmCache& got,
                  const LstmCache& want, grader::Tolerance tol)
{
    expect_close(c, where + ".z (= [h_prev, x], h first)", got.z, want.z, tol);
    expect_close(c, where + ".f (the forget gate, after σ)", got.f, want.f, tol);
    expect_close(c, where + ".i (the input gate, after σ)", got.i, want.i, tol);
    expect_close(c, where + ".o (the output gate, after σ)", got.o, want.o, tol);
    expect_close(c, where + ".c_tilde (the candidate, after tanh)", got.c_tilde, want.c_tilde, tol);
    expect_close(c, where + ".c_prev", got.c_prev, want.c_prev, tol);
    expect_close(c, where + ".tanh_c (tanh of the new c)", got.tanh_c, want.tanh_c, tol);
}

const grader::Tolerance kTight{1e-12, 1e-10};
const grader::Tolerance kGolden{1e-14, 1e-10};

bool all_finite(const Matrix& m)
{
    for (double v : m)
        if (!std::isfinite(v))
            return false;
    return true;
}

}  // namespace

// ---- lstm_init ----------------------------------------------------------------------------

TEST(LstmInit, ShapesAndBiases)
{
    for_each_case(6, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 6}, {1, 6}});  // D = 1, then H = 1
        const std::size_t D = s[0], H = s[1];
        const bool given = c.index >= 2;
        const double fb = given ? (c.index == 2 ? 0.0 : c.rng.uniform(-3.0, 3.0)) : 1.0;
        c.description =
            "D = " + str(D) + ", H = " + str(H) +
            (given ? ", forget_bias = " + num(fb) : ", forget_bias left to its default");
        Rng rng(c.rng.integer(0, 1u << 30));
        const LstmParams p = given ? lstm_init(D, H, rng, fb) : lstm_init(D, H, rng);
        for (const auto& w : kWeights)
            if ((p.*w.member).shape(0) != H + D || (p.*w.member).shape(1) != H)
                fail(c, std::string(w.name) + " is " + shape_str(p.*w.member) +
                            "; every weight is (H + D, H) = (" + str(H + D) + ", " + str(H) + ")");
        const Vector zeros = xt::zeros<double>({H});
        expect_close(c,
                     std::string("bf (the forget bias: ") +
                         (given ? "the value given" : "1 by default") + ")",
                     p.bf, zeros + fb, {0, 0});
        expect_close(c, "bi (0)", p.bi, zeros, {0, 0});
        expect_close(c, "bo (0)", p.bo, zeros, {0, 0});
        expect_close(c, "bc (0)", p.bc, zeros, {0, 0});
    });
}

TEST(LstmInit, FollowsTheDrawOrder)
{
    for_each_case(6, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 5}, {1, 5}});
        const std::size_t D = s[0], H = s[1];
        const std::uint64_t sd = c.rng.integer(0, 1u << 30);
        c.description = "D = " + str(D) + ", H = " + str(H) + ", Rng seed " + str(sd);
        Rng rng(sd), twin(sd);
        const LstmParams p = lstm_init(D, H, rng);
        const double k = 1.0 / std::sqrt(static_cast<double>(H));
        std::vector<Matrix> draws;
        for (int d = 0; d < 4; ++d)
            draws.push_back(twin.uniform(H + D, H, -k, k));
        bool ok = true;
        for (int w = 0; w < 4; ++w) {
            const Matrix& got = p.*kWeights[w].member;
            if (got.shape() == draws[w].shape() && xt::allclose(got, draws[w], 1e-14, 1e-15))
                continue;
            ok = false;
            std::string which;
            for (int d = 0; d < 4; ++d)
                if (d != w && got.shape() == draws[d].shape() &&
                    xt::allclose(got, draws[d], 1e-14, 1e-15))
                    which = "; it holds draw " + str(d + 1) + " of 4, the numbers " +
                            kWeights[d].name + " should get (the order is Wf, Wi, Wo, Wc)";
            if (which.empty())
                expect_close(c,
                             std::string(kWeights[w].name) + " against draw " + str(w + 1) +
                                 " of rng.uniform(H + D, H, -1/√H, 1/√H) (order Wf, Wi, Wo, Wc)",
                             got, draws[w], {1e-15, 1e-14});
            else
                fail(c, std::string(kWeights[w].name) + " is not draw " + str(w + 1) + which);
        }
        if (ok && rng.uniform() != twin.uniform())
            fail(c, "after lstm_init the generator is not where exactly 4·(H + D)·H uniform "
                    "draws leave it (draw the four weights once each, and the biases not at all)");
    });
}

TEST(LstmInit, WeightsWithinOneOverSqrtH)
{
    for_each_case(5, [&](Case& c) {
        const std::size_t H = c.index == 0 ? 1 : c.rng.integer(2, 30);
        const std::size_t D = c.rng.integer(1, 20);
        const double k = 1.0 / std::sqrt(static_cast<double>(H));
        c.description = "D = " + str(D) + ", H = " + str(H) + ", bound 1/√H = " + num(k);
        Rng rng(c.rng.integer(0, 1u << 30));
        const LstmParams p = lstm_init(D, H, rng);
        double largest = 0;
        for (const auto& w : kWeights)
            for (double v : p.*w.member) {
                if (!(v >= -k && v < k)) {
                    fail(c, std::string(w.name) + " holds " + num(v) +
                                ", outside [-1/√H, 1/√H) = [" + num(-k) + ", " + num(k) + ")");
                    return;
                }
                largest = std::max(largest, std::abs(v));
            }
        const std::size_t n = 4 * (H + D) * H;
        if (n >= 40 && largest < 0.85 * k)
            fail(c, "the largest |w| of " + str(n) + " weights is " + num(largest) +
                        ", far below the bound 1/√H = " + num(k) +
                        ": is the scale 1/H, or 1/√(H + D)?");
    });
}

TEST(LstmInit, ZeroSizeIsAnError)
{
    for_each_case(3, [&](Case& c) {
        const std::size_t other = c.rng.integer(2, 9);
        const std::size_t D = c.index == 0 ? 0 : (c.index == 1 ? other : 0);
        const std::size_t H = c.index == 1 ? 0 : (c.index == 0 ? other : 0);
        c.description = "lstm_init(" + str(D) + ", " + str(H) + ", rng)";
        Rng rng(1);
        expect_throws<std::invalid_argument>(
            c, c.description, [&] { lstm_init(D, H, rng); },
            c.index == 2 ? std::vector<std::string>{} : std::vector<std::string>{str(other)});
        Rng ok(2);
        expect_no_throw(c, "lstm_init(1, 1, rng)", [&] { lstm_init(1, 1, ok); });
    });
}

// ---- lstm_cell_forward --------------------------------------------------------------------

TEST(LstmCell, ForwardMatchesTheEquations)
{
    for_each_case(8, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 5}, {1, 4}, {1, 5}});  // N, D, H = 1 each alone
        const std::size_t N = s[0], D = s[1], H = s[2];
        const LstmParams p = random_params(c, D, H);
        const Matrix x = c.rng.matrix(N, D, -2, 2), h = c.rng.matrix(N, H, -1, 1),
                     cp = c.rng.matrix(N, H, -2, 2);
        c.description = sizes_str(N, D, H);
        const LstmStep got = lstm_cell_forward(x, h, cp, p);
        const OracleStep want = oracle_step(x, h, cp, p);
        expect_close(c, "c (= f·c_prev + i·c̃)", got.c, want.c, kTight);
        expect_close(c, "h (= o·tanh(c), the new c)", got.h, want.h, kTight);
    });
}

TEST(LstmCell, CacheHoldsWhatBackwardNeeds)
{
    for_each_case(6, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 5}, {1, 4}, {1, 5}});
        const std::size_t N = s[0], D = s[1], H = s[2];
        const LstmParams p = random_params(c, D, H);
        const Matrix x = c.rng.matrix(N, D, -2, 2), h = c.rng.matrix(N, H, -1, 1),
                     cp = c.rng.matrix(N, H, -2, 2);
        c.description = sizes_str(N, D, H);
        expect_cache(c, "cache", lstm_cell_forward(x, h, cp, p).cache,
                     oracle_step(x, h, cp, p).cache, kTight);
    });
}

TEST(LstmCell, BadShapesAreClearErrors)
{
    // 0, 1: x; 2, 3: h_prev; 4, 5: c_prev; 6: a weight; 7: a bias.
    for_each_case(8, [&](Case& c) {
        const std::size_t N = c.rng.integer(1, 4), D = c.rng.integer(1, 4), H = c.rng.integer(1, 4);
        LstmParams p = random_params(c, D, H);
        Matrix x = c.rng.matrix(N, D, -1, 1), h = c.rng.matrix(N, H, -1, 1),
               cp = c.rng.matrix(N, H, -1, 1);
        expect_no_throw(c, "the valid call (" + sizes_str(N, D, H) + ")",
                        [&] { lstm_cell_forward(x, h, cp, p); });
        std::string name;
        std::string shape;
        switch (c.index) {
        case 0:
            x = c.rng.matrix(N, D + 1, -1, 1);
            name = "x";
            shape = shape_str(x);
            break;
        case 1:
            x = c.rng.matrix(N, H + D, -1, 1);
            name = "x";
            shape = shape_str(x);
            break;
        case 2:
            h = c.rng.matrix(N, H + 1, -1, 1);
            name = "h_prev";
            shape = shape_str(h);
            break;
        case 3:
            h = c.rng.matrix(N + 1, H, -1, 1);
            name = "h_prev";
            shape = shape_str(h);
            break;
        case 4:
            cp = c.rng.matrix(N, H + 2, -1, 1);
            name = "c_prev";
            shape = shape_str(cp);
            break;
        case 5:
            cp = c.rng.matrix(N + 2, H, -1, 1);
            name = "c_prev";
            shape = shape_str(cp);
            break;
        case 6: {
            const auto& w = kWeights[c.rng.integer(1, 3)];  // Wf defines D and H
            p.*w.member = c.rng.matrix(H + D + 1, H, -1, 1);
            name = w.name;
            shape = shape_str(p.*w.member);
            break;
        }
        default: {
            const auto& b = kBiases[c.rng.integer(0, 3)];
            p.*b.member = c.rng.vector(H + 1, -1, 1);
            name = b.name;
            shape = shape_str(p.*b.member);
        }
        }
        c.description = sizes_str(N, D, H) + ", " + name + " " + shape;
        expect_throws<std::invalid_argument>(c, "lstm_cell_forward with " + name + " " + shape,
                                             [&] { lstm_cell_forward(x, h, cp, p); },
                                             {name, shape});
    });
}

// ---- lstm_cell_backward -------------------------------------------------------------------

namespace {

enum class Paths { both, dc_only, dh_only };

// L = sum(h·A) + sum(c·B), so dh = A and dc = B; Paths zeroes one of them.
void check_cell_backward(Paths paths, int cases)
{
    for_each_case(cases, [&](Case& c) {
        auto s = grader::sizes(c, {{1, 4}, {1, 3}, {1, 4}});
        if (c.index >= 3 && s[0] == s[2])
            s[0] =
                s[2] + 1;  // N != H: a bias gradient summed over the wrong axis has another shape
        const std::size_t N = s[0], D = s[1], H = s[2];
        const LstmParams p = random_params(c, D, H);
        const Matrix x = c.rng.matrix(N, D, -2, 2), h = c.rng.matrix(N, H, -1, 1),
                     cp = c.rng.matrix(N, H, -2, 2);
        Matrix A = c.rng.matrix(N, H, -1, 1), B = c.rng.matrix(N, H, -1, 1);
        std::string where;
        if (paths == Paths::dc_only) {
            A = xt::zeros<double>({N, H});
            where = " [dh = 0: only dc, the cell path]";
        }
        if (paths == Paths::dh_only) {
            B = xt::zeros<double>({N, H});
            where = " [dc = 0: only dh, through o·tanh(c) into c]";
        }
        c.description = sizes_str(N, D, H) + ", L = sum(h·A) + sum(c·B)" + where;
        const LstmCache cache = oracle_step(x, h, cp, p).cache;
        const LstmCellGradients g = lstm_cell_backward(A, B, cache, p);
        auto loss = [&](const Matrix& xx, const Matrix& hh, const Matrix& cc,
                        const LstmParams& pp) {
            const OracleStep o = oracle_step(xx, hh, cc, pp);
            return dot_sum(o.h, A) + dot_sum(o.c, B);
        };
        expect_gradient(
            c, "dc_prev" + where, g.dc_prev, [&](const Matrix& v) { return loss(x, h, v, p); }, cp);
        expect_gradient(
            c, "dh_prev (the first H columns of dz)" + where, g.dh_prev,
            [&](const Matrix& v) { return loss(x, v, cp, p); }, h);
        expect_gradient(
            c, "dx (the last D columns of dz)" + where, g.dx,
            [&](const Matrix& v) { return loss(v, h, cp, p); }, x);
        expect_param_gradients(c, where, g.dparams, p,
                               [&](const LstmParams& q) { return loss(x, h, cp, q); });
    });
}

}  // namespace

TEST(LstmCellBackward, GradientMatchesFiniteDifferences) { check_cell_backward(Paths::both, 8); }

TEST(LstmCellBackward, CellPathAlone) { check_cell_backward(Paths::dc_only, 5); }

TEST(LstmCellBackward, HiddenPathAlone) { check_cell_backward(Paths::dh_only, 5); }

TEST(LstmCellBackward, BiasGradientsSumOverRows)
{
    for_each_case(4, [&](Case& c) {
        const std::size_t H = c.rng.integer(1, 4);
        const std::size_t N = H + c.rng.integer(1, 3);  // N >= 2, N != H, rows all different
        const std::size_t D = c.rng.integer(1, 3);
        const LstmParams p = random_params(c, D, H);
        const Matrix x = c.rng.matrix(N, D, -2, 2), h = c.rng.matrix(N, H, -1, 1),
                     cp = c.rng.matrix(N, H, -2, 2);
        const Matrix A = c.rng.matrix(N, H, -1, 1), B = c.rng.matrix(N, H, -1, 1);
        c.description = sizes_str(N, D, H) + ", rows all different";
        const LstmCache cache = oracle_step(x, h, cp, p).cache;
        const LstmCellGradients g = lstm_cell_backward(A, B, cache, p);
        // The expected bias gradient: each row's own gradient (central differences of that row's
        // loss alone, through the oracle), added up over the N rows.
        for (const auto& b : kBiases) {
            Vector want = xt::zeros<double>({H});
            for (std::size_t n = 0; n < N; ++n) {
                const Matrix xr = xt::view(x, xt::range(n, n + 1), xt::all());
                const Matrix hr = xt::view(h, xt::range(n, n + 1), xt::all());
                const Matrix cr = xt::view(cp, xt::range(n, n + 1), xt::all());
                const Matrix Ar = xt::view(A, xt::range(n, n + 1), xt::all());
                const Matrix Br = xt::view(B, xt::range(n, n + 1), xt::all());
                want += grader::numeric_gradient(
                    [&](const Vector& v) {
                        LstmParams q = p;
                        q.*b.member = v;
                        const OracleStep o = oracle_step(xr, hr, cr, q);
                        return dot_sum(o.h, Ar) + dot_sum(o.c, Br);
                    },
                    p.*b.member);
            }
            expect_close(c,
                         std::string("d") + b.name +
                             " against the sum over the N rows of each row's own gradient "
                             "(sum over axis 0, the rows; the result has H entries)",
                         g.dparams.*b.member, want, {1e-8, 1e-6});
        }
    });
}

TEST(LstmCellBackward, BadShapesAreClearErrors)
{
    for_each_case(4, [&](Case& c) {
        const std::size_t N = c.rng.integer(1, 4), D = c.rng.integer(1, 3), H = c.rng.integer(1, 4);
        const LstmParams p = random_params(c, D, H);
        const LstmCache cache = oracle_step(c.rng.matrix(N, D, -1, 1), c.rng.matrix(N, H, -1, 1),
                                            c.rng.matrix(N, H, -1, 1), p)
                                    .cache;
        Matrix dh = c.rng.matrix(N, H, -1, 1), dc = c.rng.matrix(N, H, -1, 1);
        expect_no_throw(c, "the valid call (" + sizes_str(N, D, H) + ")",
                        [&] { lstm_cell_backward(dh, dc, cache, p); });
        const bool bad_dh = c.index < 2;
        Matrix& bad = bad_dh ? dh : dc;
        bad = c.index % 2 ? c.rng.matrix(N + 1, H, -1, 1) : c.rng.matrix(N, H + 1, -1, 1);
        const std::string name = bad_dh ? "dh" : "dc";
        c.description = sizes_str(N, D, H) + ", " + name + " " + shape_str(bad);
        expect_throws<std::invalid_argument>(
            c, "lstm_cell_backward with " + name + " " + shape_str(bad),
            [&] { lstm_cell_backward(dh, dc, cache, p); }, {name, shape_str(bad)});
    });
}

// ---- lstm_forward -------------------------------------------------------------------------

TEST(LstmSequence, ForwardChainsTheSteps)
{
    for_each_case(6, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 6}, {1, 3}, {1, 3}, {1, 4}});  // T, N, D, H
        const std::size_t T = s[0], N = s[1], D = s[2], H = s[3];
        const LstmParams p = random_params(c, D, H);
        std::vector<Matrix> xs;
        for (std::size_t t = 0; t < T; ++t)
            xs.push_back(c.rng.matrix(N, D, -2, 2));
        const Matrix h0 = c.rng.matrix(N, H, -1, 1), c0 = c.rng.matrix(N, H, -2, 2);
        c.description = "T = " + str(T) + ", " + sizes_str(N, D, H);
        const LstmSequence got = lstm_forward(xs, h0, c0, p);
        const LstmSequence want = oracle_sequence(xs, h0, c0, p);
        if (!expect_count(c, "seq.h", got.h.size(), T) ||
            !expect_count(c, "seq.c", got.c.size(), T) ||
            !expect_count(c, "seq.caches", got.caches.size(), T))
            return;
        for (std::size_t t = 0; t < T; ++t) {
            const std::string at = "[" + str(t) + "]";
            if (!expect_close(c, "h" + at + " (step t takes h[t - 1], c[t - 1]; step 0 h0, c0)",
                              got.h[t], want.h[t], kTight) ||
                !expect_close(c, "c" + at, got.c[t], want.c[t], kTight))
                return;
            expect_cache(c, "caches" + at, got.caches[t], want.caches[t], kTight);
        }
    });
}

namespace {
// A long run that saturates: inputs of ±1000 push every gate's pre-activation far beyond where
// exp overflows (|a| > 710), mixed with ordinary steps.
std::vector<Matrix> saturating_inputs(Case& c, std::size_t T, std::size_t N, std::size_t D)
{
    std::vector<Matrix> xs;
    for (std::size_t t = 0; t < T; ++t) {
        const double scale = t % 3 == 0 ? 1000.0 : (t % 3 == 1 ? 30.0 : 1.0);
        xs.push_back(c.rng.matrix(N, D, -scale, scale));
    }
    return xs;
}
}  // namespace

TEST(LstmSequence, LongSequenceStaysFinite)
{
    for_each_case(2, [&](Case& c) {
        const std::size_t T = 200, N = 2, D = 2, H = 3;
        const LstmParams p = random_params(c, D, H, 2.0);
        const std::vector<Matrix> xs = saturating_inputs(c, T, N, D);
        const Matrix h0 = c.rng.matrix(N, H, -1, 1), c0 = c.rng.matrix(N, H, -2, 2);
        c.description = "T = 200, " + sizes_str(N, D, H) + ", inputs up to ±1000 (saturated gates)";
        const LstmSequence got = lstm_forward(xs, h0, c0, p);
        if (!expect_count(c, "seq.h", got.h.size(), T) ||
            !expect_count(c, "seq.c", got.c.size(), T))
            return;
        const LstmSequence want = oracle_sequence(xs, h0, c0, p);
        for (std::size_t t = 0; t < T; ++t) {
            if (!all_finite(got.h[t]) || !all_finite(got.c[t])) {
                fail(
                    c,
                    "h[" + str(t) + "] or c[" + str(t) +
                        "] holds NaN or inf: a sigmoid written exp(a)/(1 + exp(a)) gives "
                        "inf/inf for a > 710; use 1/(1 + exp(-a)) (or the stable two-branch form)");
                return;
            }
            if (!expect_close(c, "h[" + str(t) + "]", got.h[t], want.h[t], {1e-10, 1e-8}) ||
                !expect_close(c, "c[" + str(t) + "]", got.c[t], want.c[t], {1e-10, 1e-8}))
                return;
        }
        expect_reference(c, "h[T - 1]", got.h[T - 1], {1e-10, 1e-8});
    });
}

TEST(LstmSequence, BadInputsAreClearErrors)
{
    for_each_case(3, [&](Case& c) {
        const std::size_t N = c.rng.integer(1, 3), D = c.rng.integer(1, 3), H = c.rng.integer(1, 3);
        const LstmParams p = random_params(c, D, H);
        const Matrix h0 = c.rng.matrix(N, H, -1, 1), c0 = c.rng.matrix(N, H, -1, 1);
        if (c.index == 0) {
            c.description = "an empty sequence (T = 0), " + sizes_str(N, D, H);
            expect_throws<std::invalid_argument>(c, "lstm_forward({}, h0, c0, p)",
                                                 [&] { lstm_forward({}, h0, c0, p); });
            expect_no_throw(c, "a sequence of one step",
                            [&] { lstm_forward({c.rng.matrix(N, D, -1, 1)}, h0, c0, p); });
            return;
        }
        const std::size_t T = c.rng.integer(2, 5), bad_t = c.rng.integer(1, T - 1);
        std::vector<Matrix> xs;
        for (std::size_t t = 0; t < T; ++t)
            xs.push_back(c.rng.matrix(N, t == bad_t ? D + c.index : D, -1, 1));
        const std::string shape = shape_str(xs[bad_t]);
        c.description =
            "T = " + str(T) + ", " + sizes_str(N, D, H) + ", xs[" + str(bad_t) + "] " + shape;
        expect_throws<std::invalid_argument>(c, "lstm_forward with xs[" + str(bad_t) + "] " + shape,
                                             [&] { lstm_forward(xs, h0, c0, p); }, {"x", shape});
    });
}

// ---- lstm_backward ------------------------------------------------------------------------

TEST(Bptt, GradientMatchesFiniteDifferences)
{
    for_each_case(8, [&](Case& c) {
        auto s = grader::sizes(c, {{1, 5}, {1, 3}, {1, 3}, {1, 3}});  // T, N, D, H
        if (c.index >= 4 && s[1] == s[3])
            s[1] = s[3] + 1;
        const std::size_t T = s[0], N = s[1], D = s[2], H = s[3];
        const LstmParams p = random_params(c, D, H);
        std::vector<Matrix> xs, A;
        for (std::size_t t = 0; t < T; ++t)
            xs.push_back(c.rng.matrix(N, D, -2, 2));
        const bool last_only = c.index % 3 == 2;  // the loss reads only h[T - 1]
        for (std::size_t t = 0; t < T; ++t)
            A.push_back(last_only && t + 1 < T ? Matrix(xt::zeros<double>({N, H}))
                                               : c.rng.matrix(N, H, -1, 1));
        const Matrix h0 = c.rng.matrix(N, H, -1, 1), c0 = c.rng.matrix(N, H, -2, 2);
        c.description = "T = " + str(T) + ", " + sizes_str(N, D, H) +
                        ", L = sum over t of h[t]·A[t]" +
                        (last_only ? " (A[t] = 0 except the last step)" : "");
        const LstmSequence seq = oracle_sequence(xs, h0, c0, p);
        const LstmSequenceGradients g = lstm_backward(A, seq, p);
        auto loss = [&](const std::vector<Matrix>& x, const Matrix& h, const Matrix& cc,
                        const LstmParams& q) {
            const LstmSequence o = oracle_sequence(x, h, cc, q);
            double L = 0;
            for (std::size_t t = 0; t < T; ++t)
                L += dot_sum(o.h[t], A[t]);
            return L;
        };
        expect_gradient(
            c, "dh0 (carried back from step 0)", g.dh0,
            [&](const Matrix& v) { return loss(xs, v, c0, p); }, h0);
        expect_gradient(
            c, "dc0 (dc carried back through every f)", g.dc0,
            [&](const Matrix& v) { return loss(xs, h0, v, p); }, c0);
        if (!expect_count(c, "dx", g.dx.size(), T))
            return;
        for (std::size_t t = 0; t < T; ++t)
            expect_gradient(
                c, "dx[" + str(t) + "]", g.dx[t],
                [&](const Matrix& v) {
                    std::vector<Matrix> x = xs;
                    x[t] = v;
                    return loss(x, h0, c0, p);
                },
                xs[t]);
        expect_param_gradients(c, " (summed over the T steps)", g.dparams, p,
                               [&](const LstmParams& q) { return loss(xs, h0, c0, q); });
    });
}

TEST(Bptt, LongSequenceStaysFinite)
{
    for_each_case(2, [&](Case& c) {
        const std::size_t T = 200, N = 2, D = 2, H = 3;
        const LstmParams p = random_params(c, D, H, 2.0);
        const std::vector<Matrix> xs = saturating_inputs(c, T, N, D);
        const Matrix h0 = c.rng.matrix(N, H, -1, 1), c0 = c.rng.matrix(N, H, -2, 2);
        std::vector<Matrix> dh;
        for (std::size_t t = 0; t < T; ++t)
            dh.push_back(c.rng.matrix(N, H, -1, 1));
        c.description = "T = 200, " + sizes_str(N, D, H) + ", inputs up to ±1000 (saturated gates)";
        const LstmSequenceGradients g = lstm_backward(dh, oracle_sequence(xs, h0, c0, p), p);
        bool finite = all_finite(g.dh0) && all_finite(g.dc0);
        for (const auto& w : kWeights)
            finite = finite && all_finite(g.dparams.*w.member);
        for (const Matrix& d : g.dx)
            finite = finite && all_finite(d);
        if (!finite) {
            fail(c, "a gradient holds NaN or inf after 200 steps: σ' and tanh' come from the "
                    "cached outputs (s·(1 − s), 1 − t²), never from exp of the pre-activation");
            return;
        }
        expect_reference(c, "dh0", g.dh0, {1e-10, 1e-8});
        expect_reference(c, "dc0", g.dc0, {1e-10, 1e-8});
        for (const auto& w : kWeights)
            expect_reference(c, std::string("d") + w.name + " (summed over 200 steps)",
                             g.dparams.*w.member, {1e-10, 1e-8});
    });
}

TEST(Bptt, BadGradientsAreClearErrors)
{
    // 0: one dh too few; 1: one too many; 2: dh[t] of the wrong shape; 3: an empty sequence.
    for_each_case(4, [&](Case& c) {
        const std::size_t N = c.rng.integer(1, 3), D = c.rng.integer(1, 3), H = c.rng.integer(1, 3);
        const LstmParams p = random_params(c, D, H);
        const std::size_t T = c.index == 3 ? 0 : c.rng.integer(2, 5);
        std::vector<Matrix> xs, dh;
        for (std::size_t t = 0; t < T; ++t) {
            xs.push_back(c.rng.matrix(N, D, -1, 1));
            dh.push_back(c.rng.matrix(N, H, -1, 1));
        }
        const LstmSequence seq =
            oracle_sequence(xs, c.rng.matrix(N, H, -1, 1), c.rng.matrix(N, H, -1, 1), p);
        if (T > 0)
            expect_no_throw(c, "the valid call (T = " + str(T) + ", " + sizes_str(N, D, H) + ")",
                            [&] { lstm_backward(dh, seq, p); });
        std::vector<std::string> mention;
        if (c.index == 0)
            dh.pop_back();
        if (c.index == 1)
            dh.push_back(c.rng.matrix(N, H, -1, 1));
        if (c.index < 2)
            mention = {"dh", str(dh.size()), str(T)};
        if (c.index == 2) {
            const std::size_t t = c.rng.integer(0, T - 1);
            dh[t] = c.rng.matrix(N, H + 1, -1, 1);
            mention = {"dh", shape_str(dh[t])};
        }
        c.description =
            "T = " + str(T) + ", " + str(dh.size()) + " dh matrices, " + sizes_str(N, D, H);
        expect_throws<std::invalid_argument>(
            c, "lstm_backward with " + c.description, [&] { lstm_backward(dh, seq, p); }, mention);
    });
}

// ---- PyTorch goldens ----------------------------------------------------------------------

TEST(PyTorch, LstmCellForwardMatchesGoldenValues)
{
    for_each_case(1, [&](Case& c) {
        const auto j = grader::read_golden(SCRATCHNET_GRADER_DIR, "lstm_cell.json", kGoldens);
        c.description = "lstm_cell.json, nn.LSTMCell in float64 (N = 3, D = 2, H = 4)";
        const LstmStep s =
            lstm_cell_forward(grader::json_matrix(j["x"]), grader::json_matrix(j["h_prev"]),
                              grader::json_matrix(j["c_prev"]), golden_params(j["params"]));
        expect_close(c, "c against PyTorch", s.c, grader::json_matrix(j["c"]), kGolden);
        expect_close(c, "h against PyTorch", s.h, grader::json_matrix(j["h"]), kGolden);
    });
}

TEST(PyTorch, LstmCellBackwardMatchesGoldenValues)
{
    for_each_case(1, [&](Case& c) {
        const auto j = grader::read_golden(SCRATCHNET_GRADER_DIR, "lstm_cell.json", kGoldens);
        c.description = "lstm_cell.json, nn.LSTMCell in float64 (N = 3, D = 2, H = 4), "
                        "L = sum(h·A) + sum(c·B): dh = A, dc = B";
        const LstmParams p = golden_params(j["params"]);
        const LstmCache cache =
            oracle_step(grader::json_matrix(j["x"]), grader::json_matrix(j["h_prev"]),
                        grader::json_matrix(j["c_prev"]), p)
                .cache;
        const LstmCellGradients g =
            lstm_cell_backward(grader::json_matrix(j["A"]), grader::json_matrix(j["B"]), cache, p);
        expect_close(c, "dx against PyTorch", g.dx, grader::json_matrix(j["dx"]), kGolden);
        expect_close(c, "dh_prev against PyTorch", g.dh_prev, grader::json_matrix(j["dh_prev"]),
                     kGolden);
        expect_close(c, "dc_prev against PyTorch", g.dc_prev, grader::json_matrix(j["dc_prev"]),
                     kGolden);
        for (const auto& w : kWeights)
            expect_close(c, std::string("d") + w.name + " against PyTorch", g.dparams.*w.member,
                         grader::json_matrix(j["dparams"][std::string("d") + w.name]), kGolden);
        for (const auto& b : kBiases)
            expect_close(c, std::string("d") + b.name + " against PyTorch", g.dparams.*b.member,
                         grader::json_vector(j["dparams"][std::string("d") + b.name]), kGolden);
    });
}

TEST(PyTorch, LstmSequenceMatchesGoldenValues)
{
    for_each_case(1, [&](Case& c) {
        const auto j = grader::read_golden(SCRATCHNET_GRADER_DIR, "lstm_sequence.json", kGoldens);
        c.description = "lstm_sequence.json, nn.LSTMCell over T = 5 steps in float64 "
                        "(N = 2, D = 3, H = 4)";
        const LstmSequence s =
            lstm_forward(json_matrices(j["xs"]), grader::json_matrix(j["h0"]),
                         grader::json_matrix(j["c0"]), golden_params(j["params"]));
        const auto h = json_matrices(j["h"]), cs = json_matrices(j["c"]);
        if (!expect_count(c, "seq.h", s.h.size(), h.size()) ||
            !expect_count(c, "seq.c", s.c.size(), cs.size()))
            return;
        for (std::size_t t = 0; t < h.size(); ++t) {
            expect_close(c, "h[" + str(t) + "] against PyTorch", s.h[t], h[t], kGolden);
            expect_close(c, "c[" + str(t) + "] against PyTorch", s.c[t], cs[t], kGolden);
        }
    });
}

TEST(PyTorch, BpttMatchesGoldenValues)
{
    for_each_case(1, [&](Case& c) {
        const auto j = grader::read_golden(SCRATCHNET_GRADER_DIR, "lstm_sequence.json", kGoldens);
        c.description = "lstm_sequence.json, nn.LSTMCell over T = 5 steps in float64 "
                        "(N = 2, D = 3, H = 4), L = sum over t of h[t]·A[t]";
        const LstmParams p = golden_params(j["params"]);
        const LstmSequence seq = oracle_sequence(
            json_matrices(j["xs"]), grader::json_matrix(j["h0"]), grader::json_matrix(j["c0"]), p);
        const LstmSequenceGradients g = lstm_backward(json_matrices(j["A"]), seq, p);
        expect_close(c, "dh0 against PyTorch", g.dh0, grader::json_matrix(j["dh0"]), kGolden);
        expect_close(c, "dc0 against PyTorch", g.dc0, grader::json_matrix(j["dc0"]), kGolden);
        const auto dx = json_matrices(j["dx"]);
        if (expect_count(c, "dx", g.dx.size(), dx.size()))
            for (std::size_t t = 0; t < dx.size(); ++t)
                expect_close(c, "dx[" + str(t) + "] against PyTorch", g.dx[t], dx[t], kGolden);
        for (const auto& w : kWeights)
            expect_close(c, std::string("d") + w.name + " against PyTorch", g.dparams.*w.member,
                         grader::json_matrix(j["dparams"][std::string("d") + w.name]), kGolden);
        for (const auto& b : kBiases)
            expect_close(c, std::string("d") + b.name + " against PyTorch", g.dparams.*b.member,
                         grader::json_vector(j["dparams"][std::string("d") + b.name]), kGolden);
    });
}
