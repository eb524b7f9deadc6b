// Drill simple-nn-xor: its own hidden checks (SimpleNnDrill.*). Expected values come from the
// checks' own oracles (plain loops: a stable sigmoid, the mean binary cross-entropy from the
// logits), from central differences of that loss, from the documented draw order, and — for the
// whole run — from the checks' own training loop in plain arithmetic. No reference record:
// nothing here uses expect_reference.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <xtensor/xview.hpp>

#include "harness.hpp"
#include "simple_nn.hpp"

using namespace scratchnet;
using drill::SimpleNN;
using grader::Case;
using grader::expect_close;
using grader::for_each_case;

namespace {

const grader::ChapterSeed seed{0x51e9a7c03b6d2f48ULL};

// ---- the checks' own oracles ----------------------------------------------------------------

double oracle_sigmoid(double z)
{
    const double e = std::exp(-std::abs(z));
    return z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
}

// log(1 + e^z), stable.
double softplus(double z) { return std::max(z, 0.0) + std::log1p(std::exp(-std::abs(z))); }

struct Params {
    Matrix W1;
    Vector b1;
    Matrix W2;
    Vector b2;
};

Params params_of(const SimpleNN& net) { return {net.W1, net.b1, net.W2, net.b2}; }

SimpleNN net_of(const Params& p)
{
    SimpleNN net;
    net.W1 = p.W1;
    net.b1 = p.b1;
    net.W2 = p.W2;
    net.b2 = p.b2;
    return net;
}

// sigma(A W + b) row by row, or A W + b itself when squash is false.
Matrix layer(const Matrix& A, const Matrix& W, const Vector& b, bool squash)
{
    Matrix Z = xt::zeros<double>({A.shape(0), W.shape(1)});
    for (std::size_t n = 0; n < A.shape(0); ++n)
        for (std::size_t h = 0; h < W.shape(1); ++h) {
            double z = b(h);
            for (std::size_t d = 0; d < A.shape(1); ++d)
                z += A(n, d) * W(d, h);
            Z(n, h) = squash ? oracle_sigmoid(z) : z;
        }
    return Z;
}

Matrix oracle_logits(const Params& p, const Matrix& X)
{
    return layer(layer(X, p.W1, p.b1, true), p.W2, p.b2, false);
}

Matrix oracle_forward(const Params& p, const Matrix& X)
{
    return layer(layer(X, p.W1, p.b1, true), p.W2, p.b2, true);
}

// The mean over the N rows of the binary cross-entropy, summed over the outputs, computed from
// the logits z: -y log s(z) - (1 - y) log(1 - s(z)) = softplus(z) - y z.
double oracle_bce(const Params& p, const Matrix& X, const Matrix& Y)
{
    const Matrix Z = oracle_logits(p, X);
    double total = 0.0;
    for (std::size_t n = 0; n < Z.shape(0); ++n)
        for (std::size_t k = 0; k < Z.shape(1); ++k)
            total += softplus(Z(n, k)) - Y(n, k) * Z(n, k);
    return total / static_cast<double>(Z.shape(0));
}

Params random_params(Case& c, std::size_t d, std::size_t h, std::size_t k, double w_range,
                     double b_range)
{
    return {c.rng.matrix(d, h, -w_range, w_range), c.rng.vector(h, -b_range, b_range),
            c.rng.matrix(h, k, -w_range, w_range), c.rng.vector(k, -b_range, b_range)};
}

Matrix random_targets(Case& c, std::size_t n, std::size_t k)
{
    Matrix Y = xt::zeros<double>({n, k});
    for (auto& y : Y)
        y = c.rng.coin() ? 1.0 : 0.0;
    return Y;
}

std::string sizes_str(std::size_t d, std::size_t h, std::size_t k)
{
    return std::to_string(d) + "-" + std::to_string(h) + "-" + std::to_string(k);
}

// The checks' own run of train_simple_nn_xor, in plain loops: the documented draws, then 1000
// full-batch steps of lr 1.0 on the mean binary cross-entropy (dL/dz2 = (a2 - y) / N).
Params oracle_xor_run(std::uint64_t rng_seed)
{
    constexpr std::size_t N = 4, D = 2, H = 4;
    const Matrix Xm = data::xor_inputs();
    const Labels labels = data::xor_labels();
    Rng rng(rng_seed);
    double W1[D][H], b1[H] = {}, W2[H], b2 = 0.0;
    for (auto& row : W1)
        for (double& w : row)
            w = rng.normal(0.0, 1.0);
    for (double& w : W2)
        w = rng.normal(0.0, 1.0);
    for (int epoch = 0; epoch < 1000; ++epoch) {
        double a1[N][H], dz2[N];
        for (std::size_t n = 0; n < N; ++n) {
            double z2 = b2;
            for (std::size_t h = 0; h < H; ++h) {
                double z1 = b1[h];
                for (std::size_t d = 0; d < D; ++d)
                    z1 += Xm(n, d) * W1[d][h];
                a1[n][h] = oracle_sigmoid(z1);
                z2 += a1[n][h] * W2[h];
            }
            dz2[n] = (oracle_sigmoid(z2) - static_cast<double>(labels[n])) / double(N);
        }
        double dW1[D][H] = {}, db1[H] = {}, dW2[H] = {}, db2 = 0.0;
        for (std::size_t n = 0; n < N; ++n) {
            db2 += dz2[n];
            for (std::size_t h = 0; h < H; ++h) {
                const double dz1 = dz2[n] * W2[h] * a1[n][h] * (1.0 - a1[n][h]);
                dW2[h] += a1[n][h] * dz2[n];
                db1[h] += dz1;
                for (std::size_t d = 0; d < D; ++d)
                    dW1[d][h] += Xm(n, d) * dz1;
            }
        }
        for (std::size_t h = 0; h < H; ++h) {
            for (std::size_t d = 0; d < D; ++d)
                W1[d][h] -= dW1[d][h];
            b1[h] -= db1[h];
            W2[h] -= dW2[h];
        }
        b2 -= db2;
    }
    Params p{xt::zeros<double>({D, H}), xt::zeros<double>({H}),
             xt::zeros<double>({H, std::size_t{1}}), xt::zeros<double>({std::size_t{1}})};
    for (std::size_t h = 0; h < H; ++h) {
        for (std::size_t d = 0; d < D; ++d)
            p.W1(d, h) = W1[d][h];
        p.b1(h) = b1[h];
        p.W2(h, 0) = W2[h];
    }
    p.b2(0) = b2;
    return p;
}

}  // namespace

// ---- initialisation -------------------------------------------------------------------------

TEST(SimpleNnDrill, InitialisesInDrawOrder)
{
    for_each_case(6, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 5}, {1, 6}, {1, 3}});  // inputs, hidden, outputs = 1
        const double scale = std::vector<double>{0.01, 1.0, 2.5}[c.index % 3];
        const std::uint64_t rng_seed = c.rng.integer(1, 999999);
        c.description = "SimpleNN(" + std::to_string(s[0]) + ", " + std::to_string(s[1]) + ", " +
                        std::to_string(s[2]) + ", init_scale " + grader::num(scale) + ", Rng(" +
                        std::to_string(rng_seed) + "))";
        Rng rng(rng_seed), expected_rng(rng_seed);
        const SimpleNN net(s[0], s[1], s[2], scale, rng);
        Matrix W1 = xt::zeros<double>({s[0], s[1]}), W2 = xt::zeros<double>({s[1], s[2]});
        for (auto& w : W1)
            w = scale * expected_rng.normal(0.0, 1.0);
        for (auto& w : W2)
            w = scale * expected_rng.normal(0.0, 1.0);
        const grader::Tolerance draws{0.0, 1e-14};
        if (!expect_close(c, "W1 (init_scale x normal(0, 1), row-major, drawn first)", net.W1, W1,
                          draws) ||
            !expect_close(c, "b1", net.b1, xt::zeros<double>({s[1]}), {0.0, 0.0}) ||
            !expect_close(c, "W2 (init_scale x normal(0, 1), row-major, drawn after W1)", net.W2,
                          W2, draws) ||
            !expect_close(c, "b2", net.b2, xt::zeros<double>({s[2]}), {0.0, 0.0}))
            return;
        if (rng.uniform() != expected_rng.uniform())
            grader::fail(c, "the constructor took more numbers from rng than W1 and W2 need (one "
                            "normal per weight, nothing else)");
    });
}

// ---- forward --------------------------------------------------------------------------------

TEST(SimpleNnDrill, ForwardMatchesOwnComputation)
{
    for_each_case(8, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 7}, {1, 5}, {1, 6}, {1, 3}});  // N, D, H, outputs
        const Params p = random_params(c, s[1], s[2], s[3], 2.0, 1.0);
        SimpleNN net = net_of(p);
        const Matrix X = c.rng.matrix(s[0], s[1], -2.0, 2.0);
        c.description = "layers " + sizes_str(s[1], s[2], s[3]) + ", X " + shape_str(X);
        if (!expect_close(c, "forward(X)", net.forward(X), oracle_forward(p, X), {1e-12, 1e-10}))
            return;
        // A second batch through the same net: forward keeps no state that changes its output.
        const Matrix X2 = c.rng.matrix(s[0] + 1, s[1], -2.0, 2.0);
        expect_close(c, "forward(X2) on a second batch X2 " + shape_str(X2), net.forward(X2),
                     oracle_forward(p, X2), {1e-12, 1e-10});
    });
}

TEST(SimpleNnDrill, ForwardFiniteForLargeWeights)
{
    for_each_case(6, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 6}, {1, 4}, {1, 5}, {1, 3}});
        const double big = c.index < 3 ? 1e3 : 1e4;
        Params p = random_params(c, s[1], s[2], s[3], big / 2, big);
        // Pre-activations of ±big in both layers, whatever the draws.
        p.b1(0) = c.index % 2 ? big : -big;
        p.b1(s[2] - 1) = c.index % 2 ? -big : big;
        p.b2(0) = c.index % 2 ? -big : big;
        p.b2(s[3] - 1) = c.index % 2 ? big : -big;
        SimpleNN net = net_of(p);
        const Matrix X = c.rng.matrix(s[0], s[1], -2.0, 2.0);
        c.description = "layers " + sizes_str(s[1], s[2], s[3]) + ", X " + shape_str(X) +
                        ", weights and pre-activations up to ±" + grader::num(big);
        expect_close(c, "forward(X)", net.forward(X), oracle_forward(p, X), {1e-11, 1e-9});
    });
}

// ---- one training step ----------------------------------------------------------------------

TEST(SimpleNnDrill, StepFollowsCrossEntropyGradient)
{
    for_each_case(8, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 6}, {1, 4}, {1, 5}, {1, 3}});  // N, D, H, outputs
        const Params p = random_params(c, s[1], s[2], s[3], 1.5, 0.5);
        const Matrix X = c.rng.matrix(s[0], s[1], -2.0, 2.0);
        const Matrix Y = random_targets(c, s[0], s[3]);
        const double lr = c.rng.uniform(0.3, 1.0);
        c.description = "layers " + sizes_str(s[1], s[2], s[3]) + ", X " + shape_str(X) + ", lr " +
                        grader::num(lr);
        SimpleNN net = net_of(p);
        net.forward(X);
        net.backward(X, Y, lr);
        const Params q = params_of(net);
        // The gradient the step took, (before - after) / lr, against central differences of the
        // mean binary cross-entropy at the parameters before the step.
        const grader::GradientCheck how{1e-5, {1e-8, 1e-6}, false};
        auto loss = [&](const Params& probe) { return oracle_bce(probe, X, Y); };
        const std::string step = " / lr, the gradient the step used,";
        if (!grader::expect_gradient(
                c, "(W2 before - W2 after)" + step, Matrix((p.W2 - q.W2) / lr),
                [&](const Matrix& w) {
                    return loss({p.W1, p.b1, w, p.b2});
                },
                p.W2, how) ||
            !grader::expect_gradient(
                c, "(b2 before - b2 after)" + step, Vector((p.b2 - q.b2) / lr),
                [&](const Vector& b) {
                    return loss({p.W1, p.b1, p.W2, b});
                },
                p.b2, how) ||
            !grader::expect_gradient(
                c, "(W1 before - W1 after)" + step, Matrix((p.W1 - q.W1) / lr),
                [&](const Matrix& w) {
                    return loss({w, p.b1, p.W2, p.b2});
                },
                p.W1, how))
            return;
        grader::expect_gradient(
            c, "(b1 before - b1 after)" + step, Vector((p.b1 - q.b1) / lr),
            [&](const Vector& b) {
                return loss({p.W1, b, p.W2, p.b2});
            },
            p.b1, how);
    });
}

// ---- predictions ----------------------------------------------------------------------------

TEST(SimpleNnDrill, PredictThresholdsAtOneHalf)
{
    for_each_case(6, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 8}, {1, 4}, {1, 5}});  // N, D, H; one output
        Params p = random_params(c, s[1], s[2], 1, 3.0, 1.0);
        Matrix X = c.rng.matrix(s[0], s[1], -2.0, 2.0);
        if (c.index < 2) {  // W2 = 0 and b2 = 0: every output is sigma(0) = 0.5 exactly
            p.W2.fill(0.0);
            p.b2.fill(0.0);
            c.description = "W2 = 0, b2 = 0 (every output exactly 0.5)";
        } else {  // rows of X that are 0 give z2 = 0 exactly: outputs of 0.5 beside the others
            p.b1.fill(0.0);
            for (auto& w : p.W2)
                w = static_cast<double>(c.rng.integer(0, 16)) / 4.0 - 2.0;
            p.b2(0) = -0.5 * xt::sum(p.W2)();
            xt::view(X, 0, xt::all()) = 0.0;
            xt::view(X, c.rng.integer(0, s[0] - 1), xt::all()) = 0.0;
            c.description = "b1 = 0, rows of X = 0 where the output is exactly 0.5";
        }
        c.description =
            "layers " + sizes_str(s[1], s[2], 1) + ", X " + shape_str(X) + ", " + c.description;
        const Matrix out = oracle_forward(p, X);
        Labels expected(s[0]);
        for (std::size_t n = 0; n < s[0]; ++n)
            expected[n] = out(n, 0) > 0.5 ? 1 : 0;
        SimpleNN net = net_of(p);
        grader::expect_labels(c, "predict(X)", net.predict(X), expected);
    });
}

// ---- the whole program ----------------------------------------------------------------------

TEST(SimpleNnDrill, LearnsXor)
{
    for_each_case(3, [&](Case& c) {
        const std::uint64_t rng_seed = c.index == 0 ? 0 : c.rng.integer(1, 999999);
        c.description = "train_simple_nn_xor(" + std::to_string(rng_seed) + ")";
        const Params expected = oracle_xor_run(rng_seed);
        const Matrix X = data::xor_inputs();
        SimpleNN net = drill::train_simple_nn_xor(rng_seed);
        if (!grader::expect_labels(c, "predict(XOR inputs) after training", net.predict(X),
                                   data::xor_labels()))
            return;
        const grader::Tolerance run{1e-9, 1e-7};
        if (expect_close(c, "the outputs after training", net.forward(X),
                         oracle_forward(expected, X), run) &&
            expect_close(c, "W1 after training", net.W1, expected.W1, run) &&
            expect_close(c, "b1 after training", net.b1, expected.b1, run) &&
            expect_close(c, "W2 after training", net.W2, expected.W2, run))
            expect_close(c, "b2 after training", net.b2, expected.b2, run);
    });
}
