// Chapter 09 hidden checks. Expected values come from the checks' own oracles (each optimizer's
// recurrence, batch normalization and the modern MLP's forward pass written as plain loops
// below), from central differences of losses the checks compute with those oracles, from twin
// generators (dropout's one uniform draw per entry, row-major; modern_mlp_init's he_normal
// layer by layer), from invariants (nothing changes on an error, nothing is drawn in
// evaluation) and from PyTorch (goldens/*.json, written by tools/make_goldens.py --chapter 09
// in float64: torch.optim.SGD, Adam, AdamW, nn.BatchNorm1d and a Linear-BatchNorm-ReLU-Dropout
// model). Each check calls only the learner function it grades: the parameters, caches and
// models the others need are built by the checks themselves. BOUNDARIES.md maps every contract
// clause to its cases.
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "going_further.hpp"
#include "harness.hpp"
#include "networks.hpp"

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

const grader::ChapterSeed seed{0x09c4f1a7e2b85d36ULL};

const char* kGoldens = "/usr/bin/python3 tools/make_goldens.py --chapter 09";

const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

const grader::Tolerance kExact{0, 0};
const grader::Tolerance kTight{1e-12, 1e-10};
const grader::Tolerance kGolden{1e-12, 1e-10};

std::string str(std::size_t v) { return std::to_string(v); }

bool same(const Matrix& a, const Matrix& b) { return a.shape() == b.shape() && a == b; }
bool same(const Vector& a, const Vector& b) { return a.shape() == b.shape() && a == b; }

// The next draw of two generators agrees: a cheap test that they are at the same place.
bool in_step(Rng& a, Rng& b) { return a.uniform() == b.uniform(); }

// ---- parameters owned by the checks --------------------------------------------------------

struct Params {
    std::vector<Matrix> W;
    std::vector<Vector> b;
    ParamList list()
    {
        ParamList p;
        for (Matrix& m : W)
            p.matrices.push_back(&m);
        for (Vector& v : b)
            p.vectors.push_back(&v);
        return p;
    }
    std::string shapes() const
    {
        std::string s = "matrices";
        for (const Matrix& m : W)
            s += " " + shape_str(m);
        s += ", vectors";
        for (const Vector& v : b)
            s += " " + shape_str(v);
        return s;
    }
};

// 1 to 3 matrices and 0 to 3 vectors (case 0: one matrix alone, case 1: one 1×1 matrix).
Params random_params(Case& c)
{
    Params p;
    const std::size_t nW = c.index <= 1 ? 1 : c.rng.integer(1, 3);
    const std::size_t nb = c.index <= 1 ? 0 : c.rng.integer(0, 3);
    for (std::size_t k = 0; k < nW; ++k)
        p.W.push_back(c.index == 1 ? c.rng.matrix(1, 1, -2, 2)
                                   : c.rng.matrix(c.rng.integer(1, 4), c.rng.integer(1, 4), -2, 2));
    for (std::size_t k = 0; k < nb; ++k)
        p.b.push_back(c.rng.vector(c.rng.integer(1, 5), -2, 2));
    return p;
}

Gradients random_grads(Case& c, const Params& p, double scale = 3.0)
{
    Gradients g;
    for (const Matrix& m : p.W)
        g.dW.push_back(c.rng.matrix(m.shape(0), m.shape(1), -scale, scale));
    for (const Vector& v : p.b)
        g.db.push_back(c.rng.vector(v.size(), -scale, scale));
    return g;
}

// Every tensor of `got` against `want` (parameters or optimizer state).
void expect_tensors(const Case& c, const std::string& what, const std::vector<Matrix>& gotW,
                    const std::vector<Vector>& gotb, const std::vector<Matrix>& wantW,
                    const std::vector<Vector>& wantb, grader::Tolerance tol)
{
    if (!expect_count(c, what + " (matrices)", gotW.size(), wantW.size()) ||
        !expect_count(c, what + " (vectors)", gotb.size(), wantb.size()))
        return;
    for (std::size_t k = 0; k < wantW.size(); ++k)
        expect_close(c, what + " matrix " + str(k), gotW[k], wantW[k], tol);
    for (std::size_t k = 0; k < wantb.size(); ++k)
        expect_close(c, what + " vector " + str(k), gotb[k], wantb[k], tol);
}

// ---- optimizer oracles: the recurrences, entry by entry ------------------------------------

struct SgdOracle {
    SgdOptions o;
    Gradients v;
    std::size_t t = 0;
    template <class T>
    void update(T& p, const T& grad, T& vel)
    {
        for (std::size_t i = 0; i < p.size(); ++i) {
            const double g = grad.flat(i) + o.weight_decay * p.flat(i);
            vel.flat(i) = t == 0 ? g : o.momentum * vel.flat(i) + g;
            p.flat(i) -= o.lr * (o.nesterov ? g + o.momentum * vel.flat(i) : vel.flat(i));
        }
    }
    void step(Params& p, const Gradients& g)
    {
        if (t == 0)
            v = g;
        for (std::size_t k = 0; k < p.W.size(); ++k)
            update(p.W[k], g.dW[k], v.dW[k]);
        for (std::size_t k = 0; k < p.b.size(); ++k)
            update(p.b[k], g.db[k], v.db[k]);
        ++t;
    }
};

struct AdamOracle {
    AdamOptions o;
    Gradients m, v;
    std::size_t t = 0;
    template <class T>
    void update(T& p, const T& grad, T& mm, T& vv)
    {
        const double n = static_cast<double>(t + 1);
        for (std::size_t i = 0; i < p.size(); ++i) {
            double g = grad.flat(i);
            if (o.decoupled)
                p.flat(i) *= 1 - o.lr * o.weight_decay;
            else
                g += o.weight_decay * p.flat(i);
            mm.flat(i) = o.beta1 * mm.flat(i) + (1 - o.beta1) * g;
            vv.flat(i) = o.beta2 * vv.flat(i) + (1 - o.beta2) * g * g;
            const double m_hat = mm.flat(i) / (1 - std::pow(o.beta1, n));
            const double v_hat = vv.flat(i) / (1 - std::pow(o.beta2, n));
            p.flat(i) -= o.lr * m_hat / (std::sqrt(v_hat) + o.eps);
        }
    }
    void step(Params& p, const Gradients& g)
    {
        if (t == 0) {
            m = g;
            for (auto& x : m.dW)
                x.fill(0);
            for (auto& x : m.db)
                x.fill(0);
            v = m;
        }
        for (std::size_t k = 0; k < p.W.size(); ++k)
            update(p.W[k], g.dW[k], m.dW[k], v.dW[k]);
        for (std::size_t k = 0; k < p.b.size(); ++k)
            update(p.b[k], g.db[k], m.db[k], v.db[k]);
        ++t;
    }
};

std::string sgd_str(const SgdOptions& o)
{
    return "lr " + num(o.lr) + ", momentum " + num(o.momentum) + (o.nesterov ? ", nesterov" : "") +
           ", weight_decay " + num(o.weight_decay);
}

std::string adam_str(const AdamOptions& o)
{
    return std::string(o.decoupled ? "AdamW" : "Adam") + " lr " + num(o.lr) + ", beta1 " +
           num(o.beta1) + ", beta2 " + num(o.beta2) + ", eps " + num(o.eps) + ", weight_decay " +
           num(o.weight_decay);
}

// ---- batch-norm oracle ---------------------------------------------------------------------

BatchNorm random_norm(Case& c, std::size_t H)
{
    BatchNorm bn;
    bn.gamma = c.rng.vector(H, -2, 2);
    bn.beta = c.rng.vector(H, -1, 1);
    bn.running_mean = c.rng.vector(H, -1, 1);
    bn.running_var = c.rng.vector(H, 0.3, 2.5);
    bn.momentum = c.rng.uniform(0.05, 0.95);
    bn.eps = c.rng.coin() ? 1e-5 : c.rng.uniform(0.01, 0.5);
    return bn;
}

std::string norm_str(const BatchNorm& bn)
{
    return "momentum " + num(bn.momentum) + ", eps " + num(bn.eps);
}

// Columns of different scales and offsets, so that every feature has its own statistics.
Matrix batch(Case& c, std::size_t N, std::size_t H)
{
    Matrix X({N, H});
    for (std::size_t j = 0; j < H; ++j) {
        const double scale = c.rng.uniform(0.2, 4), shift = c.rng.uniform(-3, 3);
        for (std::size_t n = 0; n < N; ++n)
            X(n, j) = shift + scale * c.rng.uniform(-1, 1);
    }
    return X;
}

struct NormOracle {
    Matrix y, x_hat;
    Vector inv_std, running_mean, running_var;
};

NormOracle norm_oracle(const Matrix& X, const BatchNorm& bn, bool training)
{
    const std::size_t N = X.shape(0), H = X.shape(1);
    NormOracle o{xt::zeros<double>({N, H}), xt::zeros<double>({N, H}), xt::zeros<double>({H}),
                 bn.running_mean, bn.running_var};
    for (std::size_t j = 0; j < H; ++j) {
        double mean = bn.running_mean(j), var = bn.running_var(j);
        if (training) {
            mean = 0;
            for (std::size_t n = 0; n < N; ++n)
                mean += X(n, j);
            mean /= static_cast<double>(N);
            var = 0;
            for (std::size_t n = 0; n < N; ++n)
                var += (X(n, j) - mean) * (X(n, j) - mean);
            const double unbiased = var / static_cast<double>(N - 1);
            var /= static_cast<double>(N);
            o.running_mean(j) = (1 - bn.momentum) * bn.running_mean(j) + bn.momentum * mean;
            o.running_var(j) = (1 - bn.momentum) * bn.running_var(j) + bn.momentum * unbiased;
        }
        o.inv_std(j) = 1 / std::sqrt(var + bn.eps);
        for (std::size_t n = 0; n < N; ++n) {
            o.x_hat(n, j) = (X(n, j) - mean) * o.inv_std(j);
            o.y(n, j) = bn.gamma(j) * o.x_hat(n, j) + bn.beta(j);
        }
    }
    return o;
}

double dot_sum(const Matrix& a, const Matrix& b)
{
    double s = 0;
    for (std::size_t k = 0; k < a.size(); ++k)
        s += a.flat(k) * b.flat(k);
    return s;
}

BatchNorm norm_of(const nlohmann::json& j)
{
    BatchNorm bn;
    bn.gamma = grader::json_vector(j["gamma"]);
    bn.beta = grader::json_vector(j["beta"]);
    bn.running_mean = grader::json_vector(j["running_mean"]);
    bn.running_var = grader::json_vector(j["running_var"]);
    bn.momentum = j["momentum"];
    bn.eps = j["eps"];
    return bn;
}

// ---- the modern MLP's oracle ---------------------------------------------------------------

Matrix affine(const Matrix& A, const Matrix& W, const Vector& b)
{
    Matrix Z({A.shape(0), W.shape(1)});
    for (std::size_t n = 0; n < A.shape(0); ++n)
        for (std::size_t k = 0; k < W.shape(1); ++k) {
            double s = b(k);
            for (std::size_t j = 0; j < A.shape(1); ++j)
                s += A(n, j) * W(j, k);
            Z(n, k) = s;
        }
    return Z;
}

double mean_cross_entropy(const Matrix& S, const Labels& y)
{
    double total = 0;
    for (std::size_t n = 0; n < S.shape(0); ++n) {
        double top = S(n, 0);
        for (std::size_t k = 1; k < S.shape(1); ++k)
            top = std::max(top, S(n, k));
        double z = 0;
        for (std::size_t k = 0; k < S.shape(1); ++k)
            z += std::exp(S(n, k) - top);
        total += top + std::log(z) - S(n, y[n]);
    }
    return total / static_cast<double>(S.shape(0));
}

struct MlpOracle {
    Matrix logits;
    double loss = 0;
    std::vector<Vector> running_mean, running_var;
};

// Linear → batch norm → ReLU → × mask (none when `masks` is empty) per hidden layer, then Linear.
MlpOracle mlp_oracle(const ModernMlp& m, const Matrix& X, const Labels& y, bool training,
                     const std::vector<Matrix>& masks)
{
    MlpOracle o;
    Matrix A = X;
    const std::size_t L = m.linear.size();
    for (std::size_t k = 0; k + 1 < L; ++k) {
        const NormOracle n =
            norm_oracle(affine(A, m.linear[k].W, m.linear[k].b), m.norm[k], training);
        o.running_mean.push_back(n.running_mean);
        o.running_var.push_back(n.running_var);
        A = n.y;
        for (std::size_t i = 0; i < A.size(); ++i)
            A.flat(i) = std::max(A.flat(i), 0.0) * (masks.empty() ? 1.0 : masks[k].flat(i));
    }
    o.logits = affine(A, m.linear[L - 1].W, m.linear[L - 1].b);
    if (!y.empty())
        o.loss = mean_cross_entropy(o.logits, y);
    return o;
}

// The masks dropout draws in training, layer by layer after each ReLU: one uniform per entry,
// row-major, kept (1/(1 − p)) when the draw is ≥ p. Nothing is drawn for p = 0.
std::vector<Matrix> twin_masks(const ModernMlp& m, std::size_t N, Rng& twin)
{
    std::vector<Matrix> masks;
    if (m.dropout == 0)
        return masks;
    for (std::size_t k = 0; k + 1 < m.linear.size(); ++k) {
        Matrix mask({N, m.linear[k].W.shape(1)});
        for (std::size_t n = 0; n < N; ++n)
            for (std::size_t j = 0; j < mask.shape(1); ++j)
                mask(n, j) = twin.uniform(0.0, 1.0) >= m.dropout ? 1 / (1 - m.dropout) : 0.0;
        masks.push_back(mask);
    }
    return masks;
}

ModernMlp random_mlp(Case& c, const std::vector<std::size_t>& sizes, double dropout)
{
    ModernMlp m;
    m.dropout = dropout;
    for (std::size_t l = 0; l + 1 < sizes.size(); ++l) {
        const double w = 1.5 / std::sqrt(static_cast<double>(sizes[l]));
        const bool last = l + 2 == sizes.size();
        m.linear.push_back({c.rng.matrix(sizes[l], sizes[l + 1], -w, w),
                            c.rng.vector(sizes[l + 1], -0.5, 0.5), last ? "identity" : "relu"});
        if (!last) {
            BatchNorm bn = random_norm(c, sizes[l + 1]);
            for (auto& g : bn.gamma)
                g = c.rng.uniform(0.5, 1.5);  // positive: ReLU sees both signs
            m.norm.push_back(bn);
        }
    }
    return m;
}

std::string sizes_str(const std::vector<std::size_t>& s)
{
    std::string r;
    for (std::size_t v : s)
        r += (r.empty() ? "" : "-") + str(v);
    return r;
}

// The gradients' slots in params_of(ModernMlp)'s order.
struct Slot {
    std::string name;
    bool matrix;
    std::size_t index;  ///< into dW or db
    std::function<Matrix*(ModernMlp&)> W;
    std::function<Vector*(ModernMlp&)> v;
};

std::vector<Slot> slots(const ModernMlp& m)
{
    std::vector<Slot> s;
    const std::size_t L = m.linear.size();
    for (std::size_t k = 0; k < L; ++k)
        s.push_back({"dW[" + str(k) + "] (layer " + str(k) + "'s W)", true, k,
                     [k](ModernMlp& x) { return &x.linear[k].W; }, nullptr});
    for (std::size_t k = 0; k < L; ++k)
        s.push_back({"db[" + str(k) + "] (layer " + str(k) + "'s b)", false, k, nullptr,
                     [k](ModernMlp& x) { return &x.linear[k].b; }});
    for (std::size_t k = 0; k + 1 < L; ++k) {
        s.push_back({"db[" + str(L + 2 * k) + "] (norm " + str(k) + "'s gamma)", false, L + 2 * k,
                     nullptr, [k](ModernMlp& x) { return &x.norm[k].gamma; }});
        s.push_back({"db[" + str(L + 2 * k + 1) + "] (norm " + str(k) + "'s beta)", false,
                     L + 2 * k + 1, nullptr, [k](ModernMlp& x) { return &x.norm[k].beta; }});
    }
    return s;
}

// Every gradient against central differences of the oracle's loss (same masks, same mode).
void expect_mlp_gradients(const Case& c, const LossAndGradients& got, const ModernMlp& m,
                          const Matrix& X, const Labels& y, bool training,
                          const std::vector<Matrix>& masks)
{
    const std::size_t L = m.linear.size();
    expect_close(c, "loss (mean cross-entropy of the logits)", grader::scalar(got.loss),
                 grader::scalar(mlp_oracle(m, X, y, training, masks).loss), kTight);
    if (!expect_count(c, "grads.dW (one per linear layer)", got.grads.dW.size(), L) ||
        !expect_count(c, "grads.db (every b, then gamma and beta of every norm)",
                      got.grads.db.size(), L + 2 * (L - 1)))
        return;
    grader::GradientCheck how;
    how.tol = {1e-7, 1e-5};
    ModernMlp at = m;  // the point of the differences (never modified)
    for (const Slot& s : slots(m)) {
        ModernMlp copy = m;
        if (s.matrix)
            expect_gradient(
                c, s.name, got.grads.dW[s.index],
                [&](const Matrix& W) {
                    *s.W(copy) = W;
                    return mlp_oracle(copy, X, y, training, masks).loss;
                },
                *s.W(at), how);
        else
            expect_gradient(
                c, s.name, got.grads.db[s.index],
                [&](const Vector& v) {
                    *s.v(copy) = v;
                    return mlp_oracle(copy, X, y, training, masks).loss;
                },
                *s.v(at), how);
    }
}

void expect_norms_unchanged(const Case& c, const ModernMlp& got, const ModernMlp& before)
{
    for (std::size_t k = 0; k < before.norm.size(); ++k) {
        expect_close(c, "norm " + str(k) + " running_mean (unchanged)", got.norm[k].running_mean,
                     before.norm[k].running_mean, kExact);
        expect_close(c, "norm " + str(k) + " running_var (unchanged)", got.norm[k].running_var,
                     before.norm[k].running_var, kExact);
    }
}

void expect_model_unchanged(const Case& c, const ModernMlp& got, const ModernMlp& before)
{
    for (std::size_t k = 0; k < before.linear.size(); ++k) {
        expect_close(c, "layer " + str(k) + " W (unchanged)", got.linear[k].W, before.linear[k].W,
                     kExact);
        expect_close(c, "layer " + str(k) + " b (unchanged)", got.linear[k].b, before.linear[k].b,
                     kExact);
    }
    for (std::size_t k = 0; k < before.norm.size(); ++k) {
        expect_close(c, "norm " + str(k) + " gamma (unchanged)", got.norm[k].gamma,
                     before.norm[k].gamma, kExact);
        expect_close(c, "norm " + str(k) + " beta (unchanged)", got.norm[k].beta,
                     before.norm[k].beta, kExact);
    }
    expect_norms_unchanged(c, got, before);
}

std::vector<std::size_t> mlp_sizes(Case& c, std::size_t layers)
{
    std::vector<std::size_t> s{c.rng.integer(1, 4)};
    for (std::size_t l = 0; l < layers; ++l)
        s.push_back(c.rng.integer(l + 1 == layers ? 2 : 1, 5));
    return s;
}

}  // namespace

// ---- params_of ----------------------------------------------------------------------------

TEST(ParamList, NetworkInLayerOrder)
{
    for_each_case(4, [&](Case& c) {
        grader::NetworkShape shape;
        if (c.index == 0)
            shape.layers = {1, 1};
        Network net = grader::random_network(c, shape);
        const ParamList p = params_of(net);
        const std::size_t L = net.layers.size();
        if (!expect_count(c, "matrices", p.matrices.size(), L) ||
            !expect_count(c, "vectors", p.vectors.size(), L))
            return;
        for (std::size_t l = 0; l < L; ++l) {
            if (p.matrices[l] != &net.layers[l].W)
                fail(c, "matrices[" + str(l) + "] is not &net.layers[" + str(l) +
                            "].W (the network's own W, in layer order, not a copy)");
            if (p.vectors[l] != &net.layers[l].b)
                fail(c, "vectors[" + str(l) + "] is not &net.layers[" + str(l) + "].b");
        }
    });
}

TEST(ParamList, ModernMlpWeightsThenBiasesThenNorms)
{
    for_each_case(4, [&](Case& c) {
        const std::size_t L = c.index == 0 ? 1 : c.rng.integer(2, 4);
        const auto sizes = mlp_sizes(c, L);
        ModernMlp m = random_mlp(c, sizes, 0.0);
        c.description = "model " + sizes_str(sizes) + " (" + str(L - 1) + " batch norms)";
        const ParamList p = params_of(m);
        if (!expect_count(c, "matrices (every W)", p.matrices.size(), L) ||
            !expect_count(c, "vectors (every b, then gamma and beta of every norm)",
                          p.vectors.size(), L + 2 * (L - 1)))
            return;
        for (const Slot& s : slots(m)) {
            if (s.matrix ? p.matrices[s.index] != s.W(m) : p.vectors[s.index] != s.v(m))
                fail(c, std::string(s.matrix ? "matrices[" : "vectors[") + str(s.index) +
                            "] should point to " + s.name.substr(s.name.find('(')) +
                            "; the order is W₀…W_{L−1}, then b₀…b_{L−1}, then γ₀, β₀, γ₁, β₁, …");
        }
    });
}

// ---- SGD with momentum --------------------------------------------------------------------

TEST(Sgd, MomentumMatchesTheRecurrence)
{
    for_each_case(8, [&](Case& c) {
        SgdOptions o;
        o.lr = c.rng.uniform(0.01, 0.5);
        o.momentum = c.index == 2 ? 0.0 : c.rng.uniform(0.5, 0.99);
        o.nesterov = c.index != 2 && c.index % 2 == 1;
        o.weight_decay = c.index % 4 == 3 ? 0.0 : c.rng.uniform(0.0, 0.2);
        Params p = random_params(c), want = p;
        const std::size_t steps = c.rng.integer(2, 5);
        c.description = sgd_str(o) + ", " + p.shapes() + ", " + str(steps) + " steps";
        SgdMomentum sgd(o);
        SgdOracle oracle{o};
        for (std::size_t t = 0; t < steps; ++t) {
            const Gradients g = random_grads(c, p);
            sgd.step(p.list(), g);
            oracle.step(want, g);
            const std::string at = " after step " + str(t + 1);
            expect_tensors(c, "parameters" + at, p.W, p.b, want.W, want.b, kTight);
            expect_tensors(c, "velocity()" + at, sgd.velocity().dW, sgd.velocity().db, oracle.v.dW,
                           oracle.v.db, kTight);
            if (sgd.steps() != t + 1)
                fail(c, "steps() is " + str(sgd.steps()) + at);
        }
    });
}

TEST(Sgd, FirstVelocityIsTheGradient)
{
    for_each_case(4, [&](Case& c) {
        SgdOptions o;
        o.lr = c.rng.uniform(0.01, 0.5);
        o.momentum = c.index == 0 ? 0.99 : c.rng.uniform(0.1, 0.9);
        o.nesterov = c.index % 2 == 1;
        o.weight_decay = c.index >= 2 ? c.rng.uniform(0.01, 0.3) : 0.0;
        Params p = random_params(c), before = p;
        c.description = sgd_str(o) + ", " + p.shapes() + ", one step";
        const Gradients g = random_grads(c, p);
        SgdMomentum sgd(o);
        if (!sgd.velocity().dW.empty() || !sgd.velocity().db.empty() || sgd.steps() != 0)
            fail(c, "before the first step velocity() must be empty and steps() 0");
        sgd.step(p.list(), g);
        Gradients v = g, moved = g;
        for (std::size_t k = 0; k < g.dW.size(); ++k)
            v.dW[k] = g.dW[k] + o.weight_decay * before.W[k];
        for (std::size_t k = 0; k < g.db.size(); ++k)
            v.db[k] = g.db[k] + o.weight_decay * before.b[k];
        expect_tensors(c, "velocity() after step 1 (= g + λp, not (1 − μ)g nor μ·0 + g·lr)",
                       sgd.velocity().dW, sgd.velocity().db, v.dW, v.db, kTight);
        const double f = o.nesterov ? 1 + o.momentum : 1.0;  // g + μv with v = g
        Params want = before;
        for (std::size_t k = 0; k < g.dW.size(); ++k)
            want.W[k] -= o.lr * f * v.dW[k];
        for (std::size_t k = 0; k < g.db.size(); ++k)
            want.b[k] -= o.lr * f * v.db[k];
        expect_tensors(c,
                       std::string("parameters after step 1 (p − η") +
                           (o.nesterov ? "(1 + μ)g" : "g") + ")",
                       p.W, p.b, want.W, want.b, kTight);
    });
}

TEST(Sgd, BadOptionsAreClearErrors)
{
    struct Bad {
        const char* what;
        SgdOptions o;
        const char* name;
    };
    const SgdOptions d{0.1, 0.9, false, 0.0};
    const std::vector<Bad> bad = {
        {"lr = 0", {0.0, 0.9, false, 0}, "lr"},
        {"lr = -0.1", {-0.1, 0.9, false, 0}, "lr"},
        {"lr = NaN", {kNaN, 0.9, false, 0}, "lr"},
        {"lr = inf", {kInf, 0.9, false, 0}, "lr"},
        {"momentum = 1", {0.1, 1.0, false, 0}, "momentum"},
        {"momentum = -0.1", {0.1, -0.1, false, 0}, "momentum"},
        {"momentum = NaN", {0.1, kNaN, false, 0}, "momentum"},
        {"nesterov with momentum = 0", {0.1, 0.0, true, 0}, "nesterov"},
        {"weight_decay = -0.01", {0.1, 0.9, false, -0.01}, "weight_decay"},
        {"weight_decay = NaN", {0.1, 0.9, false, kNaN}, "weight_decay"},
        {"weight_decay = inf", {0.1, 0.9, false, kInf}, "weight_decay"},
    };
    const std::vector<std::pair<const char*, SgdOptions>> good = {
        {"momentum = 0 (plain SGD)", {0.1, 0.0, false, 0}},
        {"momentum = 0.999", {0.1, 0.999, true, 0}},
        {"weight_decay = 0", {0.1, 0.9, false, 0.0}},
        {"lr = 1e-12", {1e-12, 0.9, false, 0.0}},
        {"the defaults", d},
    };
    for_each_case(static_cast<int>(bad.size()), [&](Case& c) {
        const Bad& b = bad[c.index];
        c.description = std::string("SgdMomentum with ") + b.what;
        expect_throws<std::invalid_argument>(c, c.description, [&] { SgdMomentum sgd(b.o); },
                                             {b.name});
        const auto& g = good[c.index % good.size()];
        expect_no_throw(c, std::string("SgdMomentum with ") + g.first,
                        [&] { SgdMomentum sgd(g.second); });
    });
}

// 0: one gradient too few; 1: one too many; 2: the last dW of another shape; 3: the last db of
// another shape; 4–5: after two steps, other parameters (count, shape); 6: a bad shape after
// two steps. Nothing may change: parameters, velocity, steps.
TEST(Sgd, BadGradientsThrowAndChangeNothing)
{
    for_each_case(7, [&](Case& c) {
        SgdOptions o{c.rng.uniform(0.05, 0.3), c.rng.uniform(0.5, 0.9), c.index % 2 == 0, 0.01};
        Params p = random_params(c);
        if (p.b.empty())
            p.b.push_back(c.rng.vector(3, -1, 1));
        SgdMomentum sgd(o);
        const std::size_t warm = c.index >= 4 ? 2 : 0;
        for (std::size_t t = 0; t < warm; ++t)
            sgd.step(p.list(), random_grads(c, p));
        Params q = p;  // the parameters the bad call sees
        Gradients g = random_grads(c, p);
        std::vector<std::string> mention{"SgdMomentum"};
        std::string what;
        switch (c.index) {
        case 0:
            g.db.pop_back();
            what = "one db too few";
            break;
        case 1:
            g.dW.push_back(c.rng.matrix(2, 2, -1, 1));
            what = "one dW too many";
            break;
        case 2:
        case 6:
            g.dW.back() = c.rng.matrix(g.dW.back().shape(0) + 1, g.dW.back().shape(1), -1, 1);
            what = "the last dW " + shape_str(g.dW.back());
            mention.push_back(shape_str(g.dW.back()));
            break;
        case 3:
            g.db.back() = c.rng.vector(g.db.back().size() + 2, -1, 1);
            what = "the last db " + shape_str(g.db.back());
            mention.push_back(shape_str(g.db.back()));
            break;
        case 4:
            q.b.push_back(c.rng.vector(2, -1, 1));
            g = random_grads(c, q);
            what = "one more vector than at the first step (gradients to match)";
            break;
        case 5:
            q.W[0] = c.rng.matrix(q.W[0].shape(0) + 1, q.W[0].shape(1), -1, 1);
            g = random_grads(c, q);
            what = "matrix 0 of another shape than at the first step (gradients to match)";
            break;
        }
        c.description = sgd_str(o) + ", " + p.shapes() + ", after " + str(warm) + " steps: " + what;
        const Params before = q;
        const Gradients v = sgd.velocity();
        expect_throws<std::invalid_argument>(
            c, "step with " + what, [&] { sgd.step(q.list(), g); }, mention);
        expect_tensors(c, "parameters after the error (unchanged)", q.W, q.b, before.W, before.b,
                       kExact);
        expect_tensors(c, "velocity() after the error (unchanged)", sgd.velocity().dW,
                       sgd.velocity().db, v.dW, v.db, kExact);
        if (sgd.steps() != warm)
            fail(c,
                 "steps() is " + str(sgd.steps()) + " after the error, should stay " + str(warm));
    });
}

// ---- Adam and AdamW -----------------------------------------------------------------------

TEST(Adam, MatchesTheRecurrence)
{
    for_each_case(8, [&](Case& c) {
        AdamOptions o;
        o.lr = c.rng.uniform(0.001, 0.1);
        o.beta1 = c.index == 2 ? 0.0 : c.rng.uniform(0.5, 0.95);
        o.beta2 = c.index == 3 ? 0.0 : c.rng.uniform(0.9, 0.9999);
        o.eps = c.index == 4 ? 0.5 : std::pow(10.0, -c.rng.uniform(3, 9));
        o.decoupled = c.index % 2 == 1;
        o.weight_decay = c.index == 0 ? 0.0 : c.rng.uniform(0.01, 0.5);
        Params p = random_params(c), want = p;
        const std::size_t steps = c.rng.integer(2, 6);
        c.description = adam_str(o) + ", " + p.shapes() + ", " + str(steps) + " steps";
        Adam adam(o);
        AdamOracle oracle{o};
        for (std::size_t t = 0; t < steps; ++t) {
            const Gradients g = random_grads(c, p);
            adam.step(p.list(), g);
            oracle.step(want, g);
            const std::string at = " after step " + str(t + 1);
            expect_tensors(c, "parameters" + at, p.W, p.b, want.W, want.b, kTight);
            expect_tensors(c, "first_moment() m" + at, adam.first_moment().dW,
                           adam.first_moment().db, oracle.m.dW, oracle.m.db, kTight);
            expect_tensors(c, "second_moment() v" + at, adam.second_moment().dW,
                           adam.second_moment().db, oracle.v.dW, oracle.v.db, kTight);
            if (adam.steps() != t + 1)
                fail(c, "steps() is " + str(adam.steps()) + at);
        }
    });
}

TEST(Adam, BiasCorrectionAtTheFirstStep)
{
    for_each_case(4, [&](Case& c) {
        AdamOptions o;
        o.lr = c.rng.uniform(0.001, 0.1);
        o.beta1 = c.index == 1 ? 0.0 : c.rng.uniform(0.8, 0.99);
        o.beta2 = c.index == 2 ? 0.0 : c.rng.uniform(0.99, 0.9999);
        o.eps = 1e-8;
        o.decoupled = c.index == 3;
        Params p = random_params(c), before = p;
        c.description = adam_str(o) + ", " + p.shapes() + ", one step";
        Gradients g = random_grads(c, p);
        Adam adam(o);
        if (!adam.first_moment().dW.empty() || !adam.second_moment().dW.empty() ||
            adam.steps() != 0)
            fail(c, "before the first step the moments must be empty and steps() 0");
        adam.step(p.list(), g);
        // m̂ = g and v̂ = g² at t = 1: every entry moves by η·g/(|g| + ε), about η.
        Params want = before;
        for (std::size_t k = 0; k < g.dW.size(); ++k)
            want.W[k] -= o.lr * g.dW[k] / (xt::abs(g.dW[k]) + o.eps);
        for (std::size_t k = 0; k < g.db.size(); ++k)
            want.b[k] -= o.lr * g.db[k] / (xt::abs(g.db[k]) + o.eps);
        expect_tensors(c, "parameters after step 1 (p − η·g/(|g| + ε): m̂ = g, v̂ = g²)", p.W, p.b,
                       want.W, want.b, kTight);
        Gradients m = g, v = g;
        for (std::size_t k = 0; k < g.dW.size(); ++k) {
            m.dW[k] = (1 - o.beta1) * g.dW[k];
            v.dW[k] = (1 - o.beta2) * g.dW[k] * g.dW[k];
        }
        for (std::size_t k = 0; k < g.db.size(); ++k) {
            m.db[k] = (1 - o.beta1) * g.db[k];
            v.db[k] = (1 - o.beta2) * g.db[k] * g.db[k];
        }
        expect_tensors(c, "first_moment() after step 1 (= (1 − β₁)g, uncorrected)",
                       adam.first_moment().dW, adam.first_moment().db, m.dW, m.db, kTight);
        expect_tensors(c, "second_moment() after step 1 (= (1 − β₂)g², uncorrected)",
                       adam.second_moment().dW, adam.second_moment().db, v.dW, v.db, kTight);
    });
}

TEST(Adam, SetLrTakesEffectAndIsChecked)
{
    for_each_case(4, [&](Case& c) {
        AdamOptions o;
        o.lr = c.rng.uniform(0.001, 0.01);
        o.decoupled = c.index % 2 == 1;
        o.weight_decay = c.rng.uniform(0.0, 0.1);
        Params p = random_params(c), want = p;
        const double lr2 = o.lr * c.rng.uniform(0.1, 0.9);
        const double bad[] = {0.0, -1e-3, kNaN, kInf};
        const double b = bad[c.index];
        c.description = adam_str(o) + ", " + p.shapes() + ", two steps, set_lr(" + num(lr2) +
                        ") between them, then set_lr(" + num(b) + ")";
        Adam adam(o);
        AdamOracle oracle{o};
        Gradients g = random_grads(c, p);
        adam.step(p.list(), g);
        oracle.step(want, g);
        adam.set_lr(lr2);
        oracle.o.lr = lr2;
        if (adam.lr() != lr2)
            fail(c, "lr() is " + num(adam.lr()) + " after set_lr(" + num(lr2) + ")");
        g = random_grads(c, p);
        adam.step(p.list(), g);
        oracle.step(want, g);
        expect_tensors(c, "parameters after step 2 (taken with the new lr; m, v and t kept)", p.W,
                       p.b, want.W, want.b, kTight);
        expect_throws<std::invalid_argument>(c, "set_lr(" + num(b) + ")", [&] { adam.set_lr(b); },
                                             {"lr"});
        if (!(adam.lr() == lr2))
            fail(c, "lr() is " + num(adam.lr()) + " after the failed set_lr(" + num(b) +
                        "); it should stay " + num(lr2));
        if (adam.steps() != 2)
            fail(c, "steps() is " + str(adam.steps()) + " after set_lr; set_lr keeps t");
    });
}

TEST(Adam, BadOptionsAreClearErrors)
{
    struct Bad {
        const char* what;
        AdamOptions o;
        const char* name;
    };
    auto with = [](auto change) {
        AdamOptions o;
        change(o);
        return o;
    };
    const std::vector<Bad> bad = {
        {"lr = 0", with([](AdamOptions& o) { o.lr = 0; }), "lr"},
        {"lr = -1e-3", with([](AdamOptions& o) { o.lr = -1e-3; }), "lr"},
        {"lr = NaN", with([](AdamOptions& o) { o.lr = kNaN; }), "lr"},
        {"lr = inf", with([](AdamOptions& o) { o.lr = kInf; }), "lr"},
        {"beta1 = 1", with([](AdamOptions& o) { o.beta1 = 1; }), "beta1"},
        {"beta1 = -0.1", with([](AdamOptions& o) { o.beta1 = -0.1; }), "beta1"},
        {"beta1 = NaN", with([](AdamOptions& o) { o.beta1 = kNaN; }), "beta1"},
        {"beta2 = 1", with([](AdamOptions& o) { o.beta2 = 1; }), "beta2"},
        {"beta2 = -0.5", with([](AdamOptions& o) { o.beta2 = -0.5; }), "beta2"},
        {"eps = 0", with([](AdamOptions& o) { o.eps = 0; }), "eps"},
        {"eps = -1e-8", with([](AdamOptions& o) { o.eps = -1e-8; }), "eps"},
        {"eps = NaN", with([](AdamOptions& o) { o.eps = kNaN; }), "eps"},
        {"weight_decay = -0.01", with([](AdamOptions& o) { o.weight_decay = -0.01; }),
         "weight_decay"},
        {"weight_decay = NaN (AdamW)", with([](AdamOptions& o) {
             o.weight_decay = kNaN;
             o.decoupled = true;
         }),
         "weight_decay"},
    };
    const std::vector<std::pair<const char*, AdamOptions>> good = {
        {"beta1 = 0", with([](AdamOptions& o) { o.beta1 = 0; })},
        {"beta2 = 0", with([](AdamOptions& o) { o.beta2 = 0; })},
        {"beta1 = beta2 = 0.999999", with([](AdamOptions& o) { o.beta1 = o.beta2 = 0.999999; })},
        {"weight_decay = 0 (AdamW)", with([](AdamOptions& o) { o.decoupled = true; })},
        {"eps = 1e-300", with([](AdamOptions& o) { o.eps = 1e-300; })},
        {"the defaults", AdamOptions{}},
    };
    for_each_case(static_cast<int>(bad.size()), [&](Case& c) {
        const Bad& b = bad[c.index];
        c.description = std::string("Adam with ") + b.what;
        expect_throws<std::invalid_argument>(c, c.description, [&] { Adam adam(b.o); }, {b.name});
        const auto& g = good[c.index % good.size()];
        expect_no_throw(c, std::string("Adam with ") + g.first, [&] { Adam adam(g.second); });
    });
}

TEST(Adam, BadGradientsThrowAndChangeNothing)
{
    for_each_case(7, [&](Case& c) {
        AdamOptions o;
        o.lr = c.rng.uniform(0.01, 0.1);
        o.weight_decay = 0.05;
        o.decoupled = c.index % 2 == 1;
        Params p = random_params(c);
        if (p.b.empty())
            p.b.push_back(c.rng.vector(3, -1, 1));
        Adam adam(o);
        const std::size_t warm = c.index >= 4 ? 2 : 0;
        for (std::size_t t = 0; t < warm; ++t)
            adam.step(p.list(), random_grads(c, p));
        Params q = p;
        Gradients g = random_grads(c, p);
        std::vector<std::string> mention{"Adam"};
        std::string what;
        switch (c.index) {
        case 0:
            g.dW.pop_back();
            what = "one dW too few";
            break;
        case 1:
            g.db.push_back(c.rng.vector(2, -1, 1));
            what = "one db too many";
            break;
        case 2:
        case 6:
            g.dW.back() = c.rng.matrix(g.dW.back().shape(0), g.dW.back().shape(1) + 1, -1, 1);
            what = "the last dW " + shape_str(g.dW.back());
            mention.push_back(shape_str(g.dW.back()));
            break;
        case 3:
            g.db.back() = c.rng.vector(g.db.back().size() + 1, -1, 1);
            what = "the last db " + shape_str(g.db.back());
            mention.push_back(shape_str(g.db.back()));
            break;
        case 4:
            q.W.push_back(c.rng.matrix(2, 3, -1, 1));
            g = random_grads(c, q);
            what = "one more matrix than at the first step (gradients to match)";
            break;
        case 5:
            q.b.back() = c.rng.vector(q.b.back().size() + 1, -1, 1);
            g = random_grads(c, q);
            what = "the last vector of another shape than at the first step (gradients to match)";
            break;
        }
        c.description =
            adam_str(o) + ", " + p.shapes() + ", after " + str(warm) + " steps: " + what;
        const Params before = q;
        const Gradients m = adam.first_moment(), v = adam.second_moment();
        expect_throws<std::invalid_argument>(
            c, "step with " + what, [&] { adam.step(q.list(), g); }, mention);
        expect_tensors(c, "parameters after the error (unchanged)", q.W, q.b, before.W, before.b,
                       kExact);
        expect_tensors(c, "first_moment() after the error (unchanged)", adam.first_moment().dW,
                       adam.first_moment().db, m.dW, m.db, kExact);
        expect_tensors(c, "second_moment() after the error (unchanged)", adam.second_moment().dW,
                       adam.second_moment().db, v.dW, v.db, kExact);
        if (adam.steps() != warm)
            fail(c,
                 "steps() is " + str(adam.steps()) + " after the error, should stay " + str(warm));
    });
}

// ---- dropout ------------------------------------------------------------------------------

TEST(Dropout, KeepsAndScales)
{
    const double ps[] = {0.5, 0.999, 1e-9};
    for_each_case(8, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 6}, {1, 6}});  // N = 1, then H = 1
        const std::size_t N = s[0], H = s[1];
        const double p = c.index >= 2 && c.index < 5 ? ps[c.index - 2] : c.rng.uniform(0.1, 0.9);
        const Matrix X = c.rng.matrix(N, H, -3, 3);
        const std::uint64_t sd = c.rng.integer(0, 1u << 30);
        c.description = "X " + shape_str(X) + ", p = " + num(p) + ", Rng seed " + str(sd);
        Rng rng(sd), twin(sd);
        const DropoutForward d = dropout_forward(X, p, true, rng);
        Matrix mask({N, H});
        for (std::size_t n = 0; n < N; ++n)  // one draw per entry, row-major; kept when ≥ p
            for (std::size_t j = 0; j < H; ++j)
                mask(n, j) = twin.uniform(0.0, 1.0) >= p ? 1 / (1 - p) : 0.0;
        expect_close(c,
                     "mask (one rng.uniform(0, 1) per entry, row-major; kept = 1/(1 − p) when "
                     "the draw is ≥ p, else 0)",
                     d.mask, mask, {0, 1e-15});
        expect_close(c, "out (= X ⊙ mask)", d.out, X * mask, {0, 1e-15});
        if (!in_step(rng, twin))
            fail(c, "after dropout_forward the generator is not where N·H = " + str(N * H) +
                        " uniform draws leave it");
    });
}

TEST(Dropout, NothingDrawnWithoutDropout)
{
    for_each_case(4, [&](Case& c) {
        const std::size_t N = c.rng.integer(1, 5), H = c.rng.integer(1, 5);
        const bool training = c.index % 2 == 0;
        const double p = training ? 0.0 : (c.index == 1 ? c.rng.uniform(0.1, 0.9) : 0.0);
        const Matrix X = c.rng.matrix(N, H, -3, 3);
        const std::uint64_t sd = c.rng.integer(0, 1u << 30);
        c.description = "X " + shape_str(X) + ", p = " + num(p) +
                        (training ? ", training" : ", evaluation (training = false)");
        Rng rng(sd), twin(sd);
        const DropoutForward d = dropout_forward(X, p, training, rng);
        expect_close(c, "out (= X)", d.out, X, kExact);
        expect_close(c, "mask (all ones)", d.mask, xt::ones<double>({N, H}), kExact);
        if (!in_step(rng, twin))
            fail(c, "the generator moved: with p = 0 or in evaluation nothing is drawn");
    });
}

TEST(Dropout, BadPThrowsAndDrawsNothing)
{
    const double bad[] = {1.0, -0.1, 1.5, kNaN, kInf, -kInf};
    for_each_case(6, [&](Case& c) {
        const double p = bad[c.index];
        const Matrix X = c.rng.matrix(c.rng.integer(1, 4), c.rng.integer(1, 4), -1, 1);
        c.description = "dropout_forward(X " + shape_str(X) + ", p = " + num(p) + ")";
        Rng rng(7), twin(7);
        expect_throws<std::invalid_argument>(c, c.description + " in training",
                                             [&] { dropout_forward(X, p, true, rng); },
                                             {"dropout_forward"});
        expect_throws<std::invalid_argument>(c, c.description + " in evaluation",
                                             [&] { dropout_forward(X, p, false, rng); },
                                             {"dropout_forward"});
        if (!in_step(rng, twin))
            fail(c, "the generator moved: check p before drawing");
        Rng ok(3);
        expect_no_throw(c, "p = 0", [&] { dropout_forward(X, 0.0, true, ok); });
    });
}

TEST(DropoutBackward, MultipliesByTheMask)
{
    for_each_case(5, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 6}, {1, 6}});
        const std::size_t N = s[0], H = s[1];
        const double p = c.rng.uniform(0.1, 0.9);
        Matrix mask({N, H});
        for (auto& m : mask)
            m = c.rng.coin(p) ? 0.0 : 1 / (1 - p);
        const Matrix dout = c.rng.matrix(N, H, -2, 2);
        c.description = "dout " + shape_str(dout) + ", mask with p = " + num(p);
        expect_close(c, "dX (= dout ⊙ mask)", dropout_backward(dout, mask), dout * mask, kExact);
        if (c.index >= 3) {
            const Matrix bad = c.rng.matrix(N + (c.index == 3), H + (c.index == 4), -1, 1);
            expect_throws<std::invalid_argument>(
                c, "dropout_backward(dout " + shape_str(dout) + ", mask " + shape_str(bad) + ")",
                [&] { dropout_backward(dout, bad); }, {"dropout_backward"});
        }
    });
}

// ---- batch normalization ------------------------------------------------------------------

TEST(BatchNormInit, PyTorchDefaults)
{
    for_each_case(4, [&](Case& c) {
        const std::size_t H = c.index == 0 ? 1 : c.rng.integer(2, 20);
        c.description = "batchnorm_init(" + str(H) + ")";
        const BatchNorm bn = batchnorm_init(H);
        expect_close(c, "gamma (ones)", bn.gamma, xt::ones<double>({H}), kExact);
        expect_close(c, "beta (zeros)", bn.beta, xt::zeros<double>({H}), kExact);
        expect_close(c, "running_mean (zeros)", bn.running_mean, xt::zeros<double>({H}), kExact);
        expect_close(c, "running_var (ones)", bn.running_var, xt::ones<double>({H}), kExact);
        expect_close(c, "momentum (0.1)", grader::scalar(bn.momentum), grader::scalar(0.1), kExact);
        expect_close(c, "eps (1e-5)", grader::scalar(bn.eps), grader::scalar(1e-5), kExact);
        if (c.index == 3)
            expect_throws<std::invalid_argument>(c, "batchnorm_init(0)", [&] { batchnorm_init(0); },
                                                 {"batchnorm_init"});
    });
}

TEST(BatchNorm, TrainingNormalizesTheBatch)
{
    for_each_case(7, [&](Case& c) {
        const auto s = grader::sizes(c, {{2, 7}, {1, 5}});  // N = 2, then H = 1
        const std::size_t N = s[0], H = s[1];
        BatchNorm bn = random_norm(c, H);
        const Matrix X = batch(c, N, H);
        c.description = "X " + shape_str(X) + ", " + norm_str(bn);
        const NormOracle want = norm_oracle(X, bn, true);
        const BatchNormForward f = batchnorm_forward(X, bn, true);
        expect_close(c, "y (= γ x̂ + β, batch mean and biased variance ÷ N)", f.y, want.y, kTight);
        expect_close(c, "cache.x_hat", f.cache.x_hat, want.x_hat, kTight);
        expect_close(c, "cache.inv_std (1/√(σ² + ε), σ² ÷ N)", f.cache.inv_std, want.inv_std,
                     kTight);
        if (!f.cache.training)
            fail(c, "cache.training is false after a training forward");
    });
}

TEST(BatchNorm, TrainingUpdatesRunningStatistics)
{
    for_each_case(6, [&](Case& c) {
        const std::size_t N = c.index == 0 ? 2 : c.rng.integer(2, 8), H = c.rng.integer(1, 5);
        BatchNorm bn = random_norm(c, H);
        if (c.index == 1)
            bn.momentum = 1.0;  // the running statistics become the batch's
        const Matrix X = batch(c, N, H);
        const std::size_t steps = c.index >= 4 ? 3 : 1;
        c.description =
            "X " + shape_str(X) + ", " + norm_str(bn) + ", " + str(steps) + " forward passes";
        BatchNorm want = bn;
        for (std::size_t t = 0; t < steps; ++t) {
            const Matrix Xt = t == 0 ? X : batch(c, N, H);
            const NormOracle o = norm_oracle(Xt, want, true);
            want.running_mean = o.running_mean;
            want.running_var = o.running_var;
            batchnorm_forward(Xt, bn, true);
        }
        expect_close(c, "running_mean ((1 − momentum)·running + momentum·batch mean)",
                     bn.running_mean, want.running_mean, kTight);
        expect_close(c,
                     "running_var ((1 − momentum)·running + momentum·unbiased variance ÷ (N − 1))",
                     bn.running_var, want.running_var, kTight);
        expect_close(c, "gamma (unchanged)", bn.gamma, want.gamma, kExact);
        expect_close(c, "beta (unchanged)", bn.beta, want.beta, kExact);
    });
}

TEST(BatchNorm, EvaluationUsesRunningStatisticsAndChangesNothing)
{
    for_each_case(5, [&](Case& c) {
        const std::size_t N = c.index == 0 ? 1 : c.rng.integer(2, 7), H = c.rng.integer(1, 5);
        BatchNorm bn = random_norm(c, H);
        const BatchNorm before = bn;
        const Matrix X = batch(c, N, H);
        c.description = "X " + shape_str(X) + " (evaluation), " + norm_str(bn);
        const NormOracle want = norm_oracle(X, bn, false);
        const BatchNormForward f = batchnorm_forward(X, bn, false);
        expect_close(c, "y (= γ (x − running_mean)/√(running_var + ε) + β)", f.y, want.y, kTight);
        expect_close(c, "cache.x_hat", f.cache.x_hat, want.x_hat, kTight);
        expect_close(c, "cache.inv_std (from running_var)", f.cache.inv_std, want.inv_std, kTight);
        if (f.cache.training)
            fail(c, "cache.training is true after an evaluation forward");
        expect_close(c, "running_mean (unchanged in evaluation)", bn.running_mean,
                     before.running_mean, kExact);
        expect_close(c, "running_var (unchanged in evaluation)", bn.running_var, before.running_var,
                     kExact);
    });
}

TEST(BatchNorm, BadInputsThrowAndChangeNothing)
{
    // 0: training with N = 1; 1: X with a column too many; 2: a column too few (evaluation).
    for_each_case(3, [&](Case& c) {
        const std::size_t H = c.rng.integer(2, 5);
        BatchNorm bn = random_norm(c, H);
        const BatchNorm before = bn;
        const Matrix X = c.index == 0   ? batch(c, 1, H)
                         : c.index == 1 ? batch(c, 3, H + 1)
                                        : batch(c, 3, H - 1);
        const bool training = c.index != 2;
        c.description = "X " + shape_str(X) + " for " + str(H) + " features, " +
                        (training ? "training" : "evaluation");
        expect_throws<std::invalid_argument>(c, c.description,
                                             [&] { batchnorm_forward(X, bn, training); },
                                             {"batchnorm_forward", shape_str(X)});
        expect_close(c, "running_mean after the error (unchanged)", bn.running_mean,
                     before.running_mean, kExact);
        expect_close(c, "running_var after the error (unchanged)", bn.running_var,
                     before.running_var, kExact);
        if (c.index == 0) {
            BatchNorm ok = before;
            expect_no_throw(c, "the same X " + shape_str(X) + " in evaluation",
                            [&] { batchnorm_forward(X, ok, false); });
        }
    });
}

namespace {

// batchnorm_backward's three gradients for L = sum(y ⊙ A) (so dY = A), each against central
// differences of the oracle's forward in the same mode.
void expect_norm_gradients(Case& c, const Matrix& X, const BatchNorm& bn, const Matrix& A,
                           bool training, const std::string& dX_what)
{
    const NormOracle o = norm_oracle(X, bn, training);
    const BatchNormGradients g =
        batchnorm_backward(A, BatchNormCache{o.x_hat, o.inv_std, training}, bn);
    const auto loss_with = [&](const BatchNorm& b) {
        return dot_sum(norm_oracle(X, b, training).y, A);
    };
    expect_gradient(
        c, dX_what, g.dX,
        [&](const Matrix& x) { return dot_sum(norm_oracle(x, bn, training).y, A); }, X);
    expect_gradient(
        c, "dgamma (Σ_rows dY ⊙ x̂)", g.dgamma,
        [&](const Vector& v) {
            BatchNorm b = bn;
            b.gamma = v;
            return loss_with(b);
        },
        bn.gamma);
    expect_gradient(
        c, "dbeta (Σ_rows dY)", g.dbeta,
        [&](const Vector& v) {
            BatchNorm b = bn;
            b.beta = v;
            return loss_with(b);
        },
        bn.beta);
}

}  // namespace

TEST(BatchNormBackward, GradientMatchesFiniteDifferences)
{
    for_each_case(7, [&](Case& c) {
        const auto s = grader::sizes(c, {{2, 6}, {1, 4}});  // N = 2, then H = 1
        const std::size_t N = s[0], H = s[1];
        const BatchNorm bn = random_norm(c, H);
        const Matrix X = batch(c, N, H), A = c.rng.matrix(N, H, -1, 1);
        c.description =
            "X " + shape_str(X) + " (training), " + norm_str(bn) + ", L = sum(y ⊙ A): dY = A";
        expect_norm_gradients(c, X, bn, A, true,
                              "dX (through x̂, μ and σ²: the batch statistics depend on every row)");
    });
}

TEST(BatchNormBackward, EvaluationTreatsStatisticsAsConstants)
{
    for_each_case(5, [&](Case& c) {
        const std::size_t N = c.index == 0 ? 1 : c.rng.integer(2, 6), H = c.rng.integer(1, 4);
        const BatchNorm bn = random_norm(c, H);
        const Matrix X = batch(c, N, H), A = c.rng.matrix(N, H, -1, 1);
        c.description =
            "X " + shape_str(X) + " (evaluation), " + norm_str(bn) + ", L = sum(y ⊙ A): dY = A";
        expect_norm_gradients(c, X, bn, A, false,
                              "dX (= dY ⊙ γ·inv_std: the running statistics are constants)");
    });
}

TEST(BatchNormBackward, BadShapesAreClearErrors)
{
    // 0: dY with a row too many; 1: a column too many; 2: gamma of another size.
    for_each_case(3, [&](Case& c) {
        const std::size_t N = c.rng.integer(2, 5), H = c.rng.integer(2, 4);
        BatchNorm bn = random_norm(c, H);
        const NormOracle o = norm_oracle(batch(c, N, H), bn, true);
        const BatchNormCache cache{o.x_hat, o.inv_std, true};
        Matrix dY = c.rng.matrix(N + (c.index == 0), H + (c.index == 1), -1, 1);
        std::vector<std::string> mention{"batchnorm_backward"};
        if (c.index == 2) {
            bn.gamma = c.rng.vector(H + 1, -1, 1);
            mention.push_back("gamma");
        } else {
            mention.push_back(shape_str(dY));
        }
        c.description = "x_hat " + shape_str(o.x_hat) + ", dY " + shape_str(dY) + ", gamma " +
                        shape_str(bn.gamma);
        expect_throws<std::invalid_argument>(
            c, "batchnorm_backward with " + c.description,
            [&] { batchnorm_backward(dY, cache, bn); }, mention);
    });
}

// ---- the modern MLP -----------------------------------------------------------------------

TEST(ModernMlp, InitFollowsTheDrawOrder)
{
    for_each_case(5, [&](Case& c) {
        const std::size_t L = c.index == 0 ? 1 : c.rng.integer(2, 4);
        std::vector<std::size_t> sizes;
        for (std::size_t l = 0; l <= L; ++l)
            sizes.push_back(c.index == 1 ? 1 : c.rng.integer(1, 7));
        const double p = c.index == 2 ? 0.0 : c.rng.uniform(0.0, 0.9);
        const std::uint64_t sd = c.rng.integer(0, 1u << 30);
        c.description =
            "sizes " + sizes_str(sizes) + ", dropout " + num(p) + ", Rng seed " + str(sd);
        Rng rng(sd), twin(sd);
        const ModernMlp m = modern_mlp_init(sizes, p, rng);
        if (!expect_count(c, "linear (one per pair of sizes)", m.linear.size(), L) ||
            !expect_count(c, "norm (one per hidden layer)", m.norm.size(), L - 1))
            return;
        for (std::size_t l = 0; l < L; ++l) {
            const Matrix W = twin.normal(sizes[l], sizes[l + 1], 0.0,
                                         std::sqrt(2.0 / static_cast<double>(sizes[l])));
            expect_close(c,
                         "layer " + str(l) +
                             " W (he_normal(sizes[l], sizes[l + 1], rng), "
                             "drawn layer by layer)",
                         m.linear[l].W, W, {1e-15, 1e-14});
            expect_close(c, "layer " + str(l) + " b (zeros)", m.linear[l].b,
                         xt::zeros<double>({sizes[l + 1]}), kExact);
        }
        for (std::size_t k = 0; k + 1 < L; ++k) {
            const std::size_t H = sizes[k + 1];
            const BatchNorm& bn = m.norm[k];
            expect_close(c, "norm " + str(k) + " gamma (ones)", bn.gamma, xt::ones<double>({H}),
                         kExact);
            expect_close(c, "norm " + str(k) + " beta (zeros)", bn.beta, xt::zeros<double>({H}),
                         kExact);
            expect_close(c, "norm " + str(k) + " running_mean", bn.running_mean,
                         xt::zeros<double>({H}), kExact);
            expect_close(c, "norm " + str(k) + " running_var", bn.running_var,
                         xt::ones<double>({H}), kExact);
            if (bn.momentum != 0.1 || bn.eps != 1e-5)
                fail(c, "norm " + str(k) + " has momentum " + num(bn.momentum) + ", eps " +
                            num(bn.eps) + " (PyTorch's defaults: 0.1, 1e-5)");
        }
        if (m.dropout != p)
            fail(c, "dropout is " + num(m.dropout) + ", given " + num(p));
        if (!in_step(rng, twin))
            fail(c, "after modern_mlp_init the generator is not where the weights' normal "
                    "draws leave it");
    });
}

TEST(ModernMlp, InitBadArgumentsDrawNothing)
{
    struct Bad {
        std::vector<std::size_t> sizes;
        double p;
        const char* what;
    };
    const std::vector<Bad> bad = {{{}, 0.5, "no sizes"},
                                  {{5}, 0.5, "one size"},
                                  {{4, 0, 3}, 0.5, "a hidden size 0"},
                                  {{0, 3}, 0.5, "input size 0"},
                                  {{4, 3}, 1.0, "dropout 1"},
                                  {{4, 3, 2}, -0.1, "dropout -0.1"},
                                  {{4, 3, 2}, kNaN, "dropout NaN"}};
    for_each_case(static_cast<int>(bad.size()), [&](Case& c) {
        const Bad& b = bad[c.index];
        c.description = std::string("modern_mlp_init with ") + b.what + " (sizes " +
                        sizes_str(b.sizes) + ", dropout " + num(b.p) + ")";
        Rng rng(11), twin(11);
        expect_throws<std::invalid_argument>(
            c, c.description, [&] { modern_mlp_init(b.sizes, b.p, rng); }, {"modern_mlp_init"});
        if (!in_step(rng, twin))
            fail(c, "the generator moved: check every argument before drawing");
        Rng ok(5);
        expect_no_throw(c, "sizes {1, 1}, dropout 0", [&] { modern_mlp_init({1, 1}, 0.0, ok); });
    });
}

TEST(ModernMlp, GradientMatchesFiniteDifferences)
{
    for_each_case(6, [&](Case& c) {
        const std::size_t L = c.index == 0 ? 1 : c.rng.integer(2, 3);
        const auto sizes = mlp_sizes(c, L);
        ModernMlp m = random_mlp(c, sizes, 0.0);
        const std::size_t N = c.index == 1 ? 2 : c.rng.integer(3, 7);
        const Matrix X = c.rng.matrix(N, sizes[0], -2, 2);
        const Labels y = grader::random_labels(c, N, sizes.back());
        c.description = "model " + sizes_str(sizes) + " (training, dropout 0), X " + shape_str(X);
        const ModernMlp before = m;
        const MlpOracle o = mlp_oracle(before, X, y, true, {});
        Rng rng(1), twin(1);
        const LossAndGradients got = modern_mlp_loss_and_gradients(m, X, y, true, rng);
        expect_mlp_gradients(c, got, before, X, y, true, {});
        for (std::size_t k = 0; k + 1 < L; ++k) {
            expect_close(c, "norm " + str(k) + " running_mean (moved towards the batch's)",
                         m.norm[k].running_mean, o.running_mean[k], kTight);
            expect_close(c, "norm " + str(k) + " running_var (moved towards the unbiased one)",
                         m.norm[k].running_var, o.running_var[k], kTight);
        }
        if (!in_step(rng, twin))
            fail(c, "the generator moved with dropout 0");
    });
}

TEST(ModernMlp, DropoutMasksFollowTheDrawOrder)
{
    for_each_case(4, [&](Case& c) {
        const std::size_t L = c.rng.integer(2, 3);
        const auto sizes = mlp_sizes(c, L);
        const double p = c.index == 0 ? 0.9 : c.rng.uniform(0.1, 0.6);
        ModernMlp m = random_mlp(c, sizes, p);
        const std::size_t N = c.rng.integer(3, 6);
        const Matrix X = c.rng.matrix(N, sizes[0], -2, 2);
        const Labels y = grader::random_labels(c, N, sizes.back());
        const std::uint64_t sd = c.rng.integer(0, 1u << 30);
        c.description = "model " + sizes_str(sizes) + " (training, dropout " + num(p) + "), X " +
                        shape_str(X) + ", Rng seed " + str(sd);
        const ModernMlp before = m;
        Rng rng(sd), twin(sd);
        const std::vector<Matrix> masks = twin_masks(before, N, twin);
        const LossAndGradients got = modern_mlp_loss_and_gradients(m, X, y, true, rng);
        expect_mlp_gradients(c, got, before, X, y, true, masks);
        if (!in_step(rng, twin))
            fail(c, "the generator is not where one draw per entry of every hidden layer's "
                    "output leaves it");
    });
}

TEST(ModernMlp, EvaluationDrawsAndUpdatesNothing)
{
    for_each_case(4, [&](Case& c) {
        const std::size_t L = c.index == 0 ? 1 : c.rng.integer(2, 3);
        const auto sizes = mlp_sizes(c, L);
        ModernMlp m = random_mlp(c, sizes, c.index == 3 ? 0.0 : c.rng.uniform(0.2, 0.7));
        const std::size_t N = c.index == 1 ? 1 : c.rng.integer(2, 6);
        const Matrix X = c.rng.matrix(N, sizes[0], -2, 2);
        const Labels y = grader::random_labels(c, N, sizes.back());
        c.description = "model " + sizes_str(sizes) + " (evaluation, dropout " + num(m.dropout) +
                        "), X " + shape_str(X);
        const ModernMlp before = m;
        Rng rng(9), twin(9);
        const LossAndGradients got = modern_mlp_loss_and_gradients(m, X, y, false, rng);
        expect_mlp_gradients(c, got, before, X, y, false, {});
        expect_model_unchanged(c, m, before);
        if (!in_step(rng, twin))
            fail(c, "the generator moved: evaluation draws no dropout");
    });
}

TEST(ModernMlp, LogitsInEvaluationChangeNothing)
{
    for_each_case(4, [&](Case& c) {
        const std::size_t L = c.index == 0 ? 1 : c.rng.integer(2, 4);
        const auto sizes = mlp_sizes(c, L);
        const ModernMlp m = random_mlp(c, sizes, c.rng.uniform(0.0, 0.7));
        const std::size_t N = c.index == 1 ? 1 : c.rng.integer(2, 6);
        const Matrix X = c.rng.matrix(N, sizes[0], -2, 2);
        c.description = "model " + sizes_str(sizes) + ", X " + shape_str(X);
        const ModernMlp before = m;
        const Matrix logits = modern_mlp_logits(m, X);
        expect_close(c, "logits (running statistics, no dropout)", logits,
                     mlp_oracle(before, X, {}, false, {}).logits, kTight);
        expect_model_unchanged(c, m, before);
    });
}

// ---- PyTorch goldens ----------------------------------------------------------------------

namespace {

Params golden_params(const nlohmann::json& run)
{
    return Params{{grader::json_matrix(run["W"])}, {grader::json_vector(run["b"])}};
}

Gradients golden_grads(const nlohmann::json& g)
{
    return Gradients{{grader::json_matrix(g["dW"])}, {grader::json_vector(g["db"])}};
}

void expect_golden_state(const Case& c, const std::string& what, const Gradients& got,
                         const nlohmann::json& after, const std::string& key)
{
    if (!expect_count(c, what + " (matrices)", got.dW.size(), 1) ||
        !expect_count(c, what + " (vectors)", got.db.size(), 1))
        return;
    expect_close(c, what + " of W against PyTorch", got.dW[0],
                 grader::json_matrix(after[key + "W"]), kGolden);
    expect_close(c, what + " of b against PyTorch", got.db[0],
                 grader::json_vector(after[key + "b"]), kGolden);
}

void adam_golden(Case& c, const char* run_name)
{
    {
        const auto j = grader::read_golden(SCRATCHNET_GRADER_DIR, "adam.json", kGoldens);
        const auto& run = j["runs"][run_name];
        AdamOptions o;
        o.lr = run["options"]["lr"];
        o.beta1 = run["options"]["beta1"];
        o.beta2 = run["options"]["beta2"];
        o.eps = run["options"]["eps"];
        o.weight_decay = run["options"]["weight_decay"];
        o.decoupled = run["options"]["decoupled"];
        c.description = std::string("adam.json, run \"") + run_name + "\": " + adam_str(o) +
                        ", W (3, 4) and b (4), 4 steps (torch.optim." +
                        (o.decoupled ? "AdamW" : "Adam") + ", float64)";
        Params p = golden_params(run);
        Adam adam(o);
        for (std::size_t t = 0; t < run["grads"].size(); ++t) {
            adam.step(p.list(), golden_grads(run["grads"][t]));
            const auto& after = run["after"][t];
            const std::string at = " after step " + str(t + 1);
            expect_close(c, "W" + at + " against PyTorch", p.W[0], grader::json_matrix(after["W"]),
                         kGolden);
            expect_close(c, "b" + at + " against PyTorch", p.b[0], grader::json_vector(after["b"]),
                         kGolden);
            expect_golden_state(c, "first_moment()" + at + " (exp_avg)", adam.first_moment(), after,
                                "m");
            expect_golden_state(c, "second_moment()" + at + " (exp_avg_sq)", adam.second_moment(),
                                after, "v");
        }
    }
}

}  // namespace

TEST(PyTorch, SgdMatchesGoldenValues)
{
    for_each_case(2, [&](Case& c) {
        const auto j = grader::read_golden(SCRATCHNET_GRADER_DIR, "sgd.json", kGoldens);
        const auto& run = j["runs"][c.index == 0 ? "momentum" : "nesterov"];
        SgdOptions o;
        o.lr = run["options"]["lr"];
        o.momentum = run["options"]["momentum"];
        o.nesterov = run["options"]["nesterov"];
        o.weight_decay = run["options"]["weight_decay"];
        c.description =
            "sgd.json: " + sgd_str(o) + ", W (3, 4) and b (4), 4 steps (torch.optim.SGD, float64)";
        Params p = golden_params(run);
        SgdMomentum sgd(o);
        for (std::size_t t = 0; t < run["grads"].size(); ++t) {
            sgd.step(p.list(), golden_grads(run["grads"][t]));
            const auto& after = run["after"][t];
            const std::string at = " after step " + str(t + 1);
            expect_close(c, "W" + at + " against PyTorch", p.W[0], grader::json_matrix(after["W"]),
                         kGolden);
            expect_close(c, "b" + at + " against PyTorch", p.b[0], grader::json_vector(after["b"]),
                         kGolden);
            expect_golden_state(c, "velocity()" + at + " (momentum_buffer)", sgd.velocity(), after,
                                "v");
        }
    });
}

TEST(PyTorch, AdamMatchesGoldenValues)
{
    // 0: one step alone, then 4 steps without weight decay; 1: with L2 (λp added to g).
    for_each_case(2, [&](Case& c) { adam_golden(c, c.index == 0 ? "adam" : "adam_l2"); });
}

TEST(PyTorch, AdamWMatchesGoldenValues)
{
    for_each_case(1, [&](Case& c) { adam_golden(c, "adamw"); });
}

TEST(PyTorch, BatchNormForwardMatchesGoldenValues)
{
    for_each_case(2, [&](Case& c) {
        const auto j = grader::read_golden(SCRATCHNET_GRADER_DIR, "batchnorm.json", kGoldens);
        const bool training = c.index == 0;
        const auto& g = j[training ? "training" : "evaluation"];
        BatchNorm bn = norm_of(g);
        const Matrix X = grader::json_matrix(g["X"]);
        c.description = "batchnorm.json, nn.BatchNorm1d in float64, X " + shape_str(X) +
                        (training ? ", training" : ", evaluation");
        const BatchNormForward f = batchnorm_forward(X, bn, training);
        expect_close(c, "y against PyTorch", f.y, grader::json_matrix(g["y"]), kGolden);
        expect_close(c, "running_mean against PyTorch", bn.running_mean,
                     grader::json_vector(g["running_mean_after"]), kGolden);
        expect_close(c, "running_var against PyTorch (unbiased batch variance)", bn.running_var,
                     grader::json_vector(g["running_var_after"]), kGolden);
    });
}

TEST(PyTorch, BatchNormBackwardMatchesGoldenValues)
{
    for_each_case(2, [&](Case& c) {
        const auto j = grader::read_golden(SCRATCHNET_GRADER_DIR, "batchnorm.json", kGoldens);
        const bool training = c.index == 0;
        const auto& g = j[training ? "training" : "evaluation"];
        const BatchNorm bn = norm_of(g);
        const Matrix X = grader::json_matrix(g["X"]);
        c.description = "batchnorm.json, nn.BatchNorm1d in float64, X " + shape_str(X) +
                        (training ? ", training" : ", evaluation") + ", L = sum(y ⊙ dY)";
        const NormOracle o = norm_oracle(X, bn, training);
        const BatchNormGradients got = batchnorm_backward(
            grader::json_matrix(g["dY"]), BatchNormCache{o.x_hat, o.inv_std, training}, bn);
        expect_close(c, "dX against PyTorch", got.dX, grader::json_matrix(g["dX"]), kGolden);
        expect_close(c, "dgamma against PyTorch", got.dgamma, grader::json_vector(g["dgamma"]),
                     kGolden);
        expect_close(c, "dbeta against PyTorch", got.dbeta, grader::json_vector(g["dbeta"]),
                     kGolden);
    });
}

TEST(PyTorch, ModernMlpStepMatchesGoldenValues)
{
    for_each_case(1, [&](Case& c) {
        const auto j = grader::read_golden(SCRATCHNET_GRADER_DIR, "modern_mlp.json", kGoldens);
        ModernMlp m;
        m.dropout = 0.0;
        const std::size_t L = j["W"].size();
        for (std::size_t k = 0; k < L; ++k)
            m.linear.push_back({grader::json_matrix(j["W"][k]), grader::json_vector(j["b"][k]),
                                k + 1 < L ? "relu" : "identity"});
        for (std::size_t k = 0; k + 1 < L; ++k) {
            BatchNorm bn;
            bn.gamma = grader::json_vector(j["gamma"][k]);
            bn.beta = grader::json_vector(j["beta"][k]);
            bn.running_mean = xt::zeros<double>({bn.gamma.size()});
            bn.running_var = xt::ones<double>({bn.gamma.size()});
            m.norm.push_back(bn);
        }
        const Matrix X = grader::json_matrix(j["X"]);
        const Labels y = grader::json_labels(j["y"]);
        c.description = "modern_mlp.json: 4-6-5-3, Linear-BatchNorm1d-ReLU-Dropout(0) twice, "
                        "then Linear; training, X " +
                        shape_str(X) + ", mean cross-entropy (PyTorch, float64)";
        Rng rng(1);
        const LossAndGradients got = modern_mlp_loss_and_gradients(m, X, y, true, rng);
        expect_close(c, "loss against PyTorch", grader::scalar(got.loss),
                     grader::scalar(j["loss"].get<double>()), kGolden);
        if (!expect_count(c, "grads.dW", got.grads.dW.size(), L) ||
            !expect_count(c, "grads.db (every b, then gamma and beta of every norm)",
                          got.grads.db.size(), L + 2 * (L - 1)))
            return;
        for (std::size_t k = 0; k < L; ++k) {
            expect_close(c, "dW[" + str(k) + "] against PyTorch", got.grads.dW[k],
                         grader::json_matrix(j["dW"][k]), kGolden);
            expect_close(c, "db[" + str(k) + "] (layer " + str(k) + "'s b) against PyTorch",
                         got.grads.db[k], grader::json_vector(j["db"][k]), kGolden);
        }
        for (std::size_t k = 0; k + 1 < L; ++k) {
            expect_close(c,
                         "db[" + str(L + 2 * k) + "] (norm " + str(k) +
                             "'s gamma) against "
                             "PyTorch",
                         got.grads.db[L + 2 * k], grader::json_vector(j["dgamma"][k]), kGolden);
            expect_close(c,
                         "db[" + str(L + 2 * k + 1) + "] (norm " + str(k) +
                             "'s beta) "
                             "against PyTorch",
                         got.grads.db[L + 2 * k + 1], grader::json_vector(j["dbeta"][k]), kGolden);
            expect_close(c, "norm " + str(k) + " running_mean against PyTorch",
                         m.norm[k].running_mean, grader::json_vector(j["running_mean"][k]),
                         kGolden);
            expect_close(c, "norm " + str(k) + " running_var against PyTorch",
                         m.norm[k].running_var, grader::json_vector(j["running_var"][k]), kGolden);
        }
    });
}
