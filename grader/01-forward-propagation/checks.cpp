// Chapter 01 hidden checks. Expected values come from the reference solution (recorded), from
// the checks' own oracles of the activations (std::exp, std::tanh), from finite differences of
// those oracles, and from invariants — never from literals in the learner's files. Each check
// calls only the learner function it grades; BOUNDARIES.md lists which case covers which clause.
#include <algorithm>
#include <cfenv>
#include <cmath>

#include <xtensor/xmath.hpp>

#include "forward_propagation.hpp"
#include "harness.hpp"
#include "networks.hpp"

using namespace scratchnet;
using grader::Case;
using grader::expect_close;
using grader::expect_reference;
using grader::expect_throws;
using grader::for_each_case;

namespace {

const grader::ChapterSeed seed{0x01f0a7d5c3b2e1d9ULL};

// ---- the checks' own activations (oracles) --------------------------------------------------

double sigmoid_of(double z)
{
    const double u = std::exp(-std::abs(z));
    return z >= 0 ? 1.0 / (1.0 + u) : u / (1.0 + u);
}

/// An activation as the grader knows it: oracles of g and g', and the learner's functions.
struct Known {
    std::string name;
    double (*g)(double);
    double (*slope)(double);
    Matrix (*function)(const Matrix&);
    Matrix (*derivative)(const Matrix&);
};

const std::vector<Known>& known()
{
    static const std::vector<Known> table = {
        {"identity", [](double z) { return z; }, [](double) { return 1.0; }, activations::identity,
         activations::identity_derivative},
        {"sigmoid", sigmoid_of, [](double z) { return sigmoid_of(z) * (1.0 - sigmoid_of(z)); },
         activations::sigmoid, activations::sigmoid_derivative},
        {"tanh", [](double z) { return std::tanh(z); },
         [](double z) { return 1.0 - std::tanh(z) * std::tanh(z); }, activations::tanh,
         activations::tanh_derivative},
        {"relu", [](double z) { return z > 0 ? z : 0.0; },
         [](double z) { return z > 0 ? 1.0 : 0.0; }, activations::relu,
         activations::relu_derivative},
    };
    return table;
}

const Known& known(const std::string& name)
{
    for (const auto& k : known())
        if (k.name == name)
            return k;
    throw std::invalid_argument("the grader knows no activation \"" + name + "\"");
}

// ---- inputs ---------------------------------------------------------------------------------

const std::vector<double> kExtremes = {1e4, -1e4, 746, -746, 710, -710, 40, -40, 0.0};

// Z for an activation check: case 0 has one row, case 1 one column; then entries up to ±4, ±30
// and ±1e4 (with kExtremes planted: every function must stay finite there). `huge` false caps
// the magnitude at 30; exact zeros are sprinkled in unless `kink_free`, which keeps every entry
// at least 1e-3 away from ReLU's kink.
Matrix activation_input(Case& c, bool huge = true, bool kink_free = false)
{
    static const double kRange[] = {4, 4, 30, 1e4, 4, 30, 1e4, 800};
    const auto s = grader::sizes(c, {{1, 9}, {1, 7}});
    const double range = huge ? kRange[c.index % 8] : std::min(kRange[c.index % 8], 30.0);
    Matrix Z = c.rng.matrix(s[0], s[1], -range, range);
    grader::sprinkle(c, Z, 0.0, 0.1);
    if (range > 100)
        grader::plant(c, Z, kExtremes);
    if (kink_free)
        for (auto& z : Z)
            if (std::abs(z) < 1e-3)
                z = 0.5;
    c.description = "Z " + shape_str(Z) + ", entries up to ±" + grader::num(range) +
                    (range > 100 ? " (±1e4, ±746, ±710, ±40 among them)" : "") +
                    (kink_free ? ", none within 1e-3 of 0" : ", some exactly 0");
    return Z;
}

// Random networks with the boundaries first: case 0 has one layer, case 1 every width 1, case 2
// every weight and bias 0 (what make_network builds, built here without it).
Network boundary_network(Case& c)
{
    grader::NetworkShape shape;
    if (c.index == 0)
        shape.layers = {1, 1};
    if (c.index == 1)
        shape.widths = shape.outputs = {1, 1};
    Network net = grader::random_network(c, shape);
    if (c.index == 2)
        for (auto& layer : net.layers) {
            layer.W.fill(0.0);
            layer.b.fill(0.0);
        }
    return net;
}

// A batch for `net`; case 3 has a single row.
Matrix boundary_inputs(Case& c, const Network& net)
{
    return grader::random_inputs(c, net, c.index == 3 ? 1 : c.rng.integer(1, 8));
}

std::string spec_str(const std::vector<LayerSpec>& spec)
{
    std::string s = "{";
    for (const auto& l : spec)
        s += (s.size() > 1 ? ", {" : "{") + std::to_string(l.inputs) + ", " +
             std::to_string(l.outputs) + ", \"" + l.activation + "\"}";
    return s + "}";
}

// The checks' own forward pass (core's dot and the oracles above): the output of `net` on X,
// or an empty matrix after a failure naming the layer that does not fit.
Matrix oracle_output(const Case& c, const Network& net, Matrix A)
{
    for (std::size_t l = 0; l < net.layers.size(); ++l) {
        const Layer& layer = net.layers[l];
        const std::string at = "layer " + std::to_string(l);
        if (layer.W.shape(0) != A.shape(1) || layer.b.size() != layer.W.shape(1)) {
            grader::fail(c, at + " does not fit: it gets " + std::to_string(A.shape(1)) +
                                " inputs, W is " + shape_str(layer.W) + ", b is " +
                                shape_str(layer.b));
            return {};
        }
        if (std::none_of(known().begin(), known().end(),
                         [&](const Known& k) { return k.name == layer.activation; })) {
            grader::fail(c, at + " has activation \"" + layer.activation + "\", not a known name");
            return {};
        }
        A = grader::elementwise(Matrix(dot(A, layer.W) + layer.b), known(layer.activation).g);
    }
    return A;
}

// ---- shared check bodies --------------------------------------------------------------------

void check_values(const std::string& name, bool huge)
{
    for_each_case(8, [&](Case& c) {
        Matrix Z = activation_input(c, huge);
        expect_reference(c, name + "(Z)", known(name).function(Z));
    });
}

// g'(Z) against central differences of the checks' own g, then against the reference. The
// loss Σ (g(Z) − g(Z₀)) changes only in the perturbed entry, so its differences stay precise
// even when other entries are 1e4.
void check_derivative(const std::string& name)
{
    const Known& k = known(name);
    for_each_case(8, [&](Case& c) {
        const Matrix Z = activation_input(c, true, /*kink_free=*/name == "relu");
        const Matrix analytic = k.derivative(Z);
        const Matrix base = grader::elementwise(Z, k.g);
        grader::expect_gradient(
            c, name + "_derivative(Z)", analytic,
            [&](const Matrix& z) { return xt::sum(grader::elementwise(z, k.g) - base)(); }, Z);
    });
}

}  // namespace

// ---- activations ----------------------------------------------------------------------------

TEST(Activations, IdentityMatchesReference) { check_values("identity", true); }
TEST(Activations, SigmoidMatchesReference) { check_values("sigmoid", false); }
TEST(Activations, TanhMatchesReference) { check_values("tanh", true); }
TEST(Activations, ReluMatchesReference) { check_values("relu", true); }

TEST(Activations, SigmoidStaysFiniteForHugeInputs)
{
    for_each_case(4, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 6}, {1, 6}});
        Matrix Z = c.rng.matrix(s[0] + 1, s[1] + 1, -1e4, 1e4);  // at least 2 x 2
        grader::plant(c, Z, {1e4, -1e4, 710, -710, 709, -709, 746, -746, 0.0});
        c.description =
            "Z " + shape_str(Z) + " with entries up to ±1e4 (±1e4, ±746, ±710, ±709, 0 among them)";
        Matrix sz = activations::sigmoid(Z);
        if (!expect_reference(c, "sigmoid(Z)", sz))
            return;
        expect_close(c, "sigmoid(-Z) + sigmoid(Z)", activations::sigmoid(-Z) + sz, xt::ones_like(Z),
                     {1e-12, 0});  // σ(−z) = 1 − σ(z)
    });
}

// Overflow-free, not only finite: 1 / (1 + e^-z) gives the right 0 at z = -1e4 by way of
// e^1e4 = inf, an overflow the floating-point unit flags (FE_OVERFLOW; NumPy warns "overflow
// encountered in exp"). A stable sigmoid only ever exponentiates -|z|.
TEST(Activations, SigmoidRaisesNoOverflow)
{
    for_each_case(4, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 6}, {1, 6}});
        Matrix Z = c.rng.matrix(s[0] + 1, s[1] + 1, -1e4, 1e4);  // at least 2 x 2
        grader::plant(c, Z, {1e4, -1e4, 710, -710, 746, -746, 0.0});
        c.description =
            "Z " + shape_str(Z) + " with entries up to ±1e4 (±1e4, ±746, ±710, 0 among them)";
        std::feclearexcept(FE_OVERFLOW);
        const Matrix sz = activations::sigmoid(Z);
        const bool overflowed = std::fetestexcept(FE_OVERFLOW) != 0;
        if (overflowed)
            grader::fail(c, "sigmoid(Z) raised a floating-point overflow (FE_OVERFLOW): some "
                            "intermediate became inf on the way, even if the result looks right");
    });
}

TEST(Activations, SigmoidIsAccurateForNegativeInputs)
{
    // Doubles are dense near 0: σ(−40) ≈ 4.2e−18 is exact to 16 digits. A sigmoid that clamps
    // z, or computes 1 − σ(−z), returns 0 or a value far off there.
    for_each_case(4, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 6}, {1, 6}});
        Matrix Z = c.rng.matrix(s[0], s[1], -100, -20);
        grader::plant(c, Z, {-40, -100, -37});
        c.description = "Z " + shape_str(Z) + " in [-100, -20] (-40 among them), relative error";
        expect_close(c, "sigmoid(Z)", activations::sigmoid(Z), grader::elementwise(Z, sigmoid_of),
                     {0, 1e-9});
    });
}

TEST(Activations, IdentityDerivativeMatchesFiniteDifferences) { check_derivative("identity"); }
TEST(Activations, SigmoidDerivativeMatchesFiniteDifferences) { check_derivative("sigmoid"); }
TEST(Activations, TanhDerivativeMatchesFiniteDifferences) { check_derivative("tanh"); }
TEST(Activations, ReluDerivativeMatchesFiniteDifferences) { check_derivative("relu"); }

TEST(Activations, ReluDerivativeIsAMask)
{
    // The convention: ReLU'(0) = 0. Every case holds an exact +0.0, and a −0.0 when it can.
    for_each_case(6, [&](Case& c) {
        Matrix Z = activation_input(c);
        grader::plant(c, Z, {0.0, -0.0});
        c.description += ", +0.0 and -0.0 among them";
        expect_close(c, "relu_derivative(Z) (0 at z = 0)", activations::relu_derivative(Z),
                     grader::elementwise(Z, known("relu").slope), {0, 0});
    });
}

TEST(Activations, LookupByName)
{
    // Every name is looked up first (in a different order per case) and the references kept:
    // a later lookup must not change what an earlier one returned.
    for_each_case(3, [&](Case& c) {
        std::vector<std::size_t> order = c.rng.permutation(known().size());
        std::vector<const Activation*> found(known().size());
        for (std::size_t i : order)
            found[i] = &activation(known()[i].name);
        Matrix Z = activation_input(c, false);
        c.description += ", looked up in the order " + grader::list_str(order);
        for (std::size_t i = 0; i < known().size(); ++i) {
            const Known& k = known()[i];
            const Activation& act = *found[i];
            const std::string at = "activation(\"" + k.name + "\")";
            if (act.name != k.name || !act.function || !act.derivative) {
                grader::fail(c, at + " returned an Activation named \"" + act.name + "\"" +
                                    (act.function && act.derivative ? "" : " with a null pointer"));
                continue;
            }
            // The pointers should be the functions of that name; anything else (a wrapper)
            // must at least compute the same values.
            if (act.function != k.function)
                expect_close(c, at + ".function(Z)", act.function(Z), grader::elementwise(Z, k.g));
            if (act.derivative != k.derivative)
                expect_close(c, at + ".derivative(Z)", act.derivative(Z),
                             grader::elementwise(Z, k.slope));
        }
    });
}

TEST(Activations, UnknownNameIsAClearError)
{
    // Names next to the known ones: case, spaces, prefixes and extensions, the empty name.
    static const std::vector<std::string> bad = {"softmax", "ReLU", "Sigmoid", "relu ",    " tanh",
                                                 "tanhh",   "rel",  "",        "identity2"};
    for_each_case(static_cast<int>(bad.size()), [&](Case& c) {
        const std::string& name = bad[c.index];
        c.description = "name \"" + name + "\"";
        std::vector<std::string> mention = {"identity", "sigmoid", "tanh", "relu"};
        if (!name.empty())
            mention.push_back(name);
        expect_throws<std::invalid_argument>(
            c, "activation(\"" + name + "\")", [&] { activation(name); }, mention);
    });
}

// ---- dense layer ----------------------------------------------------------------------------

TEST(Dense, ForwardMatchesReference)
{
    for_each_case(10, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 12}, {1, 10}, {1, 10}});  // N = 1, D = 1, H = 1
        Matrix X = c.rng.matrix(s[0], s[1], -2, 2), W = c.rng.matrix(s[1], s[2], -2, 2);
        Vector b = c.rng.vector(s[2], -2, 2);
        if (c.index == 3) {  // what make_network builds: all zeros
            W.fill(0.0);
            b.fill(0.0);
        }
        Matrix bm = grader::as_row(b);
        grader::sprinkle(c, W, 0.0, 0.1);
        grader::sprinkle(c, bm, 0.0, 0.2);
        b = grader::row_of(bm);
        c.description = "X " + shape_str(X) + ", W " + shape_str(W) + ", b " + shape_str(b);
        expect_reference(c, "dense_forward(X, W, b)", dense_forward(X, W, b));
    });
}

TEST(Dense, RowsAreIndependent)
{
    // Batching is a matrix product: row i of the output depends on row i of X only.
    for_each_case(4, [&](Case& c) {
        const std::size_t n = c.rng.integer(2, 8), d = c.rng.integer(1, 6), h = c.rng.integer(1, 6);
        Matrix X = c.rng.matrix(n, d, -1, 1), W = c.rng.matrix(d, h, -1, 1);
        Vector b = c.rng.vector(h, -1, 1);
        c.description = "X " + shape_str(X) + ", W " + shape_str(W);
        const Matrix Z = dense_forward(X, W, b);
        for (std::size_t i = 0; i < n; ++i)
            if (!expect_close(c, "dense_forward on row " + std::to_string(i) + " alone",
                              dense_forward(grader::as_row(grader::row_of(X, i)), W, b),
                              grader::as_row(grader::row_of(Z, i)), {1e-12, 1e-12}))
                break;
    });
}

TEST(Dense, ShapeMismatchNamesBothShapes)
{
    // Each condition alone, in both directions, next to valid shapes that must not throw.
    for_each_case(6, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 5}, {1, 5}, {1, 5}});
        const std::size_t n = s[0], d = s[1], h = s[2];
        const Matrix X = c.rng.matrix(n, d, -1, 1), W = c.rng.matrix(d, h, -1, 1);
        const Vector b = c.rng.vector(h, -1, 1);
        c.description = "X " + shape_str(X) + ", W " + shape_str(W) + ", b " + shape_str(b);
        grader::expect_no_throw(c, "dense_forward(X, W, b)", [&] { dense_forward(X, W, b); });
        for (std::size_t rows : {d + 1, d - 1}) {  // X's columns against W's rows
            const Matrix Wb = c.rng.matrix(rows, h, -1, 1);
            expect_throws<std::invalid_argument>(
                c, "dense_forward with X " + shape_str(X) + ", W " + shape_str(Wb),
                [&] { dense_forward(X, Wb, b); }, {shape_str(X), shape_str(Wb)});
        }
        // b's length against W's columns: one too many, one too few, and a single entry (which
        // broadcasting would silently spread over every column).
        for (std::size_t len : {h + 1, h - 1, std::size_t{1}}) {
            if (len == h)
                continue;
            const Vector bb = c.rng.vector(len, -1, 1);
            expect_throws<std::invalid_argument>(
                c, "dense_forward with W " + shape_str(W) + ", b " + shape_str(bb),
                [&] { dense_forward(X, W, bb); }, {shape_str(bb), shape_str(W)});
        }
    });
}

// ---- network --------------------------------------------------------------------------------

TEST(Network, BuiltFromSpec)
{
    // Valid specs, the boundaries first: one layer, every size 1.
    for_each_case(8, [&](Case& c) {
        const auto spec = grader::spec_of(boundary_network(c));
        const Network net = make_network(spec);
        if (!grader::expect_count(c, "make_network(spec).layers", net.layers.size(), spec.size()))
            return;
        for (std::size_t l = 0; l < spec.size(); ++l) {
            const std::string at = "layer " + std::to_string(l);
            const Layer& layer = net.layers[l];
            expect_close(c, at + " W", layer.W,
                         xt::zeros<double>({spec[l].inputs, spec[l].outputs}), {0, 0});
            expect_close(c, at + " b", layer.b, xt::zeros<double>({spec[l].outputs}), {0, 0});
            if (layer.activation != spec[l].activation)
                grader::fail(c, at + " has activation \"" + layer.activation +
                                    "\", the spec says \"" + spec[l].activation + "\"");
        }
    });
}

TEST(Network, BadSpecIsAClearError)
{
    // Each error condition alone (cases 0–10), then the valid specs next to them (11–13).
    struct Spec {
        std::string what;
        std::vector<LayerSpec> spec;
        std::vector<std::string> mention;  // sizes 2–9 keep the layer indices 0, 1, 2 distinct
    };
    static const std::vector<Spec> specs = {
        {"no layers", {}, {}},
        {"layer 0 with 0 inputs", {{0, 3, "relu"}}, {}},
        {"layer 0 with 0 outputs", {{3, 0, "relu"}}, {}},
        {"layer 0 with 0 inputs before a valid layer", {{0, 3, "relu"}, {3, 2, "identity"}}, {}},
        {"layer 1 with 0 outputs", {{2, 3, "tanh"}, {3, 0, "identity"}}, {}},
        {"a size of 0 between layers 0 and 1 (the sizes agree)",
         {{2, 0, "relu"}, {0, 3, "identity"}},
         {}},
        {"layer 1 takes more inputs than layer 0 gives",
         {{5, 6, "relu"}, {7, 8, "identity"}},
         {"1", "0"}},
        {"layer 1 takes fewer inputs than layer 0 gives",
         {{5, 7, "relu"}, {6, 8, "identity"}},
         {"1", "0"}},
        {"layer 2 takes more inputs than layer 1 gives",
         {{5, 6, "relu"}, {6, 7, "tanh"}, {8, 9, "identity"}},
         {"2", "1"}},
        {"unknown activation in layer 1", {{2, 3, "relu"}, {3, 2, "swish"}}, {"swish"}},
        {"unknown activation in layer 0", {{2, 3, "Sigmoid"}, {3, 2, "relu"}}, {"Sigmoid"}},
        {"one layer of size 1", {{1, 1, "identity"}}, {}},
        {"sizes of 1 between layers", {{3, 1, "sigmoid"}, {1, 1, "tanh"}, {1, 4, "relu"}}, {}},
        {"every activation",
         {{2, 3, "identity"}, {3, 4, "sigmoid"}, {4, 5, "tanh"}, {5, 2, "relu"}},
         {}},
    };
    constexpr int kBad = 11;
    for_each_case(static_cast<int>(specs.size()), [&](Case& c) {
        const Spec& s = specs[c.index];
        c.description = s.what + ": " + spec_str(s.spec);
        const std::string call = "make_network(" + spec_str(s.spec) + ")";
        if (c.index < kBad)
            expect_throws<std::invalid_argument>(
                c, call, [&] { make_network(s.spec); }, s.mention);
        else
            grader::expect_no_throw(c, call, [&] { make_network(s.spec); });
    });
}

TEST(Network, ForwardMatchesReference)
{
    for_each_case(10, [&](Case& c) {
        const Network net = boundary_network(c);
        const Matrix X = boundary_inputs(c, net);
        expect_reference(c, "forward(net, X).output()", forward(net, X).output());
    });
}

TEST(Network, ForwardKeepsPreActivationsAndActivations)
{
    for_each_case(6, [&](Case& c) {
        const Network net = boundary_network(c);
        const Matrix X = boundary_inputs(c, net);
        const ForwardCache cache = forward(net, X);
        const std::size_t L = net.layers.size();
        const bool z_ok = grader::expect_count(c, "cache.Z (one per layer)", cache.Z.size(), L);
        if (!grader::expect_count(c, "cache.A (X, then one per layer)", cache.A.size(), L + 1) ||
            !z_ok)
            return;
        expect_close(c, "A[0] (X itself)", cache.A[0], X, {0, 0});
        for (std::size_t l = 0; l < L; ++l) {
            expect_reference(c, "Z[" + std::to_string(l) + "]", cache.Z[l]);
            expect_reference(c, "A[" + std::to_string(l + 1) + "]", cache.A[l + 1]);
        }
    });
}

TEST(Network, ForwardRejectsWrongInputWidth)
{
    // One column too many and one too few (0 columns when the network takes 1), each next to
    // the right width, which must not throw.
    for_each_case(4, [&](Case& c) {
        const Network net = boundary_network(c);
        const std::size_t d = net.layers.front().W.shape(0);
        const Matrix X = grader::random_inputs(c, net, 3);
        grader::expect_no_throw(c, "forward(net, X) with X " + shape_str(X),
                                [&] { forward(net, X); });
        for (std::size_t cols : {d + 1, d - 1}) {
            const Matrix Xb = c.rng.matrix(3, cols, -1, 1);
            expect_throws<std::invalid_argument>(c, "forward(net, X) with X " + shape_str(Xb),
                                                 [&] { forward(net, Xb); }, {shape_str(Xb)});
        }
    });
}

// ---- XOR ------------------------------------------------------------------------------------

TEST(Xor, HandChosenWeightsComputeXor)
{
    for_each_case(1, [&](Case& c) {
        const Network net = xor_network();
        c.description = "the four inputs of XOR; the grader runs the network itself";
        if (net.layers.size() < 2) {
            grader::fail(c, "xor_network has " + std::to_string(net.layers.size()) +
                                " layer(s); XOR needs a hidden layer");
            return;
        }
        const Labels y = data::xor_labels();
        Matrix truth = xt::zeros<double>({y.size(), std::size_t{1}});
        for (std::size_t i = 0; i < y.size(); ++i)
            truth(i, 0) = static_cast<double>(y[i]);
        const Matrix out = oracle_output(c, net, data::xor_inputs());
        if (out.size() > 0)
            expect_close(c, "the output on XOR's inputs", out, truth, {1e-9, 0});
    });
}
