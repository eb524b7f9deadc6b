// Drill two-layer-net-xor: its own hidden checks (TwoLayerNetDrill.*; chapter 02 has a suite
// TwoLayerNet). Expected values come from the checks' own oracles (plain loops: scores, the mean
// cross-entropy by log-sum-exp, the first argmax), from central differences of that loss, from
// the documented draw order, and — for the whole run — from chapter 02's reference `train` on a
// Network with the same weights. No reference record: nothing here uses expect_reference.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <xtensor/xview.hpp>

#include "backpropagation.hpp"
#include "harness.hpp"
#include "two_layer_net.hpp"

using namespace scratchnet;
using drill::TwoLayerNet;
using grader::Case;
using grader::expect_close;
using grader::for_each_case;
using grader::list_str;
using grader::scalar;

namespace {

const grader::ChapterSeed seed{0x2a7c1e9b40d3f865ULL};

// ---- the checks' own oracles ----------------------------------------------------------------

struct Params {
    Matrix W1;
    Vector b1;
    Matrix W2;
    Vector b2;
};

TwoLayerNet net_of(const Params& p)
{
    TwoLayerNet net;
    net.W1 = p.W1;
    net.b1 = p.b1;
    net.W2 = p.W2;
    net.b2 = p.b2;
    return net;
}

// A W + b row by row, through max(., 0) when relu is set.
Matrix layer(const Matrix& A, const Matrix& W, const Vector& b, bool relu)
{
    Matrix Z = xt::zeros<double>({A.shape(0), W.shape(1)});
    for (std::size_t n = 0; n < A.shape(0); ++n)
        for (std::size_t h = 0; h < W.shape(1); ++h) {
            double z = b(h);
            for (std::size_t d = 0; d < A.shape(1); ++d)
                z += A(n, d) * W(d, h);
            Z(n, h) = relu ? std::max(z, 0.0) : z;
        }
    return Z;
}

Matrix oracle_scores(const Params& p, const Matrix& X)
{
    return layer(layer(X, p.W1, p.b1, true), p.W2, p.b2, false);
}

// Mean cross-entropy of the softmax of S against y, by log-sum-exp.
double oracle_loss(const Matrix& S, const Labels& y)
{
    double total = 0.0;
    for (std::size_t n = 0; n < S.shape(0); ++n) {
        const double m = *std::max_element(&S(n, 0), &S(n, 0) + S.shape(1));
        double sum = 0.0;
        for (std::size_t k = 0; k < S.shape(1); ++k)
            sum += std::exp(S(n, k) - m);
        total += m + std::log(sum) - S(n, y[n]);
    }
    return total / static_cast<double>(S.shape(0));
}

double oracle_loss(const Params& p, const Matrix& X, const Labels& y)
{
    return oracle_loss(oracle_scores(p, X), y);
}

// The index of each row's largest entry, the first one on a tie.
Labels first_argmax(const Matrix& S)
{
    Labels best(S.shape(0), 0);
    for (std::size_t n = 0; n < S.shape(0); ++n)
        for (std::size_t k = 1; k < S.shape(1); ++k)
            if (S(n, k) > S(n, best[n]))
                best[n] = k;
    return best;
}

Params random_params(Case& c, std::size_t d, std::size_t h, std::size_t k, double w_range,
                     double b_range)
{
    return {c.rng.matrix(d, h, -w_range, w_range), c.rng.vector(h, -b_range, b_range),
            c.rng.matrix(h, k, -w_range, w_range), c.rng.vector(k, -b_range, b_range)};
}

std::string sizes_str(std::size_t d, std::size_t h, std::size_t k)
{
    return std::to_string(d) + "-" + std::to_string(h) + "-" + std::to_string(k);
}

bool all_finite(const xt::xarray<double>& a)
{
    return std::all_of(a.begin(), a.end(), [](double v) { return std::isfinite(v); });
}

}  // namespace

// ---- initialisation -------------------------------------------------------------------------

TEST(TwoLayerNetDrill, InitialisesInDrawOrder)
{
    for_each_case(6, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 5}, {1, 12}, {1, 4}});  // inputs, hidden, classes
        const std::uint64_t rng_seed = c.rng.integer(1, 999999);
        c.description = "TwoLayerNet(" + std::to_string(s[0]) + ", " + std::to_string(s[1]) + ", " +
                        std::to_string(s[2]) + ", Rng(" + std::to_string(rng_seed) + "))";
        Rng rng(rng_seed), expected_rng(rng_seed);
        const TwoLayerNet net(s[0], s[1], s[2], rng);
        Matrix W1 = xt::zeros<double>({s[0], s[1]}), W2 = xt::zeros<double>({s[1], s[2]});
        for (auto& w : W1)
            w = expected_rng.normal(0.0, 1.0 / std::sqrt(static_cast<double>(s[0])));
        for (auto& w : W2)
            w = expected_rng.normal(0.0, 1.0 / std::sqrt(static_cast<double>(s[1])));
        const grader::Tolerance draws{0.0, 1e-14};
        if (!expect_close(c, "W1 (normal(0, 1/sqrt(inputs)), row-major, drawn first)", net.W1, W1,
                          draws) ||
            !expect_close(c, "b1", net.b1, xt::zeros<double>({s[1]}), {0.0, 0.0}) ||
            !expect_close(c, "W2 (normal(0, 1/sqrt(hidden)), row-major, drawn after W1)", net.W2,
                          W2, draws) ||
            !expect_close(c, "b2", net.b2, xt::zeros<double>({s[2]}), {0.0, 0.0}))
            return;
        if (rng.uniform() != expected_rng.uniform())
            grader::fail(c, "the constructor took more numbers from rng than W1 and W2 need (one "
                            "normal per weight, nothing else)");
    });
}

// ---- scores ---------------------------------------------------------------------------------

TEST(TwoLayerNetDrill, ScoresMatchOwnComputation)
{
    for_each_case(8, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 7}, {1, 5}, {1, 6}, {1, 4}});  // N, D, H, C
        const double range = c.index < 6 ? 2.0 : 100.0;
        const Params p = random_params(c, s[1], s[2], s[3], range, range / 2);
        const TwoLayerNet net = net_of(p);
        const Matrix X = c.rng.matrix(s[0], s[1], -2.0, 2.0);
        c.description = "layers " + sizes_str(s[1], s[2], s[3]) + ", X " + shape_str(X) +
                        ", weights up to ±" + grader::num(range);
        expect_close(c, "scores(X)", net.scores(X), oracle_scores(p, X),
                     {1e-12 * range * range, 1e-10});
    });
}

// ---- the loss and one step ------------------------------------------------------------------

TEST(TwoLayerNetDrill, LossIsMeanCrossEntropyBeforeTheStep)
{
    for_each_case(8, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 7}, {1, 5}, {1, 6}, {2, 5}});  // N, D, H, C
        const Params p = random_params(c, s[1], s[2], s[3], 2.0, 1.0);
        const Matrix X = c.rng.matrix(s[0], s[1], -2.0, 2.0);
        const Labels y = grader::random_labels(c, s[0], s[3]);
        const double lr = c.rng.uniform(0.2, 1.0);
        c.description = "layers " + sizes_str(s[1], s[2], s[3]) + ", X " + shape_str(X) + ", y " +
                        list_str(y) + ", lr " + grader::num(lr);
        TwoLayerNet net = net_of(p);
        expect_close(c, "loss_and_step(X, y, lr)", scalar(net.loss_and_step(X, y, lr)),
                     scalar(oracle_loss(p, X, y)), {1e-12, 1e-10});
    });
}

TEST(TwoLayerNetDrill, StepFollowsCrossEntropyGradient)
{
    for_each_case(8, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 6}, {1, 4}, {1, 6}, {2, 4}});  // N, D, H, C
        const Params p = random_params(c, s[1], s[2], s[3], 1.5, 0.5);
        const Matrix X = c.rng.matrix(s[0], s[1], -2.0, 2.0);
        const Labels y = grader::random_labels(c, s[0], s[3]);
        const double lr = c.rng.uniform(0.3, 1.0);
        c.description = "layers " + sizes_str(s[1], s[2], s[3]) + ", X " + shape_str(X) + ", y " +
                        list_str(y) + ", lr " + grader::num(lr);
        TwoLayerNet net = net_of(p);
        net.loss_and_step(X, y, lr);
        // The gradient the step took, (before - after) / lr, against central differences of the
        // mean cross-entropy at the parameters before the step.
        const grader::GradientCheck how{1e-6, {1e-8, 1e-6}, false};
        auto loss = [&](const Params& probe) { return oracle_loss(probe, X, y); };
        const std::string step = " / lr, the gradient the step used,";
        if (!grader::expect_gradient(
                c, "(W2 before - W2 after)" + step, Matrix((p.W2 - net.W2) / lr),
                [&](const Matrix& w) {
                    return loss({p.W1, p.b1, w, p.b2});
                },
                p.W2, how) ||
            !grader::expect_gradient(
                c, "(b2 before - b2 after)" + step, Vector((p.b2 - net.b2) / lr),
                [&](const Vector& b) {
                    return loss({p.W1, p.b1, p.W2, b});
                },
                p.b2, how) ||
            !grader::expect_gradient(
                c, "(W1 before - W1 after)" + step, Matrix((p.W1 - net.W1) / lr),
                [&](const Matrix& w) {
                    return loss({w, p.b1, p.W2, p.b2});
                },
                p.W1, how))
            return;
        grader::expect_gradient(
            c, "(b1 before - b1 after)" + step, Vector((p.b1 - net.b1) / lr),
            [&](const Vector& b) {
                return loss({p.W1, b, p.W2, p.b2});
            },
            p.b1, how);
    });
}

TEST(TwoLayerNetDrill, FiniteForLargeLogits)
{
    for_each_case(6, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 6}, {1, 4}, {1, 6}, {2, 5}});  // N, D, H, C
        Params p = random_params(c, s[1], s[2], s[3], 1.5, 0.5);
        const Matrix X = c.rng.matrix(s[0], s[1], -2.0, 2.0);
        // Scale the last layer so that row 0's scores span 2000, and label row 0 with its
        // smallest score: its probability underflows to 0, its loss is about 2000.
        const Matrix S0 = oracle_scores(p, X);
        const auto row = xt::view(S0, 0, xt::all());
        const double factor = 2000.0 / std::max(xt::amax(row)() - xt::amin(row)(), 1e-3);
        p.W2 *= factor;
        p.b2 *= factor;
        const Matrix S = oracle_scores(p, X);
        Labels y = grader::random_labels(c, s[0], s[3]);
        y[0] = static_cast<std::size_t>(xt::argmin(xt::view(S, 0, xt::all()))());
        const double lr = c.rng.uniform(0.01, 0.1);
        c.description = "layers " + sizes_str(s[1], s[2], s[3]) + ", X " + shape_str(X) +
                        ", scores up to " + grader::num(xt::amax(xt::abs(S))()) + ", y " +
                        list_str(y) + ", lr " + grader::num(lr);
        TwoLayerNet net = net_of(p);
        if (!expect_close(c, "loss_and_step(X, y, lr)", scalar(net.loss_and_step(X, y, lr)),
                          scalar(oracle_loss(S, y)), {1e-9, 1e-12}))
            return;
        for (const auto& [name, value] : std::vector<std::pair<std::string, xt::xarray<double>>>{
                 {"W1", net.W1}, {"b1", net.b1}, {"W2", net.W2}, {"b2", net.b2}})
            if (!all_finite(value))
                return grader::fail(c, name + " after the step holds NaN or inf");
    });
}

// ---- predictions ----------------------------------------------------------------------------

TEST(TwoLayerNetDrill, PredictIsFirstArgmax)
{
    for_each_case(8, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 9}, {1, 4}, {1, 5}, {2, 5}});  // N, D, H, C
        // Small integers everywhere: scores are exact, and rows often tie.
        auto integers = [&](Matrix m, int range) {
            for (auto& v : m)
                v = static_cast<double>(c.rng.integer(0, 2 * range)) - range;
            return m;
        };
        const Matrix X = integers(xt::zeros<double>({s[0], s[1]}), 2);
        Params p{integers(xt::zeros<double>({s[1], s[2]}), 2), xt::zeros<double>({s[2]}),
                 integers(xt::zeros<double>({s[2], s[3]}), 1), xt::zeros<double>({s[3]})};
        const Matrix b1 = integers(xt::zeros<double>({std::size_t{1}, s[2]}), 1);
        const Matrix b2 = integers(xt::zeros<double>({std::size_t{1}, s[3]}), 1);
        p.b1 = xt::view(b1, 0, xt::all());
        p.b2 = xt::view(b2, 0, xt::all());
        if (c.index == 3) {  // every score of a row equal: the answer is 0 for every row
            p.W2.fill(0.0);
            p.b2.fill(1.0);
        }
        const Matrix S = oracle_scores(p, X);
        c.description = "layers " + sizes_str(s[1], s[2], s[3]) + ", X " + shape_str(X) +
                        ", integer inputs and weights (exact ties)";
        grader::expect_labels(c, "predict(X)", net_of(p).predict(X), first_argmax(S));
    });
}

// ---- the whole program ----------------------------------------------------------------------

TEST(TwoLayerNetDrill, LearnsXor)
{
    for_each_case(3, [&](Case& c) {
        // Seed 0 (chapter 02's table), then seeds among the 20 the chapter measured. Chapter 02's
        // reference train retraces the whole run for seed 0 and the first 250 epochs for the
        // others (it costs more than the run itself at -O0).
        const std::uint64_t rng_seed = c.index == 0 ? 0 : c.rng.integer(1, 19);
        const std::size_t traced = c.index == 0 ? 1000 : 250;
        c.description = "train_two_layer_net_xor(" + std::to_string(rng_seed) + ")";
        const Matrix X = data::xor_inputs();
        const Labels y = data::xor_labels();
        Rng rng(rng_seed);  // N(0, 1/fan_in) weights, row-major, layer 0 then 1, zero biases
        Network expected;
        for (auto [in, out, g] : {std::tuple{2, 10, "relu"}, std::tuple{10, 2, "identity"}})
            expected.layers.push_back({rng.normal(in, out, 0.0, 1.0 / std::sqrt(double(in))),
                                       xt::zeros<double>({std::size_t(out)}), g});
        const std::vector<double> history = train(expected, X, y, 0.1, traced);
        const drill::XorRun run = drill::train_two_layer_net_xor(rng_seed);
        if (!grader::expect_count(c, "losses", run.losses.size(), 1000) ||
            !expect_close(c, "the loss of epochs 0 to " + std::to_string(traced - 1),
                          grader::as_array(
                              std::vector<double>(run.losses.begin(), run.losses.begin() + traced)),
                          grader::as_array(history), {1e-12, 1e-9}))
            return;
        if (!(run.losses.back() < 0.026))
            grader::fail(c, "the last loss is " + grader::num(run.losses.back()) +
                                "; it should be below 0.026");
        grader::expect_labels(c, "predict(XOR inputs) after training", run.net.predict(X), y);
    });
}
