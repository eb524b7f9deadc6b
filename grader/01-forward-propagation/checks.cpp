// Chapter 01 hidden checks. Expected values come from the reference solution (recorded),
// from invariants, and from finite differences — never from literals in the learner's files.
#include <cmath>

#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

#include "forward_propagation.hpp"
#include "harness.hpp"

using namespace scratchnet;
using grader::Case;
using grader::expect_close;
using grader::expect_reference;
using grader::expect_throws;
using grader::for_each_case;

namespace {

const grader::ChapterSeed seed{0x01f0a7d5c3b2e1d9ULL};

const std::vector<std::string> kNames = {"identity", "sigmoid", "tanh", "relu"};

// A batch with a random shape; some entries are set to exactly 0 (the ReLU kink).
Matrix random_batch(Case& c, double range)
{
    std::size_t n = c.rng.integer(1, 9), d = c.rng.integer(1, 7);
    Matrix Z = c.rng.matrix(n, d, -range, range);
    for (auto& z : Z)
        if (c.rng.coin(0.1))
            z = 0.0;
    c.description = "Z " + shape_str(Z);
    return Z;
}

void check_activation_values(const std::string& name, Matrix (*g)(const Matrix&))
{
    for_each_case(8, [&](Case& c) {
        Matrix Z = random_batch(c, c.index < 4 ? 4.0 : 30.0);
        expect_reference(c, name + "(Z)", g(Z));
    });
}

// Central differences on each entry: g'(z) ≈ (g(z + h) − g(z − h)) / 2h.
void check_derivative(const std::string& name)
{
    for_each_case(6, [&](Case& c) {
        const Activation& act = activation(name);
        Matrix Z = c.rng.matrix(c.rng.integer(1, 6), c.rng.integer(1, 6), -5.0, 5.0);
        for (auto& z : Z)  // keep away from ReLU's kink, where the slope is not defined
            if (std::abs(z) < 1e-3)
                z = 0.5;
        c.description = act.name + ", Z " + shape_str(Z);
        const double h = 1e-5;
        Matrix numeric = (act.function(Z + h) - act.function(Z - h)) / (2.0 * h);
        expect_close(c, act.name + "_derivative(Z) against central differences",
                     act.derivative(Z), numeric, {1e-8, 1e-6});
        expect_reference(c, act.name + "_derivative(Z)", act.derivative(Z));
    });
}

Network random_network(Case& c, std::vector<LayerSpec>* spec_out = nullptr)
{
    std::size_t depth = c.rng.integer(1, 4);
    std::vector<LayerSpec> spec;
    std::size_t width = c.rng.integer(1, 6);
    std::string arch = std::to_string(width);
    for (std::size_t l = 0; l < depth; ++l) {
        std::size_t next = c.rng.integer(1, 6);
        std::string name = kNames[c.rng.integer(0, kNames.size() - 1)];
        spec.push_back({width, next, name});
        arch += "-" + name + "-" + std::to_string(next);
        width = next;
    }
    Network net = make_network(spec);
    for (auto& layer : net.layers) {
        layer.W = c.rng.matrix(layer.W.shape(0), layer.W.shape(1), -1.5, 1.5);
        layer.b = c.rng.vector(layer.b.size(), -0.5, 0.5);
    }
    c.description = "layers " + arch;
    if (spec_out)
        *spec_out = spec;
    return net;
}

}  // namespace

// ---- activations --------------------------------------------------------------------------

TEST(Activations, IdentityMatchesReference)
{
    check_activation_values("identity", activations::identity);
}
TEST(Activations, SigmoidMatchesReference)
{
    check_activation_values("sigmoid", activations::sigmoid);
}
TEST(Activations, TanhMatchesReference) { check_activation_values("tanh", activations::tanh); }
TEST(Activations, ReluMatchesReference) { check_activation_values("relu", activations::relu); }

TEST(Activations, SigmoidStaysFiniteForHugeInputs)
{
    for_each_case(4, [&](Case& c) {
        // Entries up to ±1e4, including both extremes themselves.
        Matrix Z = c.rng.matrix(c.rng.integer(2, 6), c.rng.integer(2, 6), -1e4, 1e4);
        Z(0, 0) = 1e4;
        Z(1, 0) = -1e4;
        c.description = "Z " + shape_str(Z) + " with entries up to ±1e4";
        Matrix s = activations::sigmoid(Z);
        if (!expect_reference(c, "sigmoid(Z)", s))
            return;
        // Invariant: σ(−z) = 1 − σ(z).
        expect_close(c, "sigmoid(-Z) + sigmoid(Z)", activations::sigmoid(-Z) + s,
                     xt::ones_like(Z), {1e-12, 0});
    });
}

TEST(Activations, DerivativesMatchFiniteDifferences)
{
    for (const auto& name : kNames)
        check_derivative(name);
}

TEST(Activations, ReluDerivativeIsAMask)
{
    for_each_case(4, [&](Case& c) {
        Matrix Z = random_batch(c, 3.0);
        Matrix d = activations::relu_derivative(Z);
        expect_reference(c, "relu_derivative(Z) (0 at z = 0)", d);
    });
}

TEST(Activations, LookupByName)
{
    for_each_case(4, [&](Case& c) {
        Matrix Z = random_batch(c, 5.0);
        for (const auto& name : kNames) {
            const Activation& act = activation(name);
            if (act.name != name || !act.function || !act.derivative) {
                grader::fail(c, "activation(\"" + name + "\") returned an Activation named \"" +
                                    act.name + "\"" +
                                    (act.function && act.derivative ? ""
                                                                    : " with a null function"));
                continue;
            }
            expect_reference(c, "activation(\"" + name + "\").function(Z)", act.function(Z));
            expect_reference(c, "activation(\"" + name + "\").derivative(Z)",
                             act.derivative(Z));
        }
    });
}

TEST(Activations, UnknownNameIsAClearError)
{
    for_each_case(1, [&](Case& c) {
        for (const std::string bad : {"softmax", "ReLU", ""}) {
            std::vector<std::string> mention = kNames;
            if (!bad.empty())
                mention.push_back(bad);
            expect_throws<std::invalid_argument>(
                c, "activation(\"" + bad + "\")", [&] { activation(bad); }, mention);
        }
    });
}

// ---- dense layer --------------------------------------------------------------------------

TEST(Dense, ForwardMatchesReference)
{
    for_each_case(10, [&](Case& c) {
        // Include the edge sizes N = 1, D = 1 and H = 1.
        std::size_t n = c.index == 0 ? 1 : c.rng.integer(1, 12);
        std::size_t d = c.index == 1 ? 1 : c.rng.integer(1, 10);
        std::size_t h = c.index == 2 ? 1 : c.rng.integer(1, 10);
        Matrix X = c.rng.matrix(n, d, -2, 2), W = c.rng.matrix(d, h, -2, 2);
        Vector b = c.rng.vector(h, -2, 2);
        c.description = "X " + shape_str(X) + ", W " + shape_str(W) + ", b " + shape_str(b);
        expect_reference(c, "dense_forward(X, W, b)", dense_forward(X, W, b));
    });
}

TEST(Dense, RowsAreIndependent)
{
    // Batching is a matrix product: row i of the output depends on row i of X only.
    for_each_case(4, [&](Case& c) {
        std::size_t n = c.rng.integer(2, 8), d = c.rng.integer(1, 6), h = c.rng.integer(1, 6);
        Matrix X = c.rng.matrix(n, d, -1, 1), W = c.rng.matrix(d, h, -1, 1);
        Vector b = c.rng.vector(h, -1, 1);
        c.description = "X " + shape_str(X) + ", W " + shape_str(W);
        Matrix Z = dense_forward(X, W, b);
        for (std::size_t i = 0; i < n; ++i) {
            Matrix row = xt::view(X, xt::range(i, i + 1), xt::all());
            Matrix zi = dense_forward(row, W, b);
            Matrix expected = xt::view(Z, xt::range(i, i + 1), xt::all());
            if (!expect_close(c, "dense_forward on row " + std::to_string(i) + " alone", zi,
                              expected, {1e-12, 1e-12}))
                break;
        }
    });
}

TEST(Dense, ShapeMismatchNamesBothShapes)
{
    for_each_case(4, [&](Case& c) {
        std::size_t n = c.rng.integer(1, 5), d = c.rng.integer(2, 5), h = c.rng.integer(2, 5);
        Matrix X = c.rng.matrix(n, d, -1, 1);
        Matrix W_bad = c.rng.matrix(d + 1, h, -1, 1);
        Matrix W = c.rng.matrix(d, h, -1, 1);
        Vector b = c.rng.vector(h, -1, 1), b_bad = c.rng.vector(h - 1, -1, 1);
        c.description = "X " + shape_str(X) + ", W " + shape_str(W_bad) + " / b " +
                        shape_str(b_bad);
        expect_throws<std::invalid_argument>(
            c, "dense_forward(X, W, b) with W " + shape_str(W_bad),
            [&] { dense_forward(X, W_bad, b); }, {shape_str(X), shape_str(W_bad)});
        expect_throws<std::invalid_argument>(
            c, "dense_forward(X, W, b) with b " + shape_str(b_bad),
            [&] { dense_forward(X, W, b_bad); }, {shape_str(b_bad), shape_str(W)});
    });
}

// ---- network ------------------------------------------------------------------------------

TEST(Network, BuiltFromSpec)
{
    for_each_case(6, [&](Case& c) {
        std::vector<LayerSpec> spec;
        random_network(c, &spec);
        Network net = make_network(spec);
        if (net.layers.size() != spec.size()) {
            grader::fail(c, "make_network built " + std::to_string(net.layers.size()) +
                                " layers for a spec of " + std::to_string(spec.size()));
            return;
        }
        for (std::size_t l = 0; l < spec.size(); ++l) {
            const std::string at = "layer " + std::to_string(l);
            expect_reference(c, at + " W", net.layers[l].W);
            expect_reference(c, at + " b", net.layers[l].b);
            if (net.layers[l].activation != spec[l].activation)
                grader::fail(c, at + " has activation \"" + net.layers[l].activation +
                                    "\", the spec says \"" + spec[l].activation + "\"");
        }
    });
}

TEST(Network, BadSpecIsAClearError)
{
    for_each_case(1, [&](Case& c) {
        expect_throws<std::invalid_argument>(c, "make_network({}) (no layers)",
                                             [&] { make_network({}); });
        expect_throws<std::invalid_argument>(
            c, "make_network with layer 1 taking 4 inputs after layer 0 gives 3",
            [&] { make_network({{2, 3, "relu"}, {4, 1, "sigmoid"}}); }, {"1", "0"});
        expect_throws<std::invalid_argument>(c, "make_network with a layer of 0 units",
                                             [&] { make_network({{2, 0, "relu"}}); });
        expect_throws<std::invalid_argument>(
            c, "make_network with activation \"swish\"",
            [&] { make_network({{2, 3, "relu"}, {3, 1, "swish"}}); }, {"swish"});
    });
}

TEST(Network, ForwardMatchesReference)
{
    for_each_case(10, [&](Case& c) {
        Network net = random_network(c);
        Matrix X = c.rng.matrix(c.rng.integer(1, 8), net.layers[0].W.shape(0), -2, 2);
        c.description += ", X " + shape_str(X);
        ForwardCache cache = forward(net, X);
        expect_reference(c, "forward(net, X).output()", cache.output());
    });
}

TEST(Network, ForwardKeepsPreActivationsAndActivations)
{
    for_each_case(6, [&](Case& c) {
        Network net = random_network(c);
        Matrix X = c.rng.matrix(c.rng.integer(1, 8), net.layers[0].W.shape(0), -2, 2);
        c.description += ", X " + shape_str(X);
        ForwardCache cache = forward(net, X);
        const std::size_t L = net.layers.size();
        if (cache.Z.size() != L || cache.A.size() != L + 1) {
            grader::fail(c, "the cache holds " + std::to_string(cache.Z.size()) + " Z and " +
                                std::to_string(cache.A.size()) + " A; a network of " +
                                std::to_string(L) + " layers needs " + std::to_string(L) +
                                " Z and " + std::to_string(L + 1) + " A (A[0] is X)");
            return;
        }
        expect_close(c, "A[0]", cache.A[0], X, {0, 0});
        for (std::size_t l = 0; l < L; ++l) {
            const std::string at = std::to_string(l);
            expect_reference(c, "Z[" + at + "]", cache.Z[l]);
            expect_reference(c, "A[" + std::to_string(l + 1) + "]", cache.A[l + 1]);
        }
    });
}

TEST(Network, ForwardRejectsWrongInputWidth)
{
    for_each_case(2, [&](Case& c) {
        Network net = random_network(c);
        std::size_t d = net.layers[0].W.shape(0);
        Matrix X = c.rng.matrix(3, d + 1, -1, 1);
        c.description += ", X " + shape_str(X);
        expect_throws<std::invalid_argument>(c, "forward(net, X) with X " + shape_str(X),
                                             [&] { forward(net, X); }, {shape_str(X)});
    });
}

// ---- XOR ----------------------------------------------------------------------------------

TEST(Xor, HandChosenWeightsComputeXor)
{
    for_each_case(1, [&](Case& c) {
        Network net = xor_network();
        c.description = "the four inputs of XOR";
        if (net.layers.size() < 2) {
            grader::fail(c, "xor_network has " + std::to_string(net.layers.size()) +
                                " layer(s); XOR needs a hidden layer");
            return;
        }
        Matrix X = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        Matrix truth(std::array<std::size_t, 2>{4, 1});
        for (std::size_t i = 0; i < 4; ++i)  // x1 XOR x2, computed rather than typed in
            truth(i, 0) = static_cast<double>(static_cast<int>(X(i, 0)) ^ static_cast<int>(X(i, 1)));
        expect_close(c, "forward(xor_network(), X).output()", forward(net, X).output(), truth,
                     {1e-9, 0});
    });
}
