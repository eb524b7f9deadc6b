// Chapter 02 hidden checks. Expected values come from the reference solution (recorded), from
// central finite differences of losses the checks compute themselves, from invariants, and from
// golden values written by PyTorch (tools/make_goldens.py) — never from literals in the
// learner's files. Each check calls only the learner function it grades (chapter 01's
// functions are the reference's). BOUNDARIES.md maps every contract clause to its cases.
#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xsort.hpp>
#include <xtensor/xview.hpp>

#include "backpropagation.hpp"
#include "harness.hpp"
#include "networks.hpp"

using namespace scratchnet;
using grader::Case;
using grader::expect_close;
using grader::expect_count;
using grader::expect_gradient;
using grader::expect_reference;
using grader::expect_throws;
using grader::for_each_case;
using grader::list_str;
using grader::scalar;

namespace {

const grader::ChapterSeed seed{0x02b4c7e19d3f5a61ULL};
const std::string kGoldens = "/usr/bin/python3 tools/make_goldens.py";

// The chapter's classifiers: identity logits, 2 to 5 classes, weights scaled by fan-in.
grader::NetworkShape classifier(grader::Range layers = {1, 3})
{
    grader::NetworkShape shape;
    shape.layers = layers;
    shape.widths = {1, 5};
    shape.outputs = {2, 5};
    shape.hidden = {"relu", "sigmoid", "tanh"};
    shape.last = {"identity"};
    shape.scale_by_fan_in = true;
    return shape;
}

// The checks' own mean cross-entropy (log-sum-exp, plain loops): the finite-difference oracle.
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

// The checks' own (P - Y)/N, stable.
Matrix oracle_gradient(const Matrix& S, const Labels& y)
{
    Matrix G = xt::zeros_like(S);
    for (std::size_t n = 0; n < S.shape(0); ++n) {
        const double m = *std::max_element(&S(n, 0), &S(n, 0) + S.shape(1));
        double sum = 0.0;
        for (std::size_t k = 0; k < S.shape(1); ++k)
            sum += std::exp(S(n, k) - m);
        for (std::size_t k = 0; k < S.shape(1); ++k)
            G(n, k) = (std::exp(S(n, k) - m) / sum - (k == y[n] ? 1.0 : 0.0)) /
                      static_cast<double>(S.shape(0));
    }
    return G;
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

// Logits of ±1e3: row 0 has 1e3 and (C ≥ 2) -1e3 with its label on the -1e3 (a loss of 2000,
// a probability that underflows to 0); row 1 is all -1e3, row 2 all +1e3.
Matrix extreme_logits(Case& c, std::size_t n, std::size_t k, Labels* y)
{
    Matrix S = c.rng.matrix(n, k, -1e3, 1e3);
    *y = grader::random_labels(c, n, k);
    S(0, 0) = 1e3;
    if (k >= 2) {
        S(0, k - 1) = -1e3;
        (*y)[0] = k - 1;
    }
    if (n >= 2)
        xt::view(S, 1, xt::all()) = -1e3;
    if (n >= 3)
        xt::view(S, 2, xt::all()) = 1e3;
    c.description = "S " + shape_str(S) + " with logits of ±1e3, y " + list_str(*y);
    return S;
}

// Bad-label cases shared by cross_entropy and its gradient: each error condition alone.
void check_bad_labels(const std::string& name,
                      const std::function<void(const Matrix&, const Labels&)>& call)
{
    for_each_case(4, [&](Case& c) {
        const std::size_t n = c.rng.integer(10, 19);
        const std::size_t k = grader::distinct_number(c, 2, 9, {n - 1, n, n + 1});
        const Matrix S = c.rng.matrix(n, k, -1.0, 1.0);
        const Labels y = grader::random_labels(c, n, k);  // valid, k - 1 among them
        const std::size_t at = c.rng.integer(0, n - 1);
        c.description = "S " + shape_str(S) + ", y " + list_str(y);
        const std::string N = std::to_string(n), C = std::to_string(k);
        Labels edge = y;  // exactly C: the first invalid label
        edge[at] = k;
        expect_throws<std::invalid_argument>(
            c, name + " with label " + C + " (= C) at position " + std::to_string(at),
            [&] { call(S, edge); }, {C});
        Labels far = y;
        far[at] = grader::distinct_number(c, 30, 99, {k, n});
        expect_throws<std::invalid_argument>(
            c, name + " with label " + std::to_string(far[at]) + " for " + C + " classes",
            [&] { call(S, far); }, {std::to_string(far[at]), C});
        for (std::size_t count : {n - 1, n + 1}) {  // the count wrong alone, every label valid
            Labels labels(y.begin(), y.begin() + std::min(count, n));
            labels.resize(count, k - 1);
            expect_throws<std::invalid_argument>(
                c, name + " with " + std::to_string(count) + " labels for " + N + " rows",
                [&] { call(S, labels); }, {N, std::to_string(count)});
        }
    });
}

}  // namespace

// ---- softmax ------------------------------------------------------------------------------

TEST(Softmax, MatchesReference)
{
    for_each_case(8, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 8}, {1, 6}});  // N = 1, then C = 1
        const double range = c.index < 4 ? 5.0 : 30.0;
        const Matrix S = c.rng.matrix(s[0], s[1], -range, range);
        c.description = "S " + shape_str(S);
        expect_reference(c, "softmax(S)", softmax(S));
    });
}

TEST(Softmax, RowsSumToOne)
{
    for_each_case(6, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 8}, {1, 6}});
        Matrix S = c.rng.matrix(s[0], s[1], -6.0, 6.0);
        for (std::size_t n = 0; n < S.shape(0); ++n)  // rows far apart: a broadcast trap shows
            xt::view(S, n, xt::all()) += 3.0 * static_cast<double>(n);
        c.description = "S " + shape_str(S);
        const Matrix P = softmax(S);
        if (!expect_reference(c, "softmax(S)", P))
            return;
        const Vector sums = xt::sum(P, {1});
        expect_close(c, "the row sums of softmax(S)", sums, xt::ones_like(sums), {1e-12, 0});
        if (xt::any(P < 0.0))
            grader::fail(c, "softmax(S) has a negative entry");
    });
}

TEST(Softmax, ShiftInvariant)
{
    for_each_case(6, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 7}, {1, 6}});
        const Matrix S = c.rng.matrix(s[0], s[1], -4.0, 4.0);
        const double range = c.index % 2 ? 500.0 : 50.0;
        const Vector shift = c.rng.vector(S.shape(0), -range, range);  // a constant per row
        c.description = "S " + shape_str(S) + ", each row shifted by its own constant";
        const Matrix shifted = S + xt::view(shift, xt::all(), xt::newaxis());
        expect_close(c, "softmax(S + c) against softmax(S)", softmax(shifted), softmax(S),
                     {1e-12, 1e-9});
    });
}

TEST(Softmax, FiniteForExtremeLogits)
{
    for_each_case(6, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 6}, {1, 5}});
        Labels unused;
        const Matrix S = extreme_logits(c, s[0], s[1], &unused);
        const Matrix P = softmax(S);
        if (!expect_reference(c, "softmax(S)", P))
            return;
        const Vector sums = xt::sum(P, {1});
        expect_close(c, "the row sums of softmax(S)", sums, xt::ones_like(sums), {1e-12, 0});
    });
}

// ---- one-hot ------------------------------------------------------------------------------

TEST(OneHot, MarksTheLabel)
{
    for_each_case(6, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 9}, {1, 6}});      // N = 1, then C = 1
        const Labels y = grader::random_labels(c, s[0], s[1]);  // C - 1, the last valid label
        c.description = "y " + list_str(y) + ", " + std::to_string(s[1]) + " classes";
        expect_reference(c, "one_hot(y, C)", one_hot(y, s[1]));
    });
}

TEST(OneHot, LabelOutOfRangeIsAClearError)
{
    for_each_case(4, [&](Case& c) {
        const std::size_t k = c.rng.integer(2, 9);
        const std::size_t n = c.rng.integer(30, 40);
        const std::size_t at = grader::distinct_number(c, 10, n - 1, {k});
        Labels y = grader::random_labels(c, n, k);
        c.description = std::to_string(n) + " labels, " + std::to_string(k) + " classes";
        Labels edge = y;  // exactly C: the first invalid label
        edge[at] = k;
        const std::string C = std::to_string(k), pos = std::to_string(at);
        expect_throws<std::invalid_argument>(
            c, "one_hot with label " + C + " (= C) at position " + pos, [&] { one_hot(edge, k); },
            {C, pos});
        Labels far = y;
        far[at] = grader::distinct_number(c, 50, 99, {k, at});
        const std::string value = std::to_string(far[at]);
        expect_throws<std::invalid_argument>(
            c, "one_hot with label " + value + " at position " + pos + " for " + C + " classes",
            [&] { one_hot(far, k); }, {value, pos, C});
    });
}

// ---- cross-entropy ------------------------------------------------------------------------

TEST(CrossEntropy, MatchesReference)
{
    for_each_case(8, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 9}, {1, 6}});
        const Matrix S = c.rng.matrix(s[0], s[1], -5.0, 5.0);
        const Labels y = grader::random_labels(c, s[0], s[1]);
        c.description = "S " + shape_str(S) + ", y " + list_str(y);
        const double loss = cross_entropy(S, y);
        if (expect_reference(c, "cross_entropy(S, y)", scalar(loss)))
            expect_close(c, "cross_entropy(S, y) (the mean over the batch)", scalar(loss),
                         scalar(oracle_loss(S, y)), {1e-12, 1e-10});
    });
}

TEST(CrossEntropy, FiniteForExtremeLogits)
{
    for_each_case(6, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 6}, {1, 5}});
        Labels y;
        const Matrix S = extreme_logits(c, s[0], s[1], &y);
        expect_close(c, "cross_entropy(S, y)", scalar(cross_entropy(S, y)),
                     scalar(oracle_loss(S, y)), {1e-9, 1e-12});
    });
}

TEST(CrossEntropy, BadLabelsAreAClearError)
{
    check_bad_labels("cross_entropy",
                     [](const Matrix& S, const Labels& y) { cross_entropy(S, y); });
}

TEST(CrossEntropy, GradientMatchesFiniteDifferences)
{
    for_each_case(8, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 9}, {1, 6}});
        const Matrix S = c.rng.matrix(s[0], s[1], -4.0, 4.0);
        const Labels y = grader::random_labels(c, s[0], s[1]);
        c.description = "S " + shape_str(S) + ", y " + list_str(y);
        expect_gradient(c, "cross_entropy_gradient(S, y)", cross_entropy_gradient(S, y),
                        [&](const Matrix& x) { return oracle_loss(x, y); }, S,
                        {1e-5, {1e-9, 1e-6}});
    });
}

TEST(CrossEntropy, GradientFiniteForExtremeLogits)
{
    for_each_case(6, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 6}, {1, 5}});
        Labels y;
        const Matrix S = extreme_logits(c, s[0], s[1], &y);
        const Matrix dS = cross_entropy_gradient(S, y);
        if (expect_close(c, "cross_entropy_gradient(S, y) against (P - Y)/N", dS,
                         oracle_gradient(S, y), {1e-12, 1e-9}))
            expect_reference(c, "cross_entropy_gradient(S, y)", dS);
    });
}

TEST(CrossEntropy, GradientBadLabelsAreAClearError)
{
    check_bad_labels("cross_entropy_gradient",
                     [](const Matrix& S, const Labels& y) { cross_entropy_gradient(S, y); });
}

// ---- dense and activation backward --------------------------------------------------------

TEST(DenseBackward, GradientsMatchFiniteDifferences)
{
    for_each_case(10, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 7}, {1, 6}, {1, 6}});  // N = 1, D = 1, H = 1
        const Matrix X = c.rng.matrix(s[0], s[1], -2, 2), W = c.rng.matrix(s[1], s[2], -2, 2);
        const Vector b = c.rng.vector(s[2], -2, 2);
        const Matrix G = c.rng.matrix(s[0], s[2], -1, 1);  // dL/dZ of L = sum(G * Z)
        c.description = "dZ " + shape_str(G) + ", X " + shape_str(X) + ", W " + shape_str(W);
        auto loss = [&](const Matrix& x, const Matrix& w, const Vector& bias) {
            return xt::sum(G * (dot(x, w) + bias))();
        };
        const DenseGradients g = dense_backward(G, X, W);
        if (expect_gradient(
                c, "dX", g.dX, [&](const Matrix& x) { return loss(x, W, b); }, X) &&
            expect_gradient(
                c, "dW", g.dW, [&](const Matrix& w) { return loss(X, w, b); }, W))
            expect_gradient(
                c, "db", g.db, [&](const Vector& v) { return loss(X, W, v); }, b);
    });
}

// input_gradient = false: dX left empty, dW and db unchanged (what loss_and_gradients asks of
// layer 0). Each of the two clauses alone: a flag ignored (dX computed anyway) and a flag that
// also drops dW or db fail here; a flag read backwards fails the check above as well.
TEST(DenseBackward, SkipsTheInputGradientWhenAsked)
{
    for_each_case(6, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 7}, {1, 6}, {1, 6}});  // N = 1, D = 1, H = 1
        const Matrix X = c.rng.matrix(s[0], s[1], -2, 2), W = c.rng.matrix(s[1], s[2], -2, 2);
        const Vector b = c.rng.vector(s[2], -2, 2);
        const Matrix G = c.rng.matrix(s[0], s[2], -1, 1);  // dL/dZ of L = sum(G * Z)
        c.description = "dZ " + shape_str(G) + ", X " + shape_str(X) + ", W " + shape_str(W) +
                        ", input_gradient = false";
        auto loss = [&](const Matrix& x, const Matrix& w, const Vector& bias) {
            return xt::sum(G * (dot(x, w) + bias))();
        };
        const DenseGradients g = dense_backward(G, X, W, false);
        if (g.dX.size() != 0) {
            grader::fail(c, "dX has shape " + shape_str(g.dX) +
                                ": with input_gradient = false it must be left empty, (0, 0)");
            return;
        }
        if (expect_gradient(
                c, "dW", g.dW, [&](const Matrix& w) { return loss(X, w, b); }, W))
            expect_gradient(
                c, "db", g.db, [&](const Vector& v) { return loss(X, W, v); }, b);
    });
}

TEST(ActivationBackward, MatchesFiniteDifferences)
{
    for_each_case(6, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 6}, {1, 6}});
        for (const std::string name : {"identity", "sigmoid", "tanh", "relu"}) {
            Matrix Z = c.rng.matrix(s[0], s[1], -4.0, 4.0);
            grader::sprinkle(c, Z, 0.0, 0.3);
            Z(0, 0) = 0.0;  // ReLU's kink in every case: g'(0) = 0 by chapter 01's convention
            const Matrix dA = c.rng.matrix(s[0], s[1], -2.0, 2.0);
            c.description = name + ", Z " + shape_str(Z) + " with exact zeros";
            const std::string what = "activation_backward(dA, Z, \"" + name + "\")";
            const Activation& g = activation(name);
            const Matrix dZ = activation_backward(dA, Z, name);
            Matrix expected = grader::numeric_gradient(
                [&](const Matrix& z) { return xt::sum(dA * g.function(z))(); }, Z);
            if (name ==
                "relu")  // where z = 0 exactly, the contract's g'(0) = 0, not the mean slope
                expected = xt::where(xt::equal(Z, 0.0), 0.0, expected);
            if (!expect_close(c, what + " against central differences (g'(0) = 0 for relu)", dZ,
                              expected, {1e-8, 1e-6}) ||
                !expect_reference(c, what, dZ))
                return;
        }
    });
}

TEST(ActivationBackward, FiniteForLargeInputs)
{
    for_each_case(4, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 6}, {1, 6}});
        for (const std::string name : {"identity", "sigmoid", "tanh", "relu"}) {
            const double big = c.index < 2 ? 1e3 : 1e4;  // the text's logits; chapter 01's 1e4
            Matrix Z = c.rng.matrix(s[0], s[1], -big, big);
            Z(0, 0) = c.index % 2 ? big : -big;
            Z(s[0] - 1, s[1] - 1) = c.index % 2 ? -big : big;
            const Matrix dA = c.rng.matrix(s[0], s[1], -2.0, 2.0);
            c.description = name + ", Z " + shape_str(Z) + " with entries of ±" + grader::num(big);
            if (!expect_reference(c, "activation_backward(dA, Z, \"" + name + "\")",
                                  activation_backward(dA, Z, name)))
                return;
        }
    });
}

// ---- backpropagation through a network ----------------------------------------------------

TEST(Backprop, LossMatchesReference)
{
    for_each_case(6, [&](Case& c) {
        const Network net = grader::random_network(
            c, classifier(c.index == 0 ? grader::Range{1, 1} : grader::Range{1, 3}));
        const Matrix X = grader::random_inputs(c, net, c.rng.integer(1, 8));
        const Labels y = grader::random_labels(c, X.shape(0), net.layers.back().W.shape(1));
        const double loss = loss_and_gradients(net, X, y).loss;
        if (expect_reference(c, "loss_and_gradients(net, X, y).loss", scalar(loss)))
            expect_close(
                c, "loss_and_gradients(net, X, y).loss against the cross-entropy of forward()",
                scalar(loss), scalar(oracle_loss(forward(net, X).output(), y)), {1e-12, 1e-10});
    });
}

TEST(Backprop, GradientsMatchFiniteDifferences)
{
    for_each_case(10, [&](Case& c) {
        grader::NetworkShape shape =
            classifier(c.index == 0 ? grader::Range{1, 1}  // one identity layer
                                    : grader::Range{1, 3});
        if (c.index >= 6)  // "any activations": the last layer need not be linear
            shape.last = {"sigmoid", "tanh", "relu"};
        const Network net = grader::random_network(c, shape);
        const Matrix X = grader::random_inputs(c, net, c.index == 1 ? 1 : c.rng.integer(1, 7));
        const Labels y = grader::random_labels(c, X.shape(0), net.layers.back().W.shape(1));
        c.description += ", y " + list_str(y);
        const LossAndGradients lg = loss_and_gradients(net, X, y);
        const std::size_t L = net.layers.size();
        if (!expect_count(c, "grads.dW", lg.grads.dW.size(), L) ||
            !expect_count(c, "grads.db", lg.grads.db.size(), L))
            return;
        const grader::GradientCheck how{1e-6, {1e-8, 1e-6}};
        for (std::size_t l = 0; l < L; ++l) {
            const std::string at = "layer " + std::to_string(l);
            auto loss_W = [&](const Matrix& W) {
                Network probe = net;
                probe.layers[l].W = W;
                return oracle_loss(forward(probe, X).output(), y);
            };
            auto loss_b = [&](const Vector& b) {
                Network probe = net;
                probe.layers[l].b = b;
                return oracle_loss(forward(probe, X).output(), y);
            };
            if (!expect_gradient(c, at + " dW", lg.grads.dW[l], loss_W, net.layers[l].W, how) ||
                !expect_gradient(c, at + " db", lg.grads.db[l], loss_b, net.layers[l].b, how))
                return;
        }
    });
}

TEST(Backprop, FiniteForExtremeLogits)
{
    for_each_case(4, [&](Case& c) {
        Network net = grader::random_network(
            c, classifier(c.index == 0 ? grader::Range{1, 1} : grader::Range{1, 3}));
        const Matrix X = grader::random_inputs(c, net, c.rng.integer(1, 6));
        // Scale the (identity) last layer so that row 0's logits span 2000, and label row 0 with
        // its smallest logit: its probability underflows to 0, its loss is about 2000.
        const Matrix S0 = forward(net, X).output();
        const auto row = xt::view(S0, 0, xt::all());
        const double spread = xt::amax(row)() - xt::amin(row)();
        const double factor = 2000.0 / std::max(spread, 1e-3);
        net.layers.back().W *= factor;
        net.layers.back().b *= factor;
        const Matrix S = forward(net, X).output();
        Labels y = grader::random_labels(c, X.shape(0), S.shape(1));
        y[0] = static_cast<std::size_t>(xt::argmin(xt::view(S, 0, xt::all()))());
        c.description +=
            ", logits up to " + grader::num(xt::amax(xt::abs(S))()) + ", y " + list_str(y);
        const LossAndGradients lg = loss_and_gradients(net, X, y);
        if (!expect_close(c, "loss_and_gradients(net, X, y).loss", scalar(lg.loss),
                          scalar(oracle_loss(S, y)), {1e-9, 1e-12}) ||
            !expect_count(c, "grads.dW", lg.grads.dW.size(), net.layers.size()) ||
            !expect_count(c, "grads.db", lg.grads.db.size(), net.layers.size()))
            return;
        for (std::size_t l = 0; l < net.layers.size(); ++l) {
            const std::string at = "layer " + std::to_string(l);
            expect_reference(c, at + " dW", lg.grads.dW[l], {1e-9, 1e-7});
            expect_reference(c, at + " db", lg.grads.db[l], {1e-9, 1e-7});
        }
    });
}

// ---- gradient descent ---------------------------------------------------------------------

TEST(Sgd, StepMovesAgainstTheGradient)
{
    for_each_case(5, [&](Case& c) {
        const Network net = grader::random_network(
            c, classifier(c.index == 1 ? grader::Range{1, 1} : grader::Range{1, 3}));
        Gradients grads;
        for (const auto& layer : net.layers) {
            grads.dW.push_back(c.rng.matrix(layer.W.shape(0), layer.W.shape(1), -1, 1));
            grads.db.push_back(c.rng.vector(layer.b.size(), -1, 1));
        }
        const double lr = c.index == 0 ? 0.0 : c.rng.uniform(0.01, 0.5);  // lr 0: no change
        c.description += ", lr " + grader::num(lr);
        Network expected = net;
        for (std::size_t l = 0; l < net.layers.size(); ++l) {
            expected.layers[l].W = net.layers[l].W - lr * grads.dW[l];
            expected.layers[l].b = net.layers[l].b - lr * grads.db[l];
        }
        Network stepped = net;
        sgd_step(stepped, grads, lr);
        grader::expect_network(c, "after sgd_step (W - lr dW, b - lr db)", stepped, expected);
    });
}

TEST(Sgd, WrongGradientCountIsAnError)
{
    for_each_case(4, [&](Case& c) {
        Network net = grader::random_network(
            c, classifier(c.index == 0 ? grader::Range{1, 1} : grader::Range{1, 3}));
        Gradients grads;
        for (const auto& layer : net.layers) {
            grads.dW.push_back(xt::zeros_like(layer.W));
            grads.db.push_back(xt::zeros_like(layer.b));
        }
        // Each count wrong alone, the other right: one missing, one too many.
        for (int wrong = 0; wrong < 4; ++wrong) {
            Gradients g = grads;
            if (wrong < 2)
                wrong == 0 ? g.dW.pop_back() : g.db.pop_back();
            else
                wrong == 2 ? g.dW.push_back(grads.dW.back()) : g.db.push_back(grads.db.back());
            expect_throws<std::invalid_argument>(
                c,
                "sgd_step on " + std::to_string(net.layers.size()) + " layers with " +
                    std::to_string(g.dW.size()) + " dW and " + std::to_string(g.db.size()) + " db",
                [&] { sgd_step(net, g, 0.1); });
        }
    });
}

// ---- training and prediction --------------------------------------------------------------

TEST(Train, LossHistoryMatchesReference)
{
    for_each_case(6, [&](Case& c) {
        Network net = grader::random_network(
            c, classifier(c.index < 2 ? grader::Range{2, 2} : grader::Range{1, 3}));
        const Matrix X = grader::random_inputs(c, net, c.rng.integer(3, 8));
        const Labels y = grader::random_labels(c, X.shape(0), net.layers.back().W.shape(1));
        const double lr = c.rng.uniform(0.05, 0.5);
        const std::size_t epochs = c.index < 2 ? c.index : c.rng.integer(5, 25);  // 0, 1, then more
        c.description += ", lr " + grader::num(lr) + ", " + std::to_string(epochs) + " epochs";
        const Network start = net;
        const std::vector<double> history = train(net, X, y, lr, epochs);
        if (!expect_count(c, "the loss history", history.size(), epochs))
            return;
        if (epochs == 0) {
            grader::expect_network(c, "after 0 epochs (unchanged)", net, start, {0, 0});
            return;
        }
        if (!expect_close(c, "history[0] (the loss of the starting weights)", scalar(history[0]),
                          scalar(oracle_loss(forward(start, X).output(), y)), {1e-12, 1e-10}))
            return;
        expect_reference(c, "train(...) loss history", grader::as_array(history));
        for (std::size_t l = 0; l < net.layers.size(); ++l) {  // net is updated in place
            expect_reference(c, "layer " + std::to_string(l) + " W after training",
                             net.layers[l].W);
            expect_reference(c, "layer " + std::to_string(l) + " b after training",
                             net.layers[l].b);
        }
    });
}

TEST(Predict, ArgmaxOfEachRow)
{
    for_each_case(8, [&](Case& c) {
        grader::NetworkShape shape = classifier();
        if (c.index == 0)
            shape.outputs = {1, 1};  // C = 1: every prediction is 0
        Network net = grader::random_network(c, shape);
        const Matrix X = grader::random_inputs(c, net, c.index == 1 ? 1 : c.rng.integer(2, 9));
        if (c.index == 2 || c.index == 3) {  // logits of about ±1e3; case 2 all far below 0
            const Matrix S = forward(net, X).output();
            const double factor = 1e3 / std::max(xt::amax(xt::abs(S))(), 1e-3);
            net.layers.back().W *= factor;
            net.layers.back().b *= factor;
            if (c.index == 2)
                net.layers.back().b -= 3e3;
            c.description += c.index == 2 ? ", logits near -3e3" : ", logits of ±1e3";
        }
        const Labels expected = first_argmax(forward(net, X).output());
        grader::expect_labels(c, "predict(net, X)", predict(net, X), expected);
    });
}

TEST(Predict, FirstOnTie)
{
    for_each_case(6, [&](Case& c) {
        // Small integers throughout: every logit is exact, so equal logits tie exactly.
        const std::size_t d = c.rng.integer(1, 4), h = c.rng.integer(1, 4), k = c.rng.integer(2, 5);
        auto ints = [&](std::size_t r, std::size_t cols, int lo, int hi) {
            Matrix m = xt::zeros<double>({r, cols});
            for (auto& v : m)
                v = static_cast<double>(lo + static_cast<int>(c.rng.integer(0, hi - lo)));
            return m;
        };
        Network net;
        net.layers.push_back({ints(d, h, -2, 2), grader::row_of(ints(1, h, -1, 1)), "relu"});
        Matrix W = ints(h, k, -1, 1);
        Vector b = grader::row_of(ints(1, k, -1, 1));
        xt::view(W, xt::all(), k - 1) = xt::view(W, xt::all(), k - 2);  // the last two columns tie
        b(k - 1) = b(k - 2);
        if (c.index == 0) {  // every logit equal: the answer is 0 everywhere
            W = xt::zeros_like(W);
            b = xt::ones_like(b);
        }
        net.layers.push_back({W, b, "identity"});
        const Matrix X = ints(c.rng.integer(3, 9), d, -2, 2);
        c.description = "layers " + std::to_string(d) + "-relu-" + std::to_string(h) +
                        "-identity-" + std::to_string(k) + " with integer weights, X " +
                        shape_str(X) + ", logits with exact ties";
        const Labels expected = first_argmax(forward(net, X).output());
        grader::expect_labels(c, "predict(net, X) (the first index on a tie)", predict(net, X),
                              expected);
    });
}

TEST(TwoLayerNet, LearnsXor)
{
    for_each_case(1, [&](Case& c) {
        const Matrix X = data::xor_inputs();
        const Labels y = data::xor_labels();
        Rng rng(0);  // the chapter text's seed 0: N(0, 1/fan_in) weights, row-major, zero biases
        Network net;
        for (auto [in, out, g] : {std::tuple{2, 10, "relu"}, std::tuple{10, 2, "identity"}})
            net.layers.push_back({rng.normal(in, out, 0.0, 1.0 / std::sqrt(double(in))),
                                  xt::zeros<double>({std::size_t(out)}), g});
        c.description = "XOR, 2-10-2, lr 0.1, 1000 epochs, weights from scratchnet::Rng(0)";
        const std::vector<double> history = train(net, X, y, 0.1, 1000);
        if (!expect_count(c, "the loss history", history.size(), 1000))
            return;
        for (std::size_t e = 100; e < 1000; e += 100)
            if (!(history[e] < history[e - 100])) {
                grader::fail(c, "the loss did not fall from epoch " + std::to_string(e - 100) +
                                    " (" + grader::num(history[e - 100]) + ") to epoch " +
                                    std::to_string(e) + " (" + grader::num(history[e]) + ")");
                return;
            }
        if (!(history.back() < history.front()))
            grader::fail(c, "the last loss is not below the first");
        grader::expect_labels(c, "after training, the argmax of the logits",
                              first_argmax(forward(net, X).output()), y);
        expect_reference(c, "the loss history", grader::as_array(history), {1e-9, 1e-6});
    });
}

// ---- gradient checker ---------------------------------------------------------------------

TEST(GradCheck, ExactGradientPasses)
{
    for_each_case(6, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 4}, {1, 4}});
        const std::size_t R = s[0], K = s[1];
        const Matrix x = c.rng.matrix(R, K, 0.5, 2.0), before = x;
        Matrix zeros = x * xt::where(c.rng.matrix(R, K, 0, 1) < 0.5, -1.0, 1.0);
        grader::sprinkle(c, zeros, 0.0, 0.3);
        zeros(0, 0) = 0.0;  // 0 where both gradients are 0
        Matrix product = xt::zeros_like(x);
        product(0, 0) += x(R - 1, K - 1);
        product(R - 1, K - 1) += x(0, 0);
        c.description = "x " + shape_str(x);
        struct Exact {
            std::string f_name;
            std::function<double(const Matrix&)> f;
            Matrix at, gradient;
        };
        for (const Exact& e : std::vector<Exact>{
                 // coupled entries first, then with exact zeros
                 {"(sum x)^2", [](const Matrix& m) { return std::pow(xt::sum(m)(), 2); }, x,
                  xt::ones_like(x) * 2.0 * xt::sum(x)()},
                 {"x(0,0) x(R-1,K-1)",
                  [R, K](const Matrix& m) { return m(0, 0) * m(R - 1, K - 1); }, x, product},
                 {"sum x^2 with zeros", [](const Matrix& m) { return xt::sum(m * m)(); }, zeros,
                  2.0 * zeros},
                 {"sum x^3", [](const Matrix& m) { return xt::sum(m * m * m)(); }, x,
                  3.0 * x * x}}) {
            const GradCheck r = gradient_check(e.f, e.at, e.gradient);
            if (!(r.max_relative_error < 1e-7))
                return grader::fail(c, "gradient_check of " + e.f_name +
                                           " with its exact gradient reports a relative error of " +
                                           grader::num(r.max_relative_error) + " at (" +
                                           std::to_string(r.row) + ", " + std::to_string(r.col) +
                                           "); central differences give below 1e-7");
        }
        expect_close(c, "x after gradient_check (it must not change)", x, before, {0, 0});
    });
}

TEST(GradCheck, FindsTheWrongEntry)
{
    for_each_case(6, [&](Case& c) {
        const Matrix x = c.rng.matrix(c.rng.integer(2, 5), c.rng.integer(2, 5), -2.0, 2.0);
        const double scale = c.index == 0 ? 1e-9 : 1.0;  // tiny gradients: the definition exactly
        auto f = [scale](const Matrix& m) { return scale * xt::sum(xt::sin(m))(); };
        const Matrix exact = scale * xt::cos(x);
        Matrix analytic = exact;
        const std::size_t r = c.rng.integer(0, x.shape(0) - 1),
                          k = c.rng.integer(0, x.shape(1) - 1);
        analytic(r, k) += (c.rng.coin() ? 1.0 : -1.0) * (0.2 * scale + 0.5 * std::abs(exact(r, k)));
        c.description = "x " + shape_str(x) + ", f = " + grader::num(scale) +
                        " sum(sin x), analytic gradient wrong at (" + std::to_string(r) + ", " +
                        std::to_string(k) + ")";
        const GradCheck result = gradient_check(f, x, analytic, 1e-5);
        if (result.row != r || result.col != k) {
            grader::fail(c, "gradient_check reports its worst entry at (" +
                                std::to_string(result.row) + ", " + std::to_string(result.col) +
                                "); the wrong entry is at (" + std::to_string(r) + ", " +
                                std::to_string(k) + ")");
            return;
        }
        const double a = analytic(r, k), n = exact(r, k);
        const double rel = std::abs(a - n) / std::max(std::abs(a), std::abs(n));
        expect_close(c, "max_relative_error (|a - n| / max(|a|, |n|))",
                     scalar(result.max_relative_error), scalar(rel), {1e-9, 1e-6});
        expect_close(c, "analytic at the worst entry", scalar(result.analytic), scalar(a),
                     {0, 1e-12});
        expect_close(c, "numeric at the worst entry", scalar(result.numeric), scalar(n),
                     {1e-8 * scale, 1e-6});
    });
}

TEST(GradCheck, FirstWorstEntryOnTie)
{
    for_each_case(7, [&](Case& c) {
        const std::size_t R = c.rng.integer(2, 4), K = c.rng.integer(2, 4);
        Matrix x = c.rng.matrix(R, K, 0.2, 1.2);  // cos x is far from 0
        Matrix analytic = xt::cos(x);
        std::function<double(const Matrix&)> f = [](const Matrix& m) {
            return xt::sum(xt::sin(m))();
        };
        double h = 1e-5, rel = 1.0;
        std::vector<std::size_t>
            planted;         // analytic 0 where numeric is not: relative error exactly 1
        if (c.index == 0) {  // every gradient 0: every relative error 0
            analytic = xt::zeros_like(x);
            f = [](const Matrix& m) { return 0.0 * m(0, 0); };
            rel = 0.0;
        } else if (c.index == 1) {  // f = 3 sum x on integers with h = 1/2: numeric is exactly 3
            x = xt::round(x * 4.0);
            analytic = xt::ones_like(x) * 3.0;
            f = [](const Matrix& m) { return 3.0 * xt::sum(m)(); };
            h = 0.5;
            rel = 0.0;
        } else {
            planted = {c.index % 2 ? R * K - 2 : c.rng.integer(0, R * K - 2), R * K - 1};
            if (c.index >= 4)
                planted.insert(planted.begin(), c.rng.integer(0, R * K - 3));
            for (std::size_t i : planted)
                analytic.data()[i] = 0.0;
        }
        const std::size_t first =
            planted.empty() ? 0 : *std::min_element(planted.begin(), planted.end());
        c.description =
            "x " + shape_str(x) +
            (c.index == 0   ? ", f = 0, every gradient 0"
             : c.index == 1 ? ", f = 3 sum x, x integer, h 0.5: every error exactly 0"
                            : ", f = sum(sin x), analytic 0 at flat indices " + list_str(planted));
        const GradCheck result = gradient_check(f, x, analytic, h);
        if (result.row != first / K || result.col != first % K)
            return grader::fail(
                c, "gradient_check reports (" + std::to_string(result.row) + ", " +
                       std::to_string(result.col) +
                       ") as the worst entry; the relative errors tie, the first is (" +
                       std::to_string(first / K) + ", " + std::to_string(first % K) + ")");
        expect_close(c, "max_relative_error", scalar(result.max_relative_error), scalar(rel),
                     {0, 0});
        expect_close(c, "analytic at the worst entry", scalar(result.analytic),
                     scalar(analytic.data()[first]), {0, 0});
        expect_close(c, "numeric at the worst entry", scalar(result.numeric),
                     scalar(c.index == 1   ? 3.0
                            : c.index == 0 ? 0.0
                                           : std::cos(x.data()[first])),
                     {0, 1e-9});
    });
}

TEST(GradCheck, HonoursTheStep)
{
    for_each_case(4, [&](Case& c) {
        const Matrix x = c.rng.matrix(c.rng.integer(1, 4), c.rng.integer(1, 4), 0.3, 2.0);
        const double h = std::vector<double>{0.1, 0.05, 0.2, 0.02}[c.index];
        auto f = [](const Matrix& m) { return xt::sum(m * m * m)(); };
        const Matrix analytic = 3.0 * x * x;  // central differences with step h give 3x^2 + h^2
        const Matrix numeric = grader::numeric_gradient(f, x, h);
        const Matrix rel =
            xt::abs(analytic - numeric) / xt::maximum(xt::abs(analytic), xt::abs(numeric));
        const auto worst = std::max_element(rel.begin(), rel.end()) - rel.begin();  // the first
        c.description = "x " + shape_str(x) + ", f = sum(x^3), h " + grader::num(h);
        const GradCheck result = gradient_check(f, x, analytic, h);
        if (expect_close(c, "max_relative_error with step h (about h^2 / 3x^2)",
                         scalar(result.max_relative_error), scalar(rel.data()[worst]),
                         {1e-12, 1e-6}))
            expect_close(c, "numeric at the worst entry (with step h)", scalar(result.numeric),
                         scalar(numeric.data()[worst]), {1e-12, 1e-9});
    });
}

TEST(GradCheck, ShapeMismatchNamesBothShapes)
{
    for_each_case(3, [&](Case& c) {
        const std::size_t R = c.rng.integer(2, 4), K = grader::distinct_number(c, 2, 5, {R});
        const Matrix x = c.rng.matrix(R, K, -1, 1);
        c.description = "x " + shape_str(x);
        auto f = [](const Matrix& m) { return xt::sum(m)(); };
        // Rows wrong alone, columns wrong alone (more and fewer), and the transpose (same size).
        for (auto [r, k] : std::vector<std::pair<std::size_t, std::size_t>>{
                 {R + 1, K}, {R - 1, K}, {R, K + 1}, {R, K - 1}, {K, R}}) {
            const Matrix wrong = c.rng.matrix(r, k, -1, 1);
            expect_throws<std::invalid_argument>(
                c, "gradient_check with x " + shape_str(x) + " and analytic " + shape_str(wrong),
                [&] { gradient_check(f, x, wrong); }, {shape_str(x), shape_str(wrong)});
        }
    });
}

// ---- PyTorch goldens (tools/make_goldens.py), one check per function ----------------------

TEST(PyTorch, SoftmaxMatchesGoldenValues)
{
    for_each_case(1, [&](Case& c) {
        const auto j = grader::read_golden(SCRATCHNET_GRADER_DIR, "softmax.json", kGoldens);
        c.description = "softmax.json, written by PyTorch (float64)";
        expect_close(c, "softmax(S) against PyTorch", softmax(grader::json_matrix(j["S"])),
                     grader::json_matrix(j["P"]), {1e-14, 1e-10});
    });
}

TEST(PyTorch, CrossEntropyMatchesGoldenValues)
{
    for_each_case(1, [&](Case& c) {
        const auto j = grader::read_golden(SCRATCHNET_GRADER_DIR, "cross_entropy.json", kGoldens);
        c.description = "cross_entropy.json, written by PyTorch (float64)";
        expect_close(
            c, "cross_entropy(S, y) against PyTorch",
            scalar(cross_entropy(grader::json_matrix(j["S"]), grader::json_labels(j["y"]))),
            scalar(j["loss"].get<double>()), {1e-14, 1e-10});
    });
}

TEST(PyTorch, CrossEntropyGradientMatchesGoldenValues)
{
    for_each_case(1, [&](Case& c) {
        const auto j = grader::read_golden(SCRATCHNET_GRADER_DIR, "cross_entropy.json", kGoldens);
        c.description = "cross_entropy.json, written by PyTorch (float64)";
        expect_close(
            c, "cross_entropy_gradient(S, y) against PyTorch",
            cross_entropy_gradient(grader::json_matrix(j["S"]), grader::json_labels(j["y"])),
            grader::json_matrix(j["dS"]), {1e-14, 1e-10});
    });
}

TEST(PyTorch, DenseBackwardMatchesGoldenValues)
{
    for_each_case(1, [&](Case& c) {
        const auto j = grader::read_golden(SCRATCHNET_GRADER_DIR, "dense_backward.json", kGoldens);
        c.description = "dense_backward.json, written by PyTorch (float64)";
        const DenseGradients g = dense_backward(
            grader::json_matrix(j["dZ"]), grader::json_matrix(j["X"]), grader::json_matrix(j["W"]));
        const grader::Tolerance tol{1e-14, 1e-10};
        expect_close(c, "dX against PyTorch", g.dX, grader::json_matrix(j["dX"]), tol);
        expect_close(c, "dW against PyTorch", g.dW, grader::json_matrix(j["dW"]), tol);
        expect_close(c, "db against PyTorch", g.db, grader::json_vector(j["db"]), tol);
    });
}

namespace {
Network golden_two_layer_net(const nlohmann::json& j)
{
    Network net;
    net.layers.push_back({grader::json_matrix(j["W1"]), grader::json_vector(j["b1"]), "relu"});
    net.layers.push_back({grader::json_matrix(j["W2"]), grader::json_vector(j["b2"]), "identity"});
    return net;
}
}  // namespace

TEST(PyTorch, TwoLayerGradientsMatchGoldenValues)
{
    for_each_case(1, [&](Case& c) {
        const auto j = grader::read_golden(SCRATCHNET_GRADER_DIR, "two_layer_step.json", kGoldens);
        c.description = "two_layer_step.json, written by PyTorch (float64)";
        const LossAndGradients lg = loss_and_gradients(
            golden_two_layer_net(j), grader::json_matrix(j["X"]), grader::json_labels(j["y"]));
        const grader::Tolerance tol{1e-14, 1e-10};
        expect_close(c, "two-layer loss against PyTorch", scalar(lg.loss),
                     scalar(j["loss"].get<double>()), tol);
        if (!expect_count(c, "grads.dW", lg.grads.dW.size(), 2) ||
            !expect_count(c, "grads.db", lg.grads.db.size(), 2))
            return;
        expect_close(c, "dW1 against PyTorch", lg.grads.dW[0], grader::json_matrix(j["dW1"]), tol);
        expect_close(c, "db1 against PyTorch", lg.grads.db[0], grader::json_vector(j["db1"]), tol);
        expect_close(c, "dW2 against PyTorch", lg.grads.dW[1], grader::json_matrix(j["dW2"]), tol);
        expect_close(c, "db2 against PyTorch", lg.grads.db[1], grader::json_vector(j["db2"]), tol);
    });
}

TEST(PyTorch, SgdStepMatchesGoldenValues)
{
    for_each_case(1, [&](Case& c) {
        const auto j = grader::read_golden(SCRATCHNET_GRADER_DIR, "two_layer_step.json", kGoldens);
        c.description = "two_layer_step.json (PyTorch's gradients and step, float64)";
        Network net = golden_two_layer_net(j);
        Gradients grads{{grader::json_matrix(j["dW1"]), grader::json_matrix(j["dW2"])},
                        {grader::json_vector(j["db1"]), grader::json_vector(j["db2"])}};
        sgd_step(net, grads, j["lr"].get<double>());
        Network expected = net;
        expected.layers[0].W = grader::json_matrix(j["W1_next"]);
        expected.layers[0].b = grader::json_vector(j["b1_next"]);
        expected.layers[1].W = grader::json_matrix(j["W2_next"]);
        expected.layers[1].b = grader::json_vector(j["b2_next"]);
        grader::expect_network(c, "after one SGD step against PyTorch", net, expected,
                               {1e-14, 1e-10});
    });
}
