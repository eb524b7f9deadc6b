// Chapter 02 hidden checks. Expected values come from the reference solution (recorded), from
// central finite differences of losses the checks compute themselves, from invariants, and from
// golden values written by PyTorch (tools/make_goldens.py) — never from literals in the
// learner's files.
#include <algorithm>
#include <cmath>
#include <fstream>

#include <nlohmann/json.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

#include "backpropagation.hpp"
#include "harness.hpp"

using namespace scratchnet;
using grader::Case;
using grader::expect_close;
using grader::expect_reference;
using grader::expect_throws;
using grader::for_each_case;

namespace {

const grader::ChapterSeed seed{0x02b4c7e19d3f5a61ULL};

xt::xarray<double> scalar(double v) { return xt::xarray<double>{v}; }

xt::xarray<double> as_array(const Labels& y)
{
    xt::xarray<double> a = xt::zeros<double>({y.size()});
    for (std::size_t i = 0; i < y.size(); ++i)
        a(i) = static_cast<double>(y[i]);
    return a;
}

xt::xarray<double> as_array(const std::vector<double>& v)
{
    xt::xarray<double> a = xt::zeros<double>({v.size()});
    std::copy(v.begin(), v.end(), a.begin());
    return a;
}

std::string labels_str(const Labels& y)
{
    std::string s = "[";
    for (std::size_t i = 0; i < y.size(); ++i)
        s += (i ? " " : "") + std::to_string(y[i]);
    return s + "]";
}

struct LogitsAndLabels {
    Matrix S;
    Labels y;
};

// Logits S: (N, C) in [-range, range) and labels y: (N); case 1 has a batch of one.
LogitsAndLabels random_logits_and_labels(Case& c, double range)
{
    std::size_t n = c.index == 0 ? 1 : c.rng.integer(2, 9), k = c.rng.integer(2, 6);
    Matrix S = c.rng.matrix(n, k, -range, range);
    Labels y = random_labels(c, n, k);
    c.description = "S " + shape_str(S) + ", y " + labels_str(y);
    return {S, y};
}

// The checks' own mean cross-entropy, written with plain loops (max subtracted), used as the
// oracle for finite differences so that a wrong learner loss cannot hide a wrong gradient.
double oracle_loss(const Matrix& S, const Labels& y)
{
    double total = 0.0;
    for (std::size_t n = 0; n < S.shape(0); ++n) {
        double m = S(n, 0);
        for (std::size_t k = 1; k < S.shape(1); ++k)
            m = std::max(m, S(n, k));
        double sum = 0.0;
        for (std::size_t k = 0; k < S.shape(1); ++k)
            sum += std::exp(S(n, k) - m);
        total += m + std::log(sum) - S(n, y[n]);
    }
    return total / static_cast<double>(S.shape(0));
}

// Central differences of f at x, entry by entry.
Matrix numeric_gradient(const std::function<double(const Matrix&)>& f, Matrix x, double h)
{
    Matrix g = xt::zeros_like(x);
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

Matrix as_row(const Vector& b)
{
    Matrix m = xt::zeros<double>({std::size_t{1}, b.size()});
    xt::view(m, 0, xt::all()) = b;
    return m;
}

// A random net: the chapter's two-layer classifier (ReLU hidden, linear logits) or, with
// `any_depth`, 1 to 3 layers with random hidden activations. Weights scaled by 1/sqrt(fan_in).
Network random_classifier(Case& c, bool any_depth, std::size_t* classes)
{
    const std::vector<std::string> hidden = {"relu", "sigmoid", "tanh"};
    std::size_t depth = any_depth ? c.rng.integer(1, 3) : 2;
    std::size_t width = c.rng.integer(1, 5);
    std::string arch = std::to_string(width);
    std::vector<LayerSpec> spec;
    for (std::size_t l = 0; l < depth; ++l) {
        bool last = l + 1 == depth;
        std::size_t next = last ? c.rng.integer(2, 5) : c.rng.integer(1, 7);
        std::string g = last ? "identity" : any_depth ? hidden[c.rng.integer(0, 2)] : "relu";
        spec.push_back({width, next, g});
        arch += "-" + g + "-" + std::to_string(next);
        width = next;
    }
    Network net = make_network(spec);
    for (auto& layer : net.layers) {
        double scale = 1.5 / std::sqrt(static_cast<double>(layer.W.shape(0)));
        layer.W = c.rng.matrix(layer.W.shape(0), layer.W.shape(1), -scale, scale);
        layer.b = c.rng.vector(layer.b.size(), -0.5, 0.5);
    }
    c.description = "layers " + arch;
    *classes = width;
    return net;
}

Matrix json_matrix(const nlohmann::json& j)
{
    Matrix m = xt::zeros<double>({j.size(), j.at(0).size()});
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

nlohmann::json read_golden(const std::string& name)
{
    std::ifstream in(std::string(SCRATCHNET_GRADER_DIR) + "/goldens/" + name);
    if (!in)
        throw std::runtime_error("cannot read goldens/" + name +
                                 " (regenerate with /usr/bin/python3 tools/make_goldens.py)");
    return nlohmann::json::parse(in);
}

}  // namespace

// ---- softmax ------------------------------------------------------------------------------

TEST(Softmax, MatchesReference)
{
    for_each_case(8, [&](Case& c) {
        std::size_t n = c.index == 0 ? 1 : c.rng.integer(1, 8);
        std::size_t k = c.index == 1 ? 1 : c.rng.integer(1, 6);
        Matrix S = c.rng.matrix(n, k, c.index < 4 ? -5.0 : -30.0, c.index < 4 ? 5.0 : 30.0);
        c.description = "S " + shape_str(S);
        expect_reference(c, "softmax(S)", softmax(S));
    });
}

TEST(Softmax, RowsSumToOne)
{
    for_each_case(6, [&](Case& c) {
        // Rows with very different values: a broadcast row sum that goes wrong shows here.
        Matrix S = c.rng.matrix(c.rng.integer(2, 8), c.rng.integer(2, 6), -6.0, 6.0);
        for (std::size_t n = 0; n < S.shape(0); ++n)
            xt::view(S, n, xt::all()) += static_cast<double>(n) * 3.0;
        c.description = "S " + shape_str(S);
        Matrix P = softmax(S);
        if (!expect_reference(c, "softmax(S)", P))
            return;
        Vector sums = xt::sum(P, {1});
        expect_close(c, "the row sums of softmax(S)", sums, xt::ones_like(sums), {1e-12, 0});
        if (xt::any(P < 0.0))
            grader::fail(c, "softmax(S) has a negative entry");
    });
}

TEST(Softmax, ShiftInvariant)
{
    for_each_case(6, [&](Case& c) {
        Matrix S = c.rng.matrix(c.rng.integer(2, 7), c.rng.integer(2, 6), -4.0, 4.0);
        Vector shift = c.rng.vector(S.shape(0), -50.0, 50.0);  // a different constant per row
        c.description = "S " + shape_str(S) + ", each row shifted by its own constant";
        Matrix shifted = S + xt::view(shift, xt::all(), xt::newaxis());
        expect_close(c, "softmax(S + c) against softmax(S)", softmax(shifted), softmax(S),
                     {1e-12, 1e-9});
    });
}

TEST(Softmax, FiniteForExtremeLogits)
{
    for_each_case(4, [&](Case& c) {
        Matrix S = c.rng.matrix(c.rng.integer(3, 6), c.rng.integer(2, 5), -1e3, 1e3);
        S(0, 0) = 1e3;
        xt::view(S, 1, xt::all()) = -1e3;  // a whole row far below zero
        xt::view(S, 2, xt::all()) = 1e3;   // and one far above
        c.description = "S " + shape_str(S) + " with logits of ±1e3";
        Matrix P = softmax(S);
        if (!expect_reference(c, "softmax(S)", P))
            return;
        Vector sums = xt::sum(P, {1});
        expect_close(c, "the row sums of softmax(S)", sums, xt::ones_like(sums), {1e-12, 0});
    });
}

// ---- labels and cross-entropy -------------------------------------------------------------

TEST(OneHot, MarksTheLabel)
{
    for_each_case(6, [&](Case& c) {
        std::size_t n = c.rng.integer(1, 9), k = c.rng.integer(1, 6);
        Labels y = random_labels(c, n, k);
        y[0] = k - 1;  // the last class appears
        c.description = "y " + labels_str(y) + ", " + std::to_string(k) + " classes";
        expect_reference(c, "one_hot(y, C)", one_hot(y, k));
    });
}

TEST(CrossEntropy, MatchesReference)
{
    for_each_case(8, [&](Case& c) {
        const LogitsAndLabels batch = random_logits_and_labels(c, 5.0);
        const Matrix& S = batch.S;
        const Labels& y = batch.y;
        double loss = cross_entropy(S, y);
        if (expect_reference(c, "cross_entropy(S, y)", scalar(loss)))
            expect_close(c, "cross_entropy(S, y) (the mean over the batch)", scalar(loss),
                         scalar(oracle_loss(S, y)), {1e-12, 1e-10});
    });
}

TEST(CrossEntropy, FiniteForExtremeLogits)
{
    for_each_case(4, [&](Case& c) {
        std::size_t n = c.rng.integer(3, 6), k = c.rng.integer(2, 5);
        Matrix S = c.rng.matrix(n, k, -1e3, 1e3);
        xt::view(S, 0, xt::all()) = -1e3;
        S(1, 0) = 1e3;
        Labels y = random_labels(c, n, k);
        S(1, k - 1) = -1e3;
        y[1] = k - 1;  // the right class far below the winner: a loss near 2000
        c.description = "S " + shape_str(S) + " with logits of ±1e3, y " + labels_str(y);
        double loss = cross_entropy(S, y);
        if (expect_close(c, "cross_entropy(S, y)", scalar(loss), scalar(oracle_loss(S, y)),
                         {1e-9, 1e-12}))
            expect_reference(c, "cross_entropy_gradient(S, y)", cross_entropy_gradient(S, y));
    });
}

TEST(CrossEntropy, BadLabelsAreAClearError)
{
    for_each_case(3, [&](Case& c) {
        std::size_t n = c.rng.integer(6, 9), k = c.rng.integer(2, 4);
        Matrix S = c.rng.matrix(n, k, -1.0, 1.0);
        Labels y = random_labels(c, n, k);
        Labels bad = y;
        std::size_t at = c.rng.integer(0, n - 1);
        bad[at] = k + 3 + c.rng.integer(0, 5);
        Labels too_many = random_labels(c, n + 3, k);
        c.description = "S " + shape_str(S) + ", label " + std::to_string(bad[at]) +
                        " at position " + std::to_string(at);
        const std::string label = std::to_string(bad[at]), classes = std::to_string(k);
        expect_throws<std::invalid_argument>(
            c, "cross_entropy with label " + label + " for " + classes + " classes",
            [&] { cross_entropy(S, bad); }, {label, classes});
        expect_throws<std::invalid_argument>(
            c, "cross_entropy_gradient with label " + label + " for " + classes + " classes",
            [&] { cross_entropy_gradient(S, bad); }, {label, classes});
        expect_throws<std::invalid_argument>(
            c, "one_hot with label " + label + " for " + classes + " classes",
            [&] { one_hot(bad, k); }, {label, classes});
        const std::string rows = std::to_string(n), count = std::to_string(n + 3);
        expect_throws<std::invalid_argument>(
            c, "cross_entropy with " + count + " labels for " + rows + " rows",
            [&] { cross_entropy(S, too_many); }, {rows, count});
        expect_throws<std::invalid_argument>(
            c, "cross_entropy_gradient with " + count + " labels for " + rows + " rows",
            [&] { cross_entropy_gradient(S, too_many); }, {rows, count});
    });
}

TEST(CrossEntropy, GradientMatchesFiniteDifferences)
{
    for_each_case(8, [&](Case& c) {
        const LogitsAndLabels batch = random_logits_and_labels(c, 4.0);
        const Matrix& S = batch.S;
        const Labels& y = batch.y;
        Matrix analytic = cross_entropy_gradient(S, y);
        Matrix numeric = numeric_gradient([&](const Matrix& s) { return oracle_loss(s, y); }, S,
                                          1e-5);
        if (expect_close(c, "cross_entropy_gradient(S, y) against central differences",
                         analytic, numeric, {1e-9, 1e-6}))
            expect_reference(c, "cross_entropy_gradient(S, y)", analytic);
    });
}

// ---- dense and activation backward --------------------------------------------------------

TEST(DenseBackward, GradientsMatchFiniteDifferences)
{
    for_each_case(10, [&](Case& c) {
        std::size_t n = c.index == 0 ? 1 : c.rng.integer(1, 7);
        std::size_t d = c.index == 1 ? 1 : c.rng.integer(1, 6);
        std::size_t h = c.index == 2 ? 1 : c.rng.integer(1, 6);
        Matrix X = c.rng.matrix(n, d, -2, 2), W = c.rng.matrix(d, h, -2, 2);
        Vector b = c.rng.vector(h, -2, 2);
        Matrix G = c.rng.matrix(n, h, -1, 1);  // the upstream gradient dL/dZ of L = sum(G * Z)
        c.description = "dZ " + shape_str(G) + ", X " + shape_str(X) + ", W " + shape_str(W);
        auto loss = [&](const Matrix& x, const Matrix& w, const Matrix& b_row) {
            Matrix Z = dot(x, w) + xt::view(b_row, 0, xt::all());
            return xt::sum(G * Z)();
        };
        DenseGradients g = dense_backward(G, X, W);
        const double step = 1e-5;
        const grader::Tolerance tol{1e-8, 1e-6};
        bool ok = expect_close(c, "dX against central differences", g.dX,
                               numeric_gradient([&](const Matrix& x) { return loss(x, W, as_row(b)); }, X, step), tol);
        ok = ok && expect_close(c, "dW against central differences", g.dW,
                                numeric_gradient([&](const Matrix& w) { return loss(X, w, as_row(b)); }, W, step), tol);
        Matrix db_numeric = numeric_gradient([&](const Matrix& br) { return loss(X, W, br); }, as_row(b), step);
        ok = ok && expect_close(c, "db against central differences", g.db,
                                Vector(xt::view(db_numeric, 0, xt::all())), tol);
        if (ok) {
            expect_reference(c, "dX", g.dX);
            expect_reference(c, "dW", g.dW);
            expect_reference(c, "db", g.db);
        }
    });
}

TEST(ActivationBackward, MatchesFiniteDifferences)
{
    for_each_case(6, [&](Case& c) {
        for (const std::string name : {"identity", "sigmoid", "tanh", "relu"}) {
            Matrix Z = c.rng.matrix(c.rng.integer(1, 6), c.rng.integer(1, 6), -4.0, 4.0);
            for (auto& z : Z)  // keep away from ReLU's kink
                if (std::abs(z) < 1e-2)
                    z = 0.5;
            Matrix dA = c.rng.matrix(Z.shape(0), Z.shape(1), -2.0, 2.0);
            c.description = name + ", Z " + shape_str(Z);
            const Activation& g = activation(name);
            Matrix numeric = numeric_gradient(
                [&](const Matrix& z) { return xt::sum(dA * g.function(z))(); }, Z, 1e-5);
            Matrix dZ = activation_backward(dA, Z, name);
            if (!expect_close(c, "activation_backward(dA, Z, \"" + name + "\") against central differences",
                              dZ, numeric, {1e-8, 1e-6}))
                return;
            expect_reference(c, "activation_backward(dA, Z, \"" + name + "\")", dZ);
        }
    });
}

// ---- backpropagation through a network ----------------------------------------------------

TEST(Backprop, LossMatchesReference)
{
    for_each_case(6, [&](Case& c) {
        std::size_t classes = 0;
        Network net = random_classifier(c, c.index >= 3, &classes);
        Matrix X = c.rng.matrix(c.rng.integer(1, 8), net.layers[0].W.shape(0), -2, 2);
        Labels y = random_labels(c, X.shape(0), classes);
        c.description += ", X " + shape_str(X);
        double loss = loss_and_gradients(net, X, y).loss;
        if (expect_reference(c, "loss_and_gradients(net, X, y).loss", scalar(loss)))
            expect_close(c, "loss_and_gradients(net, X, y).loss against the cross-entropy of forward()",
                         scalar(loss), scalar(oracle_loss(forward(net, X).output(), y)),
                         {1e-12, 1e-10});
    });
}

TEST(Backprop, GradientsMatchFiniteDifferences)
{
    for_each_case(10, [&](Case& c) {
        std::size_t classes = 0;
        Network net = random_classifier(c, c.index >= 5, &classes);
        Matrix X = c.rng.matrix(c.rng.integer(1, 7), net.layers[0].W.shape(0), -2, 2);
        Labels y = random_labels(c, X.shape(0), classes);
        c.description += ", X " + shape_str(X) + ", y " + labels_str(y);
        LossAndGradients lg = loss_and_gradients(net, X, y);
        const std::size_t L = net.layers.size();
        if (lg.grads.dW.size() != L || lg.grads.db.size() != L) {
            grader::fail(c, "grads holds " + std::to_string(lg.grads.dW.size()) + " dW and " +
                                std::to_string(lg.grads.db.size()) + " db for " +
                                std::to_string(L) + " layers");
            return;
        }
        const grader::Tolerance tol{1e-8, 1e-6};
        for (std::size_t l = 0; l < L; ++l) {
            const std::string at = "layer " + std::to_string(l);
            Network probe = net;
            auto loss_W = [&](const Matrix& W) {
                probe.layers[l].W = W;
                return oracle_loss(forward(probe, X).output(), y);
            };
            Matrix numeric_W = numeric_gradient(loss_W, net.layers[l].W, 1e-6);
            probe = net;
            auto loss_b = [&](const Matrix& b) {
                probe.layers[l].b = xt::view(b, 0, xt::all());
                return oracle_loss(forward(probe, X).output(), y);
            };
            Matrix numeric_b = numeric_gradient(loss_b, as_row(net.layers[l].b), 1e-6);
            if (!expect_close(c, at + " dW against central differences", lg.grads.dW[l], numeric_W, tol) ||
                !expect_close(c, at + " db against central differences", lg.grads.db[l],
                              Vector(xt::view(numeric_b, 0, xt::all())), tol))
                return;
            expect_reference(c, at + " dW", lg.grads.dW[l]);
            expect_reference(c, at + " db", lg.grads.db[l]);
        }
    });
}

TEST(Sgd, StepMovesAgainstTheGradient)
{
    for_each_case(4, [&](Case& c) {
        std::size_t classes = 0;
        Network net = random_classifier(c, true, &classes);
        Gradients grads;
        for (const auto& layer : net.layers) {
            grads.dW.push_back(c.rng.matrix(layer.W.shape(0), layer.W.shape(1), -1, 1));
            grads.db.push_back(c.rng.vector(layer.b.size(), -1, 1));
        }
        double lr = c.rng.uniform(0.01, 0.5);
        c.description += ", lr " + std::to_string(lr);
        Network stepped = net;
        sgd_step(stepped, grads, lr);
        for (std::size_t l = 0; l < net.layers.size(); ++l) {
            const std::string at = "layer " + std::to_string(l);
            expect_close(c, at + " W after sgd_step", stepped.layers[l].W,
                         net.layers[l].W - lr * grads.dW[l], {1e-12, 1e-12});
            expect_close(c, at + " b after sgd_step", stepped.layers[l].b,
                         net.layers[l].b - lr * grads.db[l], {1e-12, 1e-12});
        }
        Gradients short_grads = grads;
        short_grads.dW.pop_back();
        short_grads.db.pop_back();
        expect_throws<std::invalid_argument>(c, "sgd_step with one layer's gradients missing",
                                             [&] { sgd_step(stepped, short_grads, lr); });
    });
}

TEST(Train, LossHistoryMatchesReference)
{
    for_each_case(4, [&](Case& c) {
        std::size_t classes = 0;
        Network net = random_classifier(c, c.index >= 2, &classes);
        Matrix X = c.rng.matrix(c.rng.integer(3, 8), net.layers[0].W.shape(0), -2, 2);
        Labels y = random_labels(c, X.shape(0), classes);
        double lr = c.rng.uniform(0.05, 0.5);
        std::size_t epochs = c.rng.integer(5, 25);
        c.description += ", X " + shape_str(X) + ", lr " + std::to_string(lr) + ", " +
                         std::to_string(epochs) + " epochs";
        const double start = oracle_loss(forward(net, X).output(), y);
        std::vector<double> history = train(net, X, y, lr, epochs);
        if (history.size() != epochs) {
            grader::fail(c, "train returned " + std::to_string(history.size()) +
                                " losses for " + std::to_string(epochs) + " epochs");
            return;
        }
        if (!expect_close(c, "history[0] (the loss of the starting weights)",
                          scalar(history[0]), scalar(start), {1e-12, 1e-10}))
            return;
        expect_reference(c, "train(...) loss history", as_array(history));
        for (std::size_t l = 0; l < net.layers.size(); ++l)
            expect_reference(c, "layer " + std::to_string(l) + " W after training",
                             net.layers[l].W);
    });
}

TEST(Predict, ArgmaxOfEachRow)
{
    for_each_case(6, [&](Case& c) {
        std::size_t classes = 0;
        Network net = random_classifier(c, true, &classes);
        Matrix X = c.rng.matrix(c.rng.integer(1, 9), net.layers[0].W.shape(0), -2, 2);
        c.description += ", X " + shape_str(X);
        Matrix S = forward(net, X).output();
        Labels expected(X.shape(0));
        for (std::size_t n = 0; n < S.shape(0); ++n)
            for (std::size_t k = 1; k < S.shape(1); ++k)
                if (S(n, k) > S(n, expected[n]))
                    expected[n] = k;
        Labels got = predict(net, X);
        if (got != expected)
            grader::fail(c, "predict(net, X) gave " + labels_str(got) + ", the largest logits are at " +
                                labels_str(expected));
    });
}

// ---- XOR, trained (seed 002's notebook, with the gradient divided by N) --------------------

TEST(TwoLayerNet, LearnsXor)
{
    for_each_case(1, [&](Case& c) {
        Matrix X = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        Labels y(4);
        for (std::size_t i = 0; i < 4; ++i)  // x1 XOR x2, computed rather than typed in
            y[i] = static_cast<std::size_t>(static_cast<int>(X(i, 0)) ^ static_cast<int>(X(i, 1)));
        Network net = make_network({{2, 10, "relu"}, {10, 2, "identity"}});
        for (auto& layer : net.layers) {  // Gaussian weights scaled by 1/sqrt(fan_in), zero biases
            const double scale = 1.0 / std::sqrt(static_cast<double>(layer.W.shape(0)));
            for (auto& w : layer.W)
                w = c.rng.normal() * scale;
        }
        c.description = "XOR, 2-10-2, lr 0.1, 1000 epochs";
        std::vector<double> history = train(net, X, y, 0.1, 1000);
        if (history.size() != 1000) {
            grader::fail(c, "train returned " + std::to_string(history.size()) +
                                " losses for 1000 epochs");
            return;
        }
        for (std::size_t e = 100; e < 1000; e += 100)
            if (!(history[e] < history[e - 100])) {
                grader::fail(c, "the loss did not fall from epoch " + std::to_string(e - 100) +
                                    " (" + std::to_string(history[e - 100]) + ") to epoch " +
                                    std::to_string(e) + " (" + std::to_string(history[e]) + ")");
                return;
            }
        if (!(history.back() < history.front()))
            grader::fail(c, "the last loss is not below the first");
        Labels got = predict(net, X);
        if (got != y)
            grader::fail(c, "after training, predict gives " + labels_str(got) + ", XOR is " +
                                labels_str(y));
        expect_reference(c, "the loss history", as_array(history), {1e-9, 1e-6});
    });
}

// ---- gradient checker ---------------------------------------------------------------------

TEST(GradCheck, ExactGradientPasses)
{
    for_each_case(4, [&](Case& c) {
        Matrix x = c.rng.matrix(c.rng.integer(1, 4), c.rng.integer(1, 4), 0.5, 2.0);
        for (auto& v : x)
            if (c.rng.coin())
                v = -v;
        Matrix squares_x = x;
        squares_x(0, 0) = 0.0;  // analytic and numeric are both exactly 0 here
        c.description = "x " + shape_str(x);
        GradCheck sq = gradient_check([](const Matrix& m) { return xt::sum(m * m)(); },
                                      squares_x, 2.0 * squares_x);
        if (!(sq.max_relative_error < 1e-7)) {
            grader::fail(c, "gradient_check of sum(x^2) with its exact gradient 2x reports a relative error of " +
                                std::to_string(sq.max_relative_error) + " at (" + std::to_string(sq.row) + ", " +
                                std::to_string(sq.col) + "); it should be below 1e-7 (0 where both gradients are 0)");
            return;
        }
        GradCheck cube = gradient_check([](const Matrix& m) { return xt::sum(m * m * m)(); }, x,
                                        3.0 * x * x);
        if (!(cube.max_relative_error < 1e-7))
            grader::fail(c, "gradient_check of sum(x^3) with its exact gradient 3x^2 reports a relative error of " +
                                std::to_string(cube.max_relative_error) + " at (" + std::to_string(cube.row) + ", " +
                                std::to_string(cube.col) + "); central differences with h = 1e-5 give about 1e-9");
    });
}

TEST(GradCheck, FindsTheWrongEntry)
{
    for_each_case(6, [&](Case& c) {
        Matrix x = c.rng.matrix(c.rng.integer(2, 5), c.rng.integer(2, 5), -2.0, 2.0);
        auto f = [](const Matrix& m) { return xt::sum(xt::sin(m))(); };
        Matrix exact = xt::cos(x);
        Matrix analytic = exact;
        std::size_t r = c.rng.integer(0, x.shape(0) - 1), k = c.rng.integer(0, x.shape(1) - 1);
        analytic(r, k) += (c.rng.coin() ? 1.0 : -1.0) * (0.2 + 0.5 * std::abs(exact(r, k)));
        c.description = "x " + shape_str(x) + ", f = sum(sin x), analytic gradient wrong at (" +
                        std::to_string(r) + ", " + std::to_string(k) + ")";
        GradCheck result = gradient_check(f, x, analytic, 1e-5);
        if (result.row != r || result.col != k) {
            grader::fail(c, "gradient_check reports its worst entry at (" + std::to_string(result.row) +
                                ", " + std::to_string(result.col) + "); the wrong entry is at (" +
                                std::to_string(r) + ", " + std::to_string(k) + ")");
            return;
        }
        const double a = analytic(r, k), n = exact(r, k);
        const double rel = std::abs(a - n) / std::max(std::abs(a), std::abs(n));
        expect_close(c, "max_relative_error", scalar(result.max_relative_error), scalar(rel), {1e-9, 1e-6});
        expect_close(c, "analytic at the worst entry", scalar(result.analytic), scalar(a), {1e-12, 0});
        expect_close(c, "numeric at the worst entry", scalar(result.numeric), scalar(n), {1e-8, 1e-6});
    });
}

TEST(GradCheck, ShapeMismatchNamesBothShapes)
{
    for_each_case(2, [&](Case& c) {
        Matrix x = c.rng.matrix(c.rng.integer(2, 4), c.rng.integer(2, 4), -1, 1);
        Matrix wrong = c.rng.matrix(x.shape(1) + 1, x.shape(0), -1, 1);
        c.description = "x " + shape_str(x) + ", analytic " + shape_str(wrong);
        expect_throws<std::invalid_argument>(
            c, "gradient_check with x " + shape_str(x) + " and analytic " + shape_str(wrong),
            [&] { gradient_check([](const Matrix& m) { return xt::sum(m)(); }, x, wrong); },
            {shape_str(x), shape_str(wrong)});
    });
}

// ---- PyTorch goldens (tools/make_goldens.py) ---------------------------------------------

TEST(PyTorch, MatchesGoldenValues)
{
    for_each_case(1, [&](Case& c) {
        c.description = "goldens written by PyTorch (float64)";
        const grader::Tolerance tol{1e-14, 1e-10};
        {
            auto j = read_golden("softmax.json");
            expect_close(c, "softmax(S) against PyTorch", softmax(json_matrix(j["S"])),
                         json_matrix(j["P"]), tol);
        }
        {
            auto j = read_golden("cross_entropy.json");
            Matrix S = json_matrix(j["S"]);
            Labels y = json_labels(j["y"]);
            expect_close(c, "cross_entropy(S, y) against PyTorch", scalar(cross_entropy(S, y)),
                         scalar(j["loss"].get<double>()), tol);
            expect_close(c, "cross_entropy_gradient(S, y) against PyTorch",
                         cross_entropy_gradient(S, y), json_matrix(j["dS"]), tol);
        }
        {
            auto j = read_golden("dense_backward.json");
            DenseGradients g = dense_backward(json_matrix(j["dZ"]), json_matrix(j["X"]),
                                              json_matrix(j["W"]));
            expect_close(c, "dense_backward dX against PyTorch", g.dX, json_matrix(j["dX"]), tol);
            expect_close(c, "dense_backward dW against PyTorch", g.dW, json_matrix(j["dW"]), tol);
            expect_close(c, "dense_backward db against PyTorch", g.db, json_vector(j["db"]), tol);
        }
        {
            auto j = read_golden("two_layer_step.json");
            Network net = make_network({{j["W1"].size(), j["W1"][0].size(), "relu"},
                                        {j["W2"].size(), j["W2"][0].size(), "identity"}});
            net.layers[0].W = json_matrix(j["W1"]);
            net.layers[0].b = json_vector(j["b1"]);
            net.layers[1].W = json_matrix(j["W2"]);
            net.layers[1].b = json_vector(j["b2"]);
            Matrix X = json_matrix(j["X"]);
            Labels y = json_labels(j["y"]);
            LossAndGradients lg = loss_and_gradients(net, X, y);
            expect_close(c, "two-layer loss against PyTorch", scalar(lg.loss),
                         scalar(j["loss"].get<double>()), tol);
            if (lg.grads.dW.size() == 2 && lg.grads.db.size() == 2) {
                expect_close(c, "two-layer dW1 against PyTorch", lg.grads.dW[0], json_matrix(j["dW1"]), tol);
                expect_close(c, "two-layer db1 against PyTorch", lg.grads.db[0], json_vector(j["db1"]), tol);
                expect_close(c, "two-layer dW2 against PyTorch", lg.grads.dW[1], json_matrix(j["dW2"]), tol);
                expect_close(c, "two-layer db2 against PyTorch", lg.grads.db[1], json_vector(j["db2"]), tol);
            }
            sgd_step(net, lg.grads, j["lr"].get<double>());
            expect_close(c, "W1 after one SGD step against PyTorch", net.layers[0].W, json_matrix(j["W1_next"]), tol);
            expect_close(c, "b1 after one SGD step against PyTorch", net.layers[0].b, json_vector(j["b1_next"]), tol);
            expect_close(c, "W2 after one SGD step against PyTorch", net.layers[1].W, json_matrix(j["W2_next"]), tol);
            expect_close(c, "b2 after one SGD step against PyTorch", net.layers[1].b, json_vector(j["b2_next"]), tol);
        }
    });
}
