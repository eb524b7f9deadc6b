// Chapter 05 hidden checks. Expected values come from the checks' own oracle (the penalty as a
// plain sum of squares, written below), from central finite differences of a regularized loss
// the checks compute themselves (chapter 02's reference cross-entropy of the reference forward
// pass plus that sum), from the reference's loss_and_gradients and sgd_step of chapter 02, from
// invariants and from the recorded reference — never from literals in the learner's files. Each
// check calls only the learner function it grades; chapters 01–04 are the reference's.
// BOUNDARIES.md maps every contract clause to its cases.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

#include "harness.hpp"
#include "l2_regularization.hpp"
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
using grader::scalar;

namespace {

const grader::ChapterSeed seed{0x05a17c3e9b2d4f61ULL};

// The chapter's classifiers: identity logits, 2 to 5 classes, weights scaled by fan-in.
// Case 0 has one layer, case 1 a hidden width of 1 (when it has a hidden layer).
grader::NetworkShape classifier(const Case& c)
{
    grader::NetworkShape shape;
    shape.layers = c.index == 0 ? grader::Range{1, 1} : grader::Range{2, 3};
    shape.widths = c.index == 1 ? grader::Range{1, 1} : grader::Range{1, 5};
    shape.outputs = {2, 5};
    shape.hidden = {"relu", "sigmoid", "tanh"};
    shape.last = {"identity"};
    shape.scale_by_fan_in = true;
    shape.bias_range = 1.0;  // biases well away from 0: penalizing them shows
    return shape;
}

// The λ of case k: 0 and 1e-8 first (when asked), then 1 and 10, then random in [0.01, 3].
double lambda_of(Case& c, bool zero_first)
{
    const std::vector<double> fixed = zero_first ? std::vector<double>{0.0, 1e-8, 1.0, 10.0}
                                                 : std::vector<double>{1e-8, 1.0, 10.0};
    if (static_cast<std::size_t>(c.index) < fixed.size())
        return fixed[c.index];
    return c.rng.uniform(0.01, 3.0);
}

// The checks' own ½λ Σ_l Σ_ij W_ij², plain loops over the weights only.
double oracle_penalty(const Network& net, double lambda)
{
    double squares = 0.0;
    for (const Layer& layer : net.layers)
        for (double w : layer.W)
            squares += w * w;
    return 0.5 * lambda * squares;
}

// The checks' own regularized loss: chapter 02's reference cross-entropy of the reference
// forward pass, plus the oracle's penalty.
double oracle_loss(const Network& net, const Matrix& X, const Labels& y, double lambda)
{
    return cross_entropy(forward(net, X).output(), y) + oracle_penalty(net, lambda);
}

// Sets layer `l`'s W to zeros (the penalty's and the gradient's boundary) when `zero` is set.
void zero_weights_of(Case& c, Network& net, bool zero)
{
    if (!zero)
        return;
    const std::size_t l = c.rng.integer(0, net.layers.size() - 1);
    net.layers[l].W = xt::zeros_like(net.layers[l].W);
    c.description += ", layer " + std::to_string(l) + " W = 0";
}

Gradients random_gradients(Case& c, const Network& net)
{
    Gradients grads;
    for (const auto& layer : net.layers) {
        grads.dW.push_back(c.rng.matrix(layer.W.shape(0), layer.W.shape(1), -1, 1));
        grads.db.push_back(c.rng.vector(layer.b.size(), -1, 1));
    }
    return grads;
}

// The bad values of λ, each alone: −denorm_min, a negative whole number (which the message must
// give), NaN, +inf and −inf. The valid neighbours: 0, −0.0, denorm_min and a large λ.
struct BadLambda {
    double value;
    std::string text;
    std::vector<std::string> must_mention;
};

std::vector<BadLambda> bad_lambdas(Case& c)
{
    const double inf = std::numeric_limits<double>::infinity();
    const std::size_t k = grader::distinct_number(c, 21, 99, {});
    const std::string minus_k = "-" + std::to_string(k);
    return {{-std::numeric_limits<double>::denorm_min(), "-denorm_min", {"lambda"}},
            {-static_cast<double>(k), minus_k, {"lambda", minus_k}},
            {std::nan(""), "NaN", {"lambda"}},
            {inf, "+inf", {"lambda"}},
            {-inf, "-inf", {"lambda"}}};
}

std::vector<std::pair<double, std::string>> valid_lambdas()
{
    return {{0.0, "0"},
            {-0.0, "-0.0"},
            {std::numeric_limits<double>::denorm_min(), "denorm_min"},
            {1e6, "1e6"}};
}

// Bit-for-bit equality of two matrices (shape first), naming the first entry that differs.
template <class E>
bool expect_identical(const Case& c, const std::string& what, const E& got, const E& expected)
{
    return expect_close(c, what, got, expected, {0, 0});
}

}  // namespace

// ---- l2_penalty ---------------------------------------------------------------------------

TEST(L2Penalty, MatchesOwnSum)
{
    for_each_case(10, [&](Case& c) {
        Network net = grader::random_network(c, classifier(c));
        zero_weights_of(c, net, c.index == 5 || c.index == 6);
        if (c.index == 6)  // every W zero: the penalty is 0 whatever λ and the biases
            for (auto& layer : net.layers)
                layer.W = xt::zeros_like(layer.W);
        const double lambda = c.index == 7 ? -0.0 : lambda_of(c, true);
        c.description += ", lambda " + num(lambda) + (c.index == 6 ? ", every W = 0" : "");
        const double penalty = l2_penalty(net, lambda);
        if (lambda == 0.0 || c.index == 6) {
            expect_close(c, "l2_penalty(net, " + num(lambda) + ")", scalar(penalty), scalar(0.0),
                         {0, 0});
            return;
        }
        if (expect_close(c, "l2_penalty(net, lambda) against λ/2 · Σ_l Σ_ij W_ij²", scalar(penalty),
                         scalar(oracle_penalty(net, lambda)), {1e-300, 1e-12}))
            expect_reference(c, "l2_penalty(net, lambda)", scalar(penalty), {1e-300, 1e-12});
    });
}

TEST(L2Penalty, LeavesBiasesOut)
{
    for_each_case(6, [&](Case& c) {
        Network net = grader::random_network(c, classifier(c));
        const double lambda = c.index == 1 ? 1.0 : c.rng.uniform(0.1, 10.0);
        c.description += ", lambda " + num(lambda) + ", biases in ±3";
        for (auto& layer : net.layers)
            layer.b = c.rng.vector(layer.b.size(), -3.0, 3.0);
        const double with_biases = l2_penalty(net, lambda);
        Network other = net;  // the same W, other biases: zeros, then large ones
        for (auto& layer : other.layers)
            layer.b = xt::zeros_like(layer.b);
        expect_close(c, "l2_penalty with every b = 0 against the same W with biases in ±3",
                     scalar(l2_penalty(other, lambda)), scalar(with_biases), {0, 0});
        for (auto& layer : other.layers)
            layer.b = c.rng.vector(layer.b.size(), 10.0, 20.0);
        expect_close(c, "l2_penalty with every b in [10, 20] against the same W with biases in ±3",
                     scalar(l2_penalty(other, lambda)), scalar(with_biases), {0, 0});
        Network flat = net;  // every W zero, the biases kept: nothing to penalize
        for (auto& layer : flat.layers)
            layer.W = xt::zeros_like(layer.W);
        expect_close(c, "l2_penalty with every W = 0 and biases in ±3",
                     scalar(l2_penalty(flat, lambda)), scalar(0.0), {0, 0});
    });
}

TEST(L2Penalty, BadLambdaIsAClearError)
{
    for_each_case(3, [&](Case& c) {
        const Network net = grader::random_network(c, classifier(c));
        for (const BadLambda& bad : bad_lambdas(c))
            expect_throws<std::invalid_argument>(
                c, "l2_penalty(net, " + bad.text + ")", [&] { l2_penalty(net, bad.value); },
                bad.must_mention);
        for (const auto& valid : valid_lambdas())
            expect_no_throw(c, "l2_penalty(net, " + valid.second + ")",
                            [&] { l2_penalty(net, valid.first); });
    });
}

// ---- l2_loss_and_gradients ----------------------------------------------------------------

TEST(L2Loss, LossAddsThePenalty)
{
    for_each_case(8, [&](Case& c) {
        Network net = grader::random_network(c, classifier(c));
        zero_weights_of(c, net, c.index == 4);
        const double lambda = lambda_of(c, false);
        // N = 1 once, else 2 to 9 rows: a penalty divided by N (or multiplied) shows.
        const Matrix X = grader::random_inputs(c, net, c.index == 3 ? 1 : c.rng.integer(2, 9));
        const Labels y = grader::random_labels(c, X.shape(0), net.layers.back().W.shape(1));
        c.description += ", lambda " + num(lambda);
        const double data = loss_and_gradients(net, X, y).loss;
        const double penalty = oracle_penalty(net, lambda);
        const double loss = l2_loss_and_gradients(net, X, y, lambda).loss;
        if (!expect_close(c,
                          "l2_loss_and_gradients(net, X, y, lambda).loss against chapter 02's "
                          "loss (" +
                              num(data) + ") + λ/2 · Σ W² (" + num(penalty) + ")",
                          scalar(loss), scalar(data + penalty), {1e-300, 1e-12}))
            return;
        // The same network on the first row alone: the penalty does not depend on N.
        const Matrix X1 = xt::view(X, xt::range(0, 1), xt::all());
        const Labels y1(y.begin(), y.begin() + 1);
        const double data1 = loss_and_gradients(net, X1, y1).loss;
        expect_close(c,
                     "the loss minus chapter 02's loss, for 1 row against " +
                         std::to_string(X.shape(0)) + " rows (the penalty does not depend on N)",
                     scalar(l2_loss_and_gradients(net, X1, y1, lambda).loss - data1),
                     scalar(loss - data), {1e-12, 1e-9});
        expect_reference(c, "l2_loss_and_gradients(net, X, y, lambda).loss", scalar(loss),
                         {1e-300, 1e-12});
    });
}

TEST(L2Loss, GradientMatchesFiniteDifferences)
{
    for_each_case(10, [&](Case& c) {
        Network net = grader::random_network(c, classifier(c));
        zero_weights_of(c, net, c.index == 4);
        const double lambda = lambda_of(c, false);
        const Matrix X = grader::random_inputs(c, net, c.index == 3 ? 1 : c.rng.integer(2, 7));
        const Labels y = grader::random_labels(c, X.shape(0), net.layers.back().W.shape(1));
        c.description += ", y " + grader::list_str(y) + ", lambda " + num(lambda);
        const LossAndGradients lg = l2_loss_and_gradients(net, X, y, lambda);
        const std::size_t L = net.layers.size();
        if (!expect_count(c, "grads.dW", lg.grads.dW.size(), L) ||
            !expect_count(c, "grads.db", lg.grads.db.size(), L))
            return;
        // The loss whose derivatives these are: chapter 02's mean cross-entropy + ½λ Σ W².
        const grader::GradientCheck how{1e-5, {1e-8, 1e-6}};
        for (std::size_t l = 0; l < L; ++l) {
            const std::string at = "layer " + std::to_string(l);
            auto loss_W = [&](const Matrix& W) {
                Network probe = net;
                probe.layers[l].W = W;
                return oracle_loss(probe, X, y, lambda);
            };
            auto loss_b = [&](const Vector& b) {
                Network probe = net;
                probe.layers[l].b = b;
                return oracle_loss(probe, X, y, lambda);
            };
            if (!expect_gradient(c, at + " dW of the regularized loss", lg.grads.dW[l], loss_W,
                                 net.layers[l].W, how) ||
                !expect_gradient(c, at + " db of the regularized loss", lg.grads.db[l], loss_b,
                                 net.layers[l].b, how))
                return;
        }
    });
}

TEST(L2Loss, BiasGradientsUnchanged)
{
    for_each_case(6, [&](Case& c) {
        Network net = grader::random_network(c, classifier(c));
        for (auto& layer : net.layers)  // large biases: a λb term would be large too
            layer.b = c.rng.vector(layer.b.size(), -3.0, 3.0);
        const double lambda =
            c.index < 3 ? std::vector<double>{1.0, 10.0, 100.0}[c.index] : c.rng.uniform(0.1, 10.0);
        const Matrix X = grader::random_inputs(c, net, c.rng.integer(1, 6));
        const Labels y = grader::random_labels(c, X.shape(0), net.layers.back().W.shape(1));
        c.description += ", biases in ±3, lambda " + num(lambda);
        const LossAndGradients lg = l2_loss_and_gradients(net, X, y, lambda);
        const Gradients data = loss_and_gradients(net, X, y).grads;
        if (!expect_count(c, "grads.db", lg.grads.db.size(), net.layers.size()))
            return;
        for (std::size_t l = 0; l < net.layers.size(); ++l)
            expect_close(c, "layer " + std::to_string(l) + " db against chapter 02's db",
                         lg.grads.db[l], data.db[l], {1e-15, 1e-15});
    });
}

TEST(L2Loss, ZeroLambdaIsChapter02)
{
    for_each_case(6, [&](Case& c) {
        Network net = grader::random_network(c, classifier(c));
        zero_weights_of(c, net, c.index == 4);
        const double lambda = c.index % 2 ? -0.0 : 0.0;
        const Matrix X = grader::random_inputs(c, net, c.index == 2 ? 1 : c.rng.integer(2, 8));
        const Labels y = grader::random_labels(c, X.shape(0), net.layers.back().W.shape(1));
        const std::string l = c.index % 2 ? "-0.0" : "0";
        c.description += ", lambda " + l;
        const LossAndGradients lg = l2_loss_and_gradients(net, X, y, lambda);
        const LossAndGradients expected = loss_and_gradients(net, X, y);
        const std::string call = "l2_loss_and_gradients(net, X, y, " + l + ")";
        if (!expect_identical(c, call + ".loss against chapter 02's loss", scalar(lg.loss),
                              scalar(expected.loss)) ||
            !expect_count(c, "grads.dW", lg.grads.dW.size(), net.layers.size()) ||
            !expect_count(c, "grads.db", lg.grads.db.size(), net.layers.size()))
            return;
        for (std::size_t k = 0; k < net.layers.size(); ++k) {
            const std::string at = "layer " + std::to_string(k);
            expect_identical(c, at + " dW against chapter 02's", lg.grads.dW[k],
                             expected.grads.dW[k]);
            expect_identical(c, at + " db against chapter 02's", lg.grads.db[k],
                             expected.grads.db[k]);
        }
    });
}

TEST(L2Loss, BadLambdaIsAClearError)
{
    for_each_case(3, [&](Case& c) {
        const Network net = grader::random_network(c, classifier(c));
        const Matrix X = grader::random_inputs(c, net, c.rng.integer(1, 5));
        const std::size_t C = net.layers.back().W.shape(1);
        const Labels y = grader::random_labels(c, X.shape(0), C);
        for (const BadLambda& bad : bad_lambdas(c))
            expect_throws<std::invalid_argument>(
                c, "l2_loss_and_gradients(net, X, y, " + bad.text + ")",
                [&] { l2_loss_and_gradients(net, X, y, bad.value); }, bad.must_mention);
        for (const auto& valid : valid_lambdas())
            expect_no_throw(c, "l2_loss_and_gradients(net, X, y, " + valid.second + ")",
                            [&] { l2_loss_and_gradients(net, X, y, valid.first); });
        Labels wrong = y;  // what loss_and_gradients throws, with a valid λ
        wrong.back() = C;
        expect_throws<std::invalid_argument>(c,
                                             "l2_loss_and_gradients with label " +
                                                 std::to_string(C) + " for " + std::to_string(C) +
                                                 " classes, lambda 1",
                                             [&] { l2_loss_and_gradients(net, X, wrong, 1.0); });
    });
}

// ---- weight_decay_step --------------------------------------------------------------------

TEST(WeightDecay, EqualsL2Sgd)
{
    for_each_case(10, [&](Case& c) {
        Network net = grader::random_network(c, classifier(c));
        zero_weights_of(c, net, c.index == 4);
        // λ 0, 1e-8, 1, 10, random; lr·λ ≥ 1 in cases 5 (exactly 1) and 6 (the factor < 0).
        double lambda = lambda_of(c, true), lr = c.rng.uniform(0.01, 0.5);
        if (c.index == 5) {
            lambda = 4.0;
            lr = 0.25;
        } else if (c.index == 6) {
            lambda = c.rng.uniform(5.0, 20.0);
            lr = c.rng.uniform(0.3, 0.5);
        } else if (c.index == 7) {
            lr = 0.0;  // nothing moves
        }
        // Data gradients: chapter 02's on a batch (cases 8, 9), else random ones.
        Gradients grads;
        if (c.index >= 8) {
            const Matrix X = grader::random_inputs(c, net, c.rng.integer(1, 6));
            grads = loss_and_gradients(
                        net, X, grader::random_labels(c, X.shape(0), net.layers.back().W.shape(1)))
                        .grads;
        } else {
            grads = random_gradients(c, net);
        }
        c.description += ", lr " + num(lr) + ", lambda " + num(lambda) +
                         ", 1 - lr·lambda = " + num(1 - lr * lambda);
        Gradients l2 = grads;  // the L2 gradients: dW + λW, db unchanged
        for (std::size_t l = 0; l < net.layers.size(); ++l)
            l2.dW[l] = grads.dW[l] + lambda * net.layers[l].W;
        Network expected = net;
        sgd_step(expected, l2, lr);
        Network stepped = net;
        weight_decay_step(stepped, grads, lr, lambda);
        grader::expect_network(c, "after weight_decay_step, against sgd_step on dW + λW, db",
                               stepped, expected, {1e-12, 1e-12});
    });
}

TEST(WeightDecay, BiasesNeverDecay)
{
    for_each_case(6, [&](Case& c) {
        Network net = grader::random_network(c, classifier(c));
        for (auto& layer : net.layers)
            layer.b = c.rng.vector(layer.b.size(), -3.0, 3.0);
        const double lambda = c.index < 2 ? 10.0 : c.rng.uniform(0.5, 10.0);
        const double lr = c.rng.uniform(0.05, 0.5);
        Gradients grads = random_gradients(c, net);
        const bool zero_db = c.index % 2 == 0;  // db = 0: b must not move at all
        if (zero_db)
            for (auto& db : grads.db)
                db = xt::zeros_like(db);
        c.description += ", biases in ±3, lr " + num(lr) + ", lambda " + num(lambda) +
                         (zero_db ? ", every db = 0" : "");
        Network stepped = net;
        weight_decay_step(stepped, grads, lr, lambda);
        if (!expect_count(c, "the network's layers", stepped.layers.size(), net.layers.size()))
            return;
        for (std::size_t l = 0; l < net.layers.size(); ++l)
            expect_close(c,
                         "layer " + std::to_string(l) +
                             (zero_db ? " b after the step (db = 0: unchanged)" : " b - lr db"),
                         stepped.layers[l].b, Vector(net.layers[l].b - lr * grads.db[l]),
                         {1e-15, 1e-15});
    });
}

TEST(WeightDecay, BadInputChangesNothing)
{
    for_each_case(4, [&](Case& c) {
        Network net = grader::random_network(c, classifier(c));  // case 0: one layer
        const Gradients grads = random_gradients(c, net);
        const Network before = net;
        const std::string L = std::to_string(net.layers.size());
        // Each count wrong alone, the other right: one missing, one too many.
        for (int wrong = 0; wrong < 4; ++wrong) {
            Gradients g = grads;
            if (wrong < 2)
                wrong == 0 ? g.dW.pop_back() : g.db.pop_back();
            else
                wrong == 2 ? g.dW.push_back(grads.dW.back()) : g.db.push_back(grads.db.back());
            const std::string what = "weight_decay_step on " + L + " layers with " +
                                     std::to_string(g.dW.size()) + " dW and " +
                                     std::to_string(g.db.size()) + " db";
            if (expect_throws<std::invalid_argument>(c, what,
                                                     [&] { weight_decay_step(net, g, 0.1, 0.5); }))
                grader::expect_network(c, "after " + what + " threw (unchanged)", net, before,
                                       {0, 0});
            net = before;
        }
        for (const BadLambda& bad : bad_lambdas(c)) {
            const std::string what = "weight_decay_step(net, grads, 0.1, " + bad.text + ")";
            if (expect_throws<std::invalid_argument>(
                    c, what, [&] { weight_decay_step(net, grads, 0.1, bad.value); },
                    bad.must_mention))
                grader::expect_network(c, "after " + what + " threw (unchanged)", net, before,
                                       {0, 0});
            net = before;
        }
        for (const auto& valid : valid_lambdas()) {
            expect_no_throw(c, "weight_decay_step(net, grads, 0.1, " + valid.second + ")",
                            [&] { weight_decay_step(net, grads, 0.1, valid.first); });
            net = before;
        }
    });
}
