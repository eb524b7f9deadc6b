// Chapter 08 hidden checks. Expected values come from the checks' own oracle (a network's
// forward and backward pass, the tanh RNN cell and its backward written as plain loops), from
// central differences of losses the checks compute with that oracle (the RNN cell and BPTT;
// ‖∂L/∂h_t‖ as the gradient of L = sum(h_T·dh_last) with respect to h_t, the later steps rerun
// from a nudged h_t — through chapter 07's reference LSTM cell for the LSTM), from a twin
// generator (rnn_init's draws), from norms summed in long double (whose range holds 1e±400:
// clipping's huge and tiny entries), from invariants (clipped norm = max_norm, direction kept,
// nothing changed at or below max_norm or on error) and, after agreement, from the reference's
// recorded values. Each check calls only the learner function it grades: the caches and
// sequences the backward passes need are built by the oracle, never by the learner's forward.
// BOUNDARIES.md maps every contract clause to its cases.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "harness.hpp"
#include "networks.hpp"
#include "vanishing_gradients.hpp"

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

const grader::ChapterSeed seed{0x08d1c4a97e3b6f25ULL};

std::string str(std::size_t v) { return std::to_string(v); }

const grader::Tolerance kTight{1e-12, 1e-10};

// ---- the oracle: plain loops --------------------------------------------------------------

double sigma(double a)
{
    return a >= 0 ? 1.0 / (1.0 + std::exp(-a)) : std::exp(a) / (1.0 + std::exp(a));
}

// a = z W + b, by loops.
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

// a Wᵀ, by loops.
Matrix times_transpose(const Matrix& a, const Matrix& W)
{
    Matrix r = xt::zeros<double>({a.shape(0), W.shape(0)});
    for (std::size_t n = 0; n < a.shape(0); ++n)
        for (std::size_t j = 0; j < W.shape(0); ++j)
            for (std::size_t k = 0; k < W.shape(1); ++k)
                r(n, j) += a(n, k) * W(j, k);
    return r;
}

double dot_sum(const Matrix& a, const Matrix& b)
{
    double s = 0;
    for (std::size_t k = 0; k < a.size(); ++k)
        s += a.flat(k) * b.flat(k);
    return s;
}

double frobenius(const Matrix& a)
{
    double s = 0;
    for (double v : a)
        s += v * v;
    return std::sqrt(s);
}

// -- networks (backward_signal_norms)

double act(const std::string& g, double z)
{
    if (g == "sigmoid")
        return sigma(z);
    if (g == "tanh")
        return std::tanh(z);
    if (g == "relu")
        return z > 0 ? z : 0.0;
    return z;
}
double act_derivative(const std::string& g, double z)
{
    if (g == "sigmoid")
        return sigma(z) * (1 - sigma(z));
    if (g == "tanh")
        return 1 - std::tanh(z) * std::tanh(z);
    if (g == "relu")
        return z > 0 ? 1.0 : 0.0;
    return 1.0;
}

// δ_l = ∂L/∂Z_l for every layer, L the mean cross-entropy of the output read as logits.
std::vector<Matrix> oracle_deltas(const Network& net, const Matrix& X, const Labels& y)
{
    std::vector<Matrix> Z;
    Matrix A = X;
    for (const Layer& layer : net.layers) {
        Z.push_back(affine(A, layer.W, layer.b));
        A = Z.back();
        for (auto& v : A)
            v = act(layer.activation, v);
    }
    const std::size_t N = A.shape(0), C = A.shape(1);
    Matrix G({N, C});  // (P − Y)/N
    for (std::size_t n = 0; n < N; ++n) {
        double m = A(n, 0), s = 0;
        for (std::size_t k = 0; k < C; ++k)
            m = std::max(m, A(n, k));
        for (std::size_t k = 0; k < C; ++k)
            s += std::exp(A(n, k) - m);
        for (std::size_t k = 0; k < C; ++k)
            G(n, k) = (std::exp(A(n, k) - m) / s - (k == y[n] ? 1.0 : 0.0)) / N;
    }
    std::vector<Matrix> deltas(net.layers.size());
    for (std::size_t l = net.layers.size(); l-- > 0;) {
        Matrix d = G;
        for (std::size_t k = 0; k < d.size(); ++k)
            d.flat(k) *= act_derivative(net.layers[l].activation, Z[l].flat(k));
        deltas[l] = d;
        G = times_transpose(d, net.layers[l].W);
    }
    return deltas;
}

std::vector<double> norms_of(const std::vector<Matrix>& ms)
{
    std::vector<double> v;
    for (const Matrix& m : ms)
        v.push_back(frobenius(m));
    return v;
}

// -- the RNN cell

RnnCache oracle_rnn_step(const Matrix& x, const Matrix& h_prev, const RnnParams& p)
{
    Matrix h = affine(x, p.Wx, p.b);
    for (std::size_t n = 0; n < h.shape(0); ++n)
        for (std::size_t k = 0; k < h.shape(1); ++k) {
            for (std::size_t j = 0; j < h_prev.shape(1); ++j)
                h(n, k) += h_prev(n, j) * p.Wh(j, k);
            h(n, k) = std::tanh(h(n, k));
        }
    return RnnCache{x, h_prev, h};
}

RnnSequence oracle_rnn_sequence(const std::vector<Matrix>& xs, const Matrix& h0, const RnnParams& p,
                                std::size_t from = 0)
{
    RnnSequence seq;
    Matrix h = h0;
    for (std::size_t t = from; t < xs.size(); ++t) {
        seq.caches.push_back(oracle_rnn_step(xs[t], h, p));
        h = seq.caches.back().h;
    }
    return seq;
}

// ∂L/∂h_{t−1} from ∂L/∂h_t through one step: (dh ⊙ (1 − h_t²)) Whᵀ.
Matrix oracle_rnn_step_back(const Matrix& dh, const Matrix& h, const Matrix& Wh)
{
    Matrix da = dh;
    for (std::size_t k = 0; k < da.size(); ++k)
        da.flat(k) *= 1 - h.flat(k) * h.flat(k);
    return times_transpose(da, Wh);
}

// Random parameters (not rnn_init's: that is the learner's).
RnnParams random_rnn(Case& c, std::size_t D, std::size_t H, double w = 0.9)
{
    return RnnParams{c.rng.matrix(D, H, -w, w), c.rng.matrix(H, H, -w, w),
                     c.rng.vector(H, -0.8, 0.8)};
}

std::vector<Matrix> random_inputs(Case& c, std::size_t T, std::size_t N, std::size_t D,
                                  double range = 2.0)
{
    std::vector<Matrix> xs;
    for (std::size_t t = 0; t < T; ++t)
        xs.push_back(c.rng.matrix(N, D, -range, range));
    return xs;
}

std::string sizes_str(std::size_t N, std::size_t D, std::size_t H)
{
    return "N = " + str(N) + ", D = " + str(D) + ", H = " + str(H);
}

// Every parameter gradient of an RNN against central differences of `loss(p)`.
void expect_rnn_param_gradients(const Case& c, const std::string& where, const RnnParams& got,
                                const RnnParams& p,
                                const std::function<double(const RnnParams&)>& loss)
{
    expect_gradient(
        c, "dWx (= Σ x_tᵀ·da_t)" + where, got.Wx,
        [&](const Matrix& W) {
            RnnParams q = p;
            q.Wx = W;
            return loss(q);
        },
        p.Wx);
    expect_gradient(
        c, "dWh (= Σ h_{t−1}ᵀ·da_t, the state before the step)" + where, got.Wh,
        [&](const Matrix& W) {
            RnnParams q = p;
            q.Wh = W;
            return loss(q);
        },
        p.Wh);
    expect_gradient(
        c, "db (da summed over the N rows)" + where, got.b,
        [&](const Vector& b) {
            RnnParams q = p;
            q.b = b;
            return loss(q);
        },
        p.b);
}

// -- the LSTM (chapter 07's reference cell: an earlier chapter's function)

LstmParams random_lstm(Case& c, std::size_t D, std::size_t H, double forget_bias)
{
    LstmParams p;
    for (Matrix* W : {&p.Wf, &p.Wi, &p.Wo, &p.Wc})
        *W = c.rng.matrix(H + D, H, -0.9, 0.9);
    for (Vector* b : {&p.bf, &p.bi, &p.bo, &p.bc})
        *b = c.rng.vector(H, -0.5, 0.5);
    p.bf += forget_bias;  // a remembering cell: the c path carries much of the gradient
    return p;
}

// ‖∂L/∂h_t‖ for t = 1 … T by central differences, L = sum(h_T·dh_last): h_t nudged, the
// steps after it rerun from (h_t, c_t) by `rerun(h_t, t)` which returns h_T.
std::vector<double> fd_hidden_norms(std::size_t T, const std::vector<Matrix>& hs,
                                    const Matrix& dh_last,
                                    const std::function<Matrix(const Matrix&, std::size_t)>& rerun)
{
    std::vector<double> norms;
    for (std::size_t t = 1; t <= T; ++t)
        norms.push_back(frobenius(grader::numeric_gradient(
            [&](const Matrix& h) { return dot_sum(rerun(h, t), dh_last); }, hs[t - 1])));
    return norms;
}

// ---- gradients for clipping ---------------------------------------------------------------

// The true global norm, summed in long double (range ±1e4932: 1e200² and 1e-200² fit).
double true_norm(const Gradients& g)
{
    long double s = 0;
    for (const Matrix& m : g.dW)
        for (double v : m)
            s += static_cast<long double>(v) * v;
    for (const Vector& m : g.db)
        for (double v : m)
            s += static_cast<long double>(v) * v;
    return static_cast<double>(std::sqrt(s));
}

std::string grads_str(const Gradients& g)
{
    std::string s = "dW {";
    for (std::size_t l = 0; l < g.dW.size(); ++l)
        s += (l ? ", " : "") + shape_str(g.dW[l]);
    s += "}, db {";
    for (std::size_t l = 0; l < g.db.size(); ++l)
        s += (l ? ", " : "") + shape_str(g.db[l]);
    return s + "}";
}

// Random gradients: L layers (1–4), or an RNN's packing (Wx, Wh as dW; b as db).
Gradients random_grads(Case& c, double range)
{
    Gradients g;
    if (c.rng.coin(0.25)) {
        const std::size_t D = c.rng.integer(1, 4), H = c.rng.integer(1, 4);
        g.dW = {c.rng.matrix(D, H, -range, range), c.rng.matrix(H, H, -range, range)};
        g.db = {c.rng.vector(H, -range, range)};
        return g;
    }
    const std::size_t L = c.rng.integer(1, 4);
    std::size_t in = c.rng.integer(1, 5);
    for (std::size_t l = 0; l < L; ++l) {
        const std::size_t out = c.rng.integer(1, 5);
        g.dW.push_back(c.rng.matrix(in, out, -range, range));
        g.db.push_back(c.rng.vector(out, -range, range));
        in = out;
    }
    return g;
}

Gradients scaled(Gradients g, double s)
{
    for (Matrix& m : g.dW)
        m *= s;
    for (Vector& v : g.db)
        v *= s;
    return g;
}

// Every dW and db of `got` against `want`: the same count, then expect_close.
bool expect_grads(const Case& c, const std::string& what, const Gradients& got,
                  const Gradients& want, grader::Tolerance tol)
{
    if (!expect_count(c, what + ": dW", got.dW.size(), want.dW.size()) ||
        !expect_count(c, what + ": db", got.db.size(), want.db.size()))
        return false;
    for (std::size_t l = 0; l < want.dW.size(); ++l)
        if (!expect_close(c, what + ": dW[" + str(l) + "]", got.dW[l], want.dW[l], tol))
            return false;
    for (std::size_t l = 0; l < want.db.size(); ++l)
        if (!expect_close(c, what + ": db[" + str(l) + "]", got.db[l], want.db[l], tol))
            return false;
    return true;
}

template <class E>
bool same_bits(const E& a, const E& b)
{
    if (a.shape() != b.shape())
        return false;
    for (std::size_t k = 0; k < a.size(); ++k) {
        const double x = a.flat(k), y = b.flat(k);
        if (!(x == y || (std::isnan(x) && std::isnan(y))))
            return false;
    }
    return true;
}

// Nothing changed: the same tensors, entry for entry (NaN where NaN was).
bool expect_unchanged(const Case& c, const std::string& what, const Gradients& got,
                      const Gradients& before)
{
    bool same = got.dW.size() == before.dW.size() && got.db.size() == before.db.size();
    for (std::size_t l = 0; same && l < before.dW.size(); ++l)
        same = same_bits(got.dW[l], before.dW[l]);
    for (std::size_t l = 0; same && l < before.db.size(); ++l)
        same = same_bits(got.db[l], before.db[l]);
    if (!same)
        fail(c, what + ": the gradients changed; they must be left exactly as they were");
    return same;
}

std::string lower(std::string s)
{
    for (char& ch : s)
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
}

// `call` throws std::invalid_argument whose message contains one of `any` (case-insensitive).
bool expect_throws_mentioning(const Case& c, const std::string& what,
                              const std::function<void()>& call,
                              const std::vector<std::string>& any, const std::string& as)
{
    try {
        call();
    } catch (const not_implemented&) {
        throw;
    } catch (const std::invalid_argument& e) {
        const std::string text = lower(e.what());
        for (const auto& word : any)
            if (text.find(lower(word)) != std::string::npos)
                return true;
        fail(c, what + ": the error message should give " + as + "; it was: \"" +
                    grader::one_line(e.what()) + "\"");
        return false;
    } catch (...) {
        fail(c, what + ": expected std::invalid_argument, but it threw " +
                    grader::describe_current_exception());
        return false;
    }
    fail(c, what + ": expected std::invalid_argument, but nothing was thrown");
    return false;
}

}  // namespace

// ---- backward_signal_norms ----------------------------------------------------------------

TEST(DepthSignal, MatchesTheBackwardPass)
{
    for_each_case(10, [&](Case& c) {
        grader::NetworkShape shape;
        shape.layers = c.index == 0 ? grader::Range{1, 1} : grader::Range{2, 5};
        shape.last = {"identity"};
        if (c.index >= 7)  // the loss reads the output as logits, whatever its activation
            shape.last = {"sigmoid", "tanh"};
        const Network net = grader::random_network(c, shape);
        const Matrix X = grader::random_inputs(c, net, c.index == 1 ? 1 : c.rng.integer(2, 7), 2.0);
        const Labels y = grader::random_labels(c, X.shape(0), net.layers.back().W.shape(1));
        c.description += ", y " + grader::list_str(y);
        const std::vector<double> got = backward_signal_norms(net, X, y);
        const std::size_t L = net.layers.size();
        if (!expect_count(c, "the norms (one per layer)", got.size(), L))
            return;
        const std::vector<double> want = norms_of(oracle_deltas(net, X, y));
        for (std::size_t l = 0; l < L; ++l)
            if (!expect_close(c,
                              "entry " + str(l) + ", ‖δ_" + str(l) + "‖ = ‖∂L/∂Z_" + str(l) +
                                  "‖ (entry 0 is the first layer)",
                              scalar(got[l]), scalar(want[l]), kTight))
                return;
        expect_reference(c, "the norms", grader::as_array(got), kTight);
    });
}

TEST(DepthSignal, OutputLayerIsSoftmaxMinusOneHotOverN)
{
    for_each_case(6, [&](Case& c) {
        grader::NetworkShape shape;
        shape.layers = c.index < 2 ? grader::Range{1, 1} : grader::Range{2, 4};
        shape.last = {"identity"};
        const Network net = grader::random_network(c, shape);
        const std::size_t N = c.index == 0 ? 1 : c.rng.integer(20, 60);
        const Matrix X = grader::random_inputs(c, net, N, 2.0);
        const Labels y = grader::random_labels(c, N, net.layers.back().W.shape(1));
        const std::vector<double> got = backward_signal_norms(net, X, y);
        const std::size_t L = net.layers.size();
        if (!expect_count(c, "the norms (one per layer)", got.size(), L))
            return;
        expect_close(c,
                     "the last entry, the output layer's ‖(P − Y)/N‖ (identity output: "
                     "δ = softmax(Z) − one_hot(y), divided by N = " +
                         str(N) + ")",
                     scalar(got[L - 1]), scalar(frobenius(oracle_deltas(net, X, y)[L - 1])),
                     kTight);
    });
}

TEST(DepthSignal, DeadReluUnitsPassNothing)
{
    for_each_case(5, [&](Case& c) {
        grader::NetworkShape shape;
        shape.layers = {3, 5};
        shape.widths = {2, 6};
        shape.hidden = {"relu"};
        shape.last = {"identity"};
        Network net = grader::random_network(c, shape);
        const std::size_t L = net.layers.size();
        // One hidden layer k: some of its units dead for every row (bias −10⁴), all of them in
        // cases 0 and 1 — then nothing reaches layers k and below.
        const std::size_t k = c.rng.integer(0, L - 2);
        const bool all = c.index < 2;
        Vector& b = net.layers[k].b;
        std::size_t dead = 0;
        for (std::size_t j = 0; j < b.size(); ++j)
            if (all || c.rng.coin(0.5) || (j + 1 == b.size() && dead == 0)) {
                b(j) = -1e4;
                ++dead;
            }
        const Matrix X = grader::random_inputs(c, net, c.rng.integer(2, 6), 2.0);
        const Labels y = grader::random_labels(c, X.shape(0), net.layers.back().W.shape(1));
        c.description += ", layer " + str(k) + ": " + str(dead) + " of " + str(b.size()) +
                         " units dead (bias −10⁴)";
        const std::vector<double> got = backward_signal_norms(net, X, y);
        if (!expect_count(c, "the norms (one per layer)", got.size(), L))
            return;
        const std::vector<double> want = norms_of(oracle_deltas(net, X, y));
        for (std::size_t l = 0; l < L; ++l)
            if (!expect_close(c,
                              "entry " + str(l) + " (δ = dA ⊙ relu'(Z): 0 for a dead unit" +
                                  (all && l <= k ? "; the whole layer is dead here: 0)" : ")"),
                              scalar(got[l]), scalar(want[l]), {1e-14, 1e-10}))
                return;
    });
}

TEST(DepthSignal, ShrinksThroughDeepSigmoidNetwork)
{
    for_each_case(3, [&](Case& c) {
        const std::size_t L = 20, N = c.rng.integer(2, 6);
        Network net;
        std::size_t in = 4;
        for (std::size_t l = 0; l < L; ++l) {
            const std::size_t out = l + 1 == L ? 3 : 6;
            const double w = 1.0 / std::sqrt(static_cast<double>(in));
            net.layers.push_back({c.rng.matrix(in, out, -w, w), c.rng.vector(out, -0.2, 0.2),
                                  l + 1 == L ? "identity" : "sigmoid"});
            in = out;
        }
        const Matrix X = c.rng.matrix(N, 4, -2, 2);
        const Labels y = grader::random_labels(c, N, 3);
        c.description = "20 layers, 4-sigmoid-6 … 6-identity-3, W in ±1/√fan_in, X " + shape_str(X);
        const std::vector<double> want = norms_of(oracle_deltas(net, X, y));
        const std::vector<double> got = backward_signal_norms(net, X, y);
        if (!expect_count(c, "the norms (one per layer)", got.size(), L))
            return;
        for (std::size_t l = 0; l < L; ++l)
            if (!expect_close(c,
                              "entry " + str(l) + " (it should be about " + num(want[l]) +
                                  ": σ' ≤ 1/4 shrinks the signal at every layer, entry 0 the "
                                  "smallest)",
                              scalar(got[l]), scalar(want[l]), {1e-300, 1e-9}))
                return;
        if (!(want[0] < 1e-4 * want[L - 1]))
            fail(c, "(the check's own case should vanish: " + num(want[0]) + " vs " +
                        num(want[L - 1]) + ")");
    });
}

TEST(DepthSignal, BadInputsAreClearErrors)
{
    // 0: X with one column more; 1: a label = C; 2: N − 1 labels; 3: N + 1 labels.
    for_each_case(4, [&](Case& c) {
        grader::NetworkShape shape;
        shape.layers = {1, 3};
        shape.outputs = {2, 5};
        shape.last = {"identity"};
        const Network net = grader::random_network(c, shape);
        const std::size_t N = c.rng.integer(3, 8), C = net.layers.back().W.shape(1);
        Matrix X = grader::random_inputs(c, net, N, 1.0);
        Labels y = grader::random_labels(c, N, C);
        expect_no_throw(c, "the valid call (" + c.description + ")",
                        [&] { backward_signal_norms(net, X, y); });
        std::vector<std::string> mention;
        std::string what;
        if (c.index == 0) {
            X = c.rng.matrix(N, X.shape(1) + 1, -1, 1);
            mention = {shape_str(X)};
            what = "X " + shape_str(X) + " for a first layer of " + str(X.shape(1) - 1) + " inputs";
        } else if (c.index == 1) {
            const std::size_t at = c.rng.integer(0, N - 1);
            y[at] = C;
            mention = {str(C)};
            what = "label " + str(C) + " (= C) at position " + str(at);
        } else {
            const std::size_t count = c.index == 2 ? N - 1 : N + 1;
            y.resize(count, C - 1);
            mention = {str(N), str(count)};
            what = str(count) + " labels for " + str(N) + " rows";
        }
        c.description += ", " + what;
        expect_throws<std::invalid_argument>(
            c, "backward_signal_norms with " + what, [&] { backward_signal_norms(net, X, y); },
            mention);
    });
}

// ---- rnn_init -----------------------------------------------------------------------------

TEST(RnnInit, ShapesAndZeroBias)
{
    for_each_case(5, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 6}, {1, 6}});  // D = 1, then H = 1
        const std::size_t D = s[0], H = s[1];
        const bool given = c.index >= 3;
        const double scale = given ? c.rng.uniform(0.0, 4.0) : 1.0;
        c.description = "D = " + str(D) + ", H = " + str(H) +
                        (given ? ", recurrent_scale = " + num(scale) : ", default scale");
        Rng rng(c.rng.integer(0, 1u << 30));
        const RnnParams p = given ? rnn_init(D, H, rng, scale) : rnn_init(D, H, rng);
        if (p.Wx.shape(0) != D || p.Wx.shape(1) != H)
            fail(c, "Wx is " + shape_str(p.Wx) + "; it must be (D, H) = (" + str(D) + ", " +
                        str(H) + ")");
        if (p.Wh.shape(0) != H || p.Wh.shape(1) != H)
            fail(c, "Wh is " + shape_str(p.Wh) + "; it must be (H, H) = (" + str(H) + ", " +
                        str(H) + ")");
        expect_close(c, "b (H zeros)", p.b, Vector(xt::zeros<double>({H})), {0, 0});
    });
}

TEST(RnnInit, FollowsTheDrawOrder)
{
    for_each_case(7, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 5}, {1, 5}});
        std::size_t D = s[0], H = s[1];
        if (c.index == 2)
            D = H;  // Wx and Wh of the same shape: only the values tell them apart
        const bool given = c.index >= 3;
        const double scale =
            !given ? 1.0 : (c.index == 3 ? 0.0 : (c.index == 4 ? 1.0 : c.rng.uniform(0.2, 5.0)));
        const std::uint64_t sd = c.rng.integer(0, 1u << 30);
        c.description = "D = " + str(D) + ", H = " + str(H) + ", Rng seed " + str(sd) +
                        (given ? ", recurrent_scale = " + num(scale) : ", default scale");
        Rng rng(sd), twin(sd);
        const RnnParams p = given ? rnn_init(D, H, rng, scale) : rnn_init(D, H, rng);
        const double k = 1.0 / std::sqrt(static_cast<double>(H));
        const Matrix wx = twin.uniform(D, H, -k, k);
        const Matrix wh_raw = twin.uniform(H, H, -k, k);
        const Matrix wh = scale * wh_raw;
        auto same = [](const Matrix& a, const Matrix& b) {
            return a.shape() == b.shape() && xt::allclose(a, b, 1e-14, 1e-300);
        };
        bool ok = true;
        if (!same(p.Wx, wx)) {
            ok = false;
            if (scale != 1.0 && p.Wx.shape() == wx.shape() &&
                xt::allclose(p.Wx, scale * wx, 1e-14, 1e-300))
                fail(c, "Wx is the first draw multiplied by recurrent_scale: only Wh is scaled");
            else if (same(p.Wx, wh_raw) || same(p.Wx, wh))
                fail(c, "Wx holds the second draw, the numbers Wh should get: draw Wx first, "
                        "then Wh");
            else
                expect_close(c, "Wx against draw 1 of rng.uniform(D, H, −1/√H, 1/√H)", p.Wx, wx,
                             {1e-15, 1e-14});
        }
        if (ok && !same(p.Wh, wh)) {
            ok = false;
            if (same(p.Wh, wh_raw))
                fail(c,
                     "Wh is the second draw but not multiplied by recurrent_scale = " + num(scale));
            else
                expect_close(c,
                             "Wh against recurrent_scale × draw 2 of rng.uniform(H, H, −1/√H, "
                             "1/√H)",
                             p.Wh, wh, {1e-15, 1e-14});
        }
        if (ok && rng.uniform() != twin.uniform())
            fail(c, "after rnn_init the generator is not where exactly D·H + H·H uniform draws "
                    "leave it (draw Wx and Wh once each, and b not at all)");
    });
}

TEST(RnnInit, WeightsWithinOneOverSqrtH)
{
    for_each_case(5, [&](Case& c) {
        const std::size_t H = c.index == 0 ? 1 : c.rng.integer(2, 30);
        const std::size_t D = c.index == 0 ? 1 : c.rng.integer(8, 30);
        const double k = 1.0 / std::sqrt(static_cast<double>(H));
        c.description = "D = " + str(D) + ", H = " + str(H) + ", bound 1/√H = " + num(k) +
                        ", default recurrent_scale";
        Rng rng(c.rng.integer(0, 1u << 30));
        const RnnParams p = rnn_init(D, H, rng);
        for (const auto& [name, W] : {std::pair<const char*, const Matrix*>{"Wx", &p.Wx},
                                      std::pair<const char*, const Matrix*>{"Wh", &p.Wh}}) {
            double largest = 0;
            for (double v : *W) {
                if (!(v >= -k && v < k)) {
                    fail(c, std::string(name) + " holds " + num(v) + ", outside [−1/√H, 1/√H) = [" +
                                num(-k) + ", " + num(k) + ")");
                    return;
                }
                largest = std::max(largest, std::abs(v));
            }
            if (W->size() >= 40 && largest < 0.85 * k)
                fail(c, "the largest |w| of the " + str(W->size()) + " entries of " + name +
                            " is " + num(largest) + ", far below the bound 1/√H = " + num(k) +
                            ": is the scale 1/H, or 1/√D?");
        }
    });
}

TEST(RnnInit, BadArgumentsThrowAndDrawNothing)
{
    // 0: D = 0; 1: H = 0; 2: recurrent_scale −x; 3: NaN; 4: +inf; 5: −inf; 6: the smallest
    // negative number.
    for_each_case(7, [&](Case& c) {
        std::size_t D = c.rng.integer(1, 5), H = c.rng.integer(1, 5);
        double scale = 1.0;
        switch (c.index) {
        case 0: D = 0; break;
        case 1: H = 0; break;
        case 2: scale = -c.rng.uniform(0.1, 3.0); break;
        case 3: scale = std::numeric_limits<double>::quiet_NaN(); break;
        case 4: scale = std::numeric_limits<double>::infinity(); break;
        case 5: scale = -std::numeric_limits<double>::infinity(); break;
        default: scale = -std::numeric_limits<double>::denorm_min();
        }
        const std::uint64_t sd = c.rng.integer(0, 1u << 30);
        c.description = "rnn_init(" + str(D) + ", " + str(H) + ", rng, " + num(scale) + ")";
        Rng rng(sd), twin(sd);
        if (!expect_throws<std::invalid_argument>(c, c.description,
                                                  [&] { rnn_init(D, H, rng, scale); }))
            return;
        if (rng.uniform() != twin.uniform())
            fail(c, c.description + " threw, but after drawing: check D, H and recurrent_scale "
                                    "before the first draw (the generator must not advance)");
        if (c.index >= 2) {
            Rng ok(sd);
            expect_no_throw(c, "recurrent_scale = 0 (the boundary: a valid, silent recurrence)",
                            [&] { rnn_init(D, H, ok, 0.0); });
        } else {
            Rng ok(sd);
            expect_no_throw(c, "rnn_init(1, 1, rng)", [&] { rnn_init(1, 1, ok); });
        }
    });
}

// ---- rnn_cell_forward ---------------------------------------------------------------------

TEST(RnnCell, ForwardMatchesTheEquation)
{
    for_each_case(8, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 5}, {1, 4}, {1, 5}});  // N, D, H = 1 each alone
        std::size_t N = s[0], D = s[1], H = s[2];
        if (c.index >= 3 && D == H)
            D = H + 1;  // x·Wh would not fit: Wx and Wh cannot be swapped silently
        const RnnParams p = random_rnn(c, D, H);
        const Matrix x = c.rng.matrix(N, D, -2, 2), h = c.rng.matrix(N, H, -1, 1);
        c.description = sizes_str(N, D, H);
        const RnnCache got = rnn_cell_forward(x, h, p);
        const RnnCache want = oracle_rnn_step(x, h, p);
        expect_close(c, "cache.h (= tanh(x·Wx + h_prev·Wh + b))", got.h, want.h, kTight);
        expect_close(c, "cache.x (the input, as given)", got.x, x, {0, 0});
        expect_close(c, "cache.h_prev (the previous state, as given)", got.h_prev, h, {0, 0});
    });
}

TEST(RnnCell, SaturatedStaysFinite)
{
    for_each_case(3, [&](Case& c) {
        const std::size_t N = c.rng.integer(1, 4), D = c.rng.integer(1, 3), H = c.rng.integer(1, 4);
        const RnnParams p = random_rnn(c, D, H, 2.0);
        Matrix x = c.rng.matrix(N, D, -1000, 1000);
        const Matrix h = c.rng.matrix(N, H, -1, 1);
        c.description = sizes_str(N, D, H) + ", x up to ±1000 (tanh saturates, |a| ≫ 710)";
        const RnnCache got = rnn_cell_forward(x, h, p);
        for (double v : got.h)
            if (!(v >= -1 && v <= 1)) {
                fail(c, "h holds " + num(v) +
                            ": tanh written (e^a − e^−a)/(e^a + e^−a) gives inf/inf = NaN for "
                            "|a| > 710; use std::tanh");
                return;
            }
        expect_close(c, "cache.h", got.h, oracle_rnn_step(x, h, p).h, kTight);
    });
}

TEST(RnnCell, BadShapesAreClearErrors)
{
    // 0: x wrong D; 1: x of width H; 2: h_prev wrong H; 3: h_prev with another N; 4: Wh (H + 1,
    // H); 5: Wh (H, H + 1); 6: b of H + 1.
    for_each_case(7, [&](Case& c) {
        const std::size_t N = c.rng.integer(1, 4), D = c.rng.integer(1, 4);
        const std::size_t H = grader::distinct_number(c, 1, 4, {D, D + 1});
        RnnParams p = random_rnn(c, D, H);
        Matrix x = c.rng.matrix(N, D, -1, 1), h = c.rng.matrix(N, H, -1, 1);
        expect_no_throw(c, "the valid call (" + sizes_str(N, D, H) + ")",
                        [&] { rnn_cell_forward(x, h, p); });
        std::string name, shape;
        std::vector<std::string> mention;
        switch (c.index) {
        case 0: x = c.rng.matrix(N, D + 1, -1, 1), name = "x", shape = shape_str(x); break;
        case 1: x = c.rng.matrix(N, H, -1, 1), name = "x", shape = shape_str(x); break;
        case 2: h = c.rng.matrix(N, H + 1, -1, 1), name = "h_prev", shape = shape_str(h); break;
        case 3: h = c.rng.matrix(N + 1, H, -1, 1), name = "h_prev", shape = shape_str(h); break;
        case 4: p.Wh = c.rng.matrix(H + 1, H, -1, 1), name = "Wh", shape = shape_str(p.Wh); break;
        case 5: p.Wh = c.rng.matrix(H, H + 1, -1, 1), name = "Wh", shape = shape_str(p.Wh); break;
        default: p.b = c.rng.vector(H + 1, -1, 1), name = "b", shape = shape_str(p.b);
        }
        // x and h_prev with different N: either one may be named (N is read from one of them).
        mention = c.index == 3 ? std::vector<std::string>{} : std::vector<std::string>{name, shape};
        c.description = sizes_str(N, D, H) + ", " + name + " " + shape;
        expect_throws<std::invalid_argument>(
            c, "rnn_cell_forward with " + name + " " + shape, [&] { rnn_cell_forward(x, h, p); },
            mention);
    });
}

// ---- rnn_cell_backward --------------------------------------------------------------------

TEST(RnnCellBackward, GradientMatchesFiniteDifferences)
{
    for_each_case(8, [&](Case& c) {
        auto s = grader::sizes(c, {{1, 4}, {1, 3}, {1, 4}});
        if (c.index >= 3 && s[0] == s[2])
            s[0] = s[2] + 1;  // N ≠ H: a bias gradient summed over the wrong axis has another shape
        const std::size_t N = s[0], D = s[1], H = s[2];
        const RnnParams p = random_rnn(c, D, H);
        const Matrix x = c.rng.matrix(N, D, -2, 2), h = c.rng.matrix(N, H, -1, 1);
        const Matrix A = c.rng.matrix(N, H, -1, 1);
        c.description = sizes_str(N, D, H) + ", L = sum(h_t·A), so dh = A";
        const RnnCellGradients g = rnn_cell_backward(A, oracle_rnn_step(x, h, p), p);
        auto loss = [&](const Matrix& xx, const Matrix& hh, const RnnParams& q) {
            return dot_sum(oracle_rnn_step(xx, hh, q).h, A);
        };
        expect_gradient(
            c, "dx (= da·Wxᵀ, da = dh ⊙ (1 − h_t²))", g.dx,
            [&](const Matrix& v) { return loss(v, h, p); }, x);
        expect_gradient(
            c, "dh_prev (= da·Whᵀ)", g.dh_prev, [&](const Matrix& v) { return loss(x, v, p); }, h);
        expect_rnn_param_gradients(c, "", g.dparams, p,
                                   [&](const RnnParams& q) { return loss(x, h, q); });
    });
}

TEST(RnnCellBackward, BiasGradientSumsOverRows)
{
    for_each_case(4, [&](Case& c) {
        const std::size_t H = c.rng.integer(1, 4);
        const std::size_t N = H + c.rng.integer(1, 3);  // N >= 2, N != H, rows all different
        const std::size_t D = c.rng.integer(1, 3);
        const RnnParams p = random_rnn(c, D, H);
        const Matrix x = c.rng.matrix(N, D, -2, 2), h = c.rng.matrix(N, H, -1, 1);
        const Matrix A = c.rng.matrix(N, H, -1, 1);
        c.description = sizes_str(N, D, H) + ", rows all different";
        const RnnCellGradients g = rnn_cell_backward(A, oracle_rnn_step(x, h, p), p);
        Vector want = xt::zeros<double>({H});
        for (std::size_t n = 0; n < N; ++n) {  // each row's own gradient, added up
            const Matrix xr = xt::view(x, xt::range(n, n + 1), xt::all());
            const Matrix hr = xt::view(h, xt::range(n, n + 1), xt::all());
            const Matrix Ar = xt::view(A, xt::range(n, n + 1), xt::all());
            want += grader::numeric_gradient(
                [&](const Vector& v) {
                    RnnParams q = p;
                    q.b = v;
                    return dot_sum(oracle_rnn_step(xr, hr, q).h, Ar);
                },
                p.b);
        }
        expect_close(c,
                     "db against the sum over the N rows of each row's own gradient (sum over "
                     "axis 0, the rows; the result has H entries)",
                     g.dparams.b, want, {1e-8, 1e-6});
    });
}

TEST(RnnCellBackward, SaturatedUnitsPassNothing)
{
    for_each_case(3, [&](Case& c) {
        const std::size_t N = c.rng.integer(1, 4), D = c.rng.integer(1, 3), H = c.rng.integer(2, 4);
        RnnParams p = random_rnn(c, D, H);
        const std::size_t k = c.rng.integer(0, H - 1);
        p.b(k) = 1000;  // unit k saturated at h = 1 for every row: tanh' = 1 − h² = 0
        const Matrix x = c.rng.matrix(N, D, -1, 1), h = c.rng.matrix(N, H, -1, 1);
        const Matrix A = c.rng.matrix(N, H, -1, 1);
        c.description = sizes_str(N, D, H) + ", unit " + str(k) + " saturated (b = 1000, h = 1)";
        const RnnCellGradients g = rnn_cell_backward(A, oracle_rnn_step(x, h, p), p);
        for (std::size_t j = 0; j < D; ++j)
            if (g.dparams.Wx.shape() == p.Wx.shape() && g.dparams.Wx(j, k) != 0) {
                fail(c, "dWx(" + str(j) + ", " + str(k) + ") is " + num(g.dparams.Wx(j, k)) +
                            ": a saturated unit (h = 1) passes no gradient; da = dh ⊙ (1 − h²)");
                return;
            }
        expect_gradient(
            c, "dx", g.dx, [&](const Matrix& v) { return dot_sum(oracle_rnn_step(v, h, p).h, A); },
            x);
    });
}

TEST(RnnCellBackward, BadShapesAreClearErrors)
{
    for_each_case(2, [&](Case& c) {
        const std::size_t N = c.rng.integer(1, 4), D = c.rng.integer(1, 3), H = c.rng.integer(1, 4);
        const RnnParams p = random_rnn(c, D, H);
        const RnnCache cache =
            oracle_rnn_step(c.rng.matrix(N, D, -1, 1), c.rng.matrix(N, H, -1, 1), p);
        Matrix dh = c.rng.matrix(N, H, -1, 1);
        expect_no_throw(c, "the valid call (" + sizes_str(N, D, H) + ")",
                        [&] { rnn_cell_backward(dh, cache, p); });
        dh = c.index ? c.rng.matrix(N + 1, H, -1, 1) : c.rng.matrix(N, H + 1, -1, 1);
        c.description = sizes_str(N, D, H) + ", dh " + shape_str(dh);
        expect_throws<std::invalid_argument>(c, "rnn_cell_backward with dh " + shape_str(dh),
                                             [&] { rnn_cell_backward(dh, cache, p); },
                                             {"dh", shape_str(dh)});
    });
}

// ---- rnn_forward --------------------------------------------------------------------------

TEST(RnnSequence, ForwardChainsTheSteps)
{
    for_each_case(6, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 6}, {1, 3}, {1, 3}, {1, 4}});  // T, N, D, H
        const std::size_t T = s[0], N = s[1], D = s[2], H = s[3];
        const RnnParams p = random_rnn(c, D, H);
        const std::vector<Matrix> xs = random_inputs(c, T, N, D);
        const Matrix h0 = c.rng.matrix(N, H, -1, 1);
        c.description = "T = " + str(T) + ", " + sizes_str(N, D, H);
        const RnnSequence got = rnn_forward(xs, h0, p);
        const RnnSequence want = oracle_rnn_sequence(xs, h0, p);
        if (!expect_count(c, "seq.caches", got.caches.size(), T))
            return;
        for (std::size_t t = 0; t < T; ++t) {
            const std::string at = "caches[" + str(t) + "]";
            if (!expect_close(c, at + ".h_prev (step t starts from step t − 1's h; step 0 from h0)",
                              got.caches[t].h_prev, want.caches[t].h_prev, kTight) ||
                !expect_close(c, at + ".x (= xs[" + str(t) + "])", got.caches[t].x, xs[t],
                              {0, 0}) ||
                !expect_close(c, at + ".h", got.caches[t].h, want.caches[t].h, kTight))
                return;
        }
    });
}

TEST(RnnSequence, BadInputsAreClearErrors)
{
    // 0: an empty sequence; 1, 2: xs[t] one column wider at a step t >= 1; 3: h0 of H + 1.
    for_each_case(4, [&](Case& c) {
        const std::size_t N = c.rng.integer(1, 3), D = c.rng.integer(1, 3), H = c.rng.integer(1, 3);
        const RnnParams p = random_rnn(c, D, H);
        Matrix h0 = c.rng.matrix(N, H, -1, 1);
        if (c.index == 0) {
            c.description = "an empty sequence (T = 0), " + sizes_str(N, D, H);
            expect_throws<std::invalid_argument>(c, "rnn_forward({}, h0, p)",
                                                 [&] { rnn_forward({}, h0, p); });
            expect_no_throw(c, "a sequence of one step",
                            [&] { rnn_forward({c.rng.matrix(N, D, -1, 1)}, h0, p); });
            return;
        }
        const std::size_t T = c.rng.integer(2, 5), bad_t = c.rng.integer(1, T - 1);
        std::vector<Matrix> xs = random_inputs(c, T, N, D);
        if (c.index == 3) {
            h0 = c.rng.matrix(N, H + 1, -1, 1);
            c.description = "T = " + str(T) + ", " + sizes_str(N, D, H) + ", h0 " + shape_str(h0);
            expect_throws<std::invalid_argument>(c, "rnn_forward with h0 " + shape_str(h0),
                                                 [&] { rnn_forward(xs, h0, p); }, {shape_str(h0)});
            return;
        }
        xs[bad_t] = c.rng.matrix(N, D + c.index, -1, 1);
        const std::string shape = shape_str(xs[bad_t]);
        c.description =
            "T = " + str(T) + ", " + sizes_str(N, D, H) + ", xs[" + str(bad_t) + "] " + shape;
        expect_throws<std::invalid_argument>(c, "rnn_forward with xs[" + str(bad_t) + "] " + shape,
                                             [&] { rnn_forward(xs, h0, p); }, {"x", shape});
    });
}

// ---- rnn_backward -------------------------------------------------------------------------

namespace {

enum class Reads { every_step, last_step, middle_steps };

// L = Σ_t sum(h[t]·A[t]), with A[t] = 0 where the loss does not read step t.
void check_bptt(Reads reads, int cases, bool params_only)
{
    for_each_case(cases, [&](Case& c) {
        std::vector<std::size_t> s;
        if (reads == Reads::middle_steps)
            s = {c.rng.integer(3, 6), c.rng.integer(1, 3), c.rng.integer(1, 3),
                 c.rng.integer(1, 3)};
        else
            s = grader::sizes(c, {{params_only ? std::size_t{3} : std::size_t{1}, 6},
                                  {1, 3},
                                  {1, 3},
                                  {1, 3}});  // T, N, D, H
        if (c.index >= 4 && s[1] == s[3])
            s[1] = s[3] + 1;
        const std::size_t T = s[0], N = s[1], D = s[2], H = s[3];
        const RnnParams p = random_rnn(c, D, H);
        const std::vector<Matrix> xs = random_inputs(c, T, N, D);
        const Matrix h0 = c.rng.matrix(N, H, -1, 1);
        std::vector<Matrix> A;
        std::string read;
        for (std::size_t t = 0; t < T; ++t) {
            bool on = true;
            if (reads == Reads::last_step)
                on = t + 1 == T;
            if (reads == Reads::middle_steps)
                on = t > 0 && t + 1 < T && (t == 1 || c.rng.coin(0.5));
            A.push_back(on ? c.rng.matrix(N, H, -1, 1) : Matrix(xt::zeros<double>({N, H})));
            if (on)
                read += (read.empty() ? "" : ", ") + str(t);
        }
        c.description = "T = " + str(T) + ", " + sizes_str(N, D, H) +
                        ", L = Σ_t sum(h[t]·A[t]), A[t] ≠ 0 at t = " + read;
        const RnnSequenceGradients g = rnn_backward(A, oracle_rnn_sequence(xs, h0, p), p);
        auto loss = [&](const std::vector<Matrix>& x, const Matrix& h, const RnnParams& q) {
            const RnnSequence o = oracle_rnn_sequence(x, h, q);
            double L = 0;
            for (std::size_t t = 0; t < T; ++t)
                L += dot_sum(o.caches[t].h, A[t]);
            return L;
        };
        if (!params_only) {
            expect_gradient(
                c, "dh0 (carried back through every step)", g.dh0,
                [&](const Matrix& v) { return loss(xs, v, p); }, h0);
            if (!expect_count(c, "dx", g.dx.size(), T))
                return;
            for (std::size_t t = 0; t < T; ++t)
                expect_gradient(
                    c, "dx[" + str(t) + "]", g.dx[t],
                    [&](const Matrix& v) {
                        std::vector<Matrix> x = xs;
                        x[t] = v;
                        return loss(x, h0, p);
                    },
                    xs[t]);
        }
        expect_rnn_param_gradients(c, ", summed over the T = " + str(T) + " steps", g.dparams, p,
                                   [&](const RnnParams& q) { return loss(xs, h0, q); });
    });
}

}  // namespace

TEST(RnnBptt, GradientMatchesFiniteDifferences) { check_bptt(Reads::every_step, 8, false); }

TEST(RnnBptt, LossAtTheLastStepOnly) { check_bptt(Reads::last_step, 5, false); }

TEST(RnnBptt, GradientEntersAtMiddleSteps) { check_bptt(Reads::middle_steps, 4, false); }

TEST(RnnBptt, WeightGradientsSumOverSteps) { check_bptt(Reads::every_step, 4, true); }

TEST(RnnBptt, BadGradientsAreClearErrors)
{
    // 0: one dh too few; 1: one too many; 2: dh[t] of the wrong shape; 3: an empty sequence.
    for_each_case(4, [&](Case& c) {
        const std::size_t N = c.rng.integer(1, 3), D = c.rng.integer(1, 3), H = c.rng.integer(1, 3);
        const RnnParams p = random_rnn(c, D, H);
        const std::size_t T = c.index == 3 ? 0 : c.rng.integer(2, 5);
        std::vector<Matrix> dh;
        for (std::size_t t = 0; t < T; ++t)
            dh.push_back(c.rng.matrix(N, H, -1, 1));
        const RnnSequence seq = c.index == 3 ? RnnSequence{}
                                             : oracle_rnn_sequence(random_inputs(c, T, N, D),
                                                                   c.rng.matrix(N, H, -1, 1), p);
        if (T > 0)
            expect_no_throw(c, "the valid call (T = " + str(T) + ", " + sizes_str(N, D, H) + ")",
                            [&] { rnn_backward(dh, seq, p); });
        std::vector<std::string> mention{"dh"};
        if (c.index == 0)
            dh.pop_back();
        if (c.index == 1)
            dh.push_back(c.rng.matrix(N, H, -1, 1));
        if (c.index == 2) {
            const std::size_t t = c.rng.integer(0, T - 1);
            dh[t] = c.rng.matrix(N, H + 1, -1, 1);
            mention = {"dh", shape_str(dh[t])};
        }
        if (c.index == 3)
            mention = {};
        c.description =
            "T = " + str(T) + ", " + str(dh.size()) + " dh matrices, " + sizes_str(N, D, H);
        expect_throws<std::invalid_argument>(
            c, "rnn_backward with " + c.description, [&] { rnn_backward(dh, seq, p); }, mention);
    });
}

// ---- rnn_hidden_gradient_norms ------------------------------------------------------------

TEST(TimeSignal, RnnNormsMatchFiniteDifferences)
{
    for_each_case(8, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 6}, {1, 3}, {1, 3}, {1, 4}});  // T, N, D, H
        const std::size_t T = s[0], N = s[1], D = s[2], H = s[3];
        const RnnParams p = random_rnn(c, D, H, 1.2);
        const std::vector<Matrix> xs = random_inputs(c, T, N, D, 1.0);
        const Matrix h0 = c.rng.matrix(N, H, -1, 1), dh_last = c.rng.matrix(N, H, -1, 1);
        c.description = "T = " + str(T) + ", " + sizes_str(N, D, H) + ", L = sum(h_T·dh_last)";
        const std::vector<double> got = rnn_hidden_gradient_norms(xs, h0, p, dh_last);
        if (!expect_count(c, "the norms (one per step)", got.size(), T))
            return;
        if (!expect_close(c, "entry T − 1 (‖dh_last‖: the gradient reaching h_T is dh_last)",
                          scalar(got[T - 1]), scalar(frobenius(dh_last)), kTight))
            return;
        std::vector<Matrix> hs;
        for (const RnnCache& k : oracle_rnn_sequence(xs, h0, p).caches)
            hs.push_back(k.h);
        const std::vector<double> want =
            fd_hidden_norms(T, hs, dh_last, [&](const Matrix& h, std::size_t t) {
                return t == T ? h : oracle_rnn_sequence(xs, h, p, t).caches.back().h;
            });
        for (std::size_t t = 0; t < T; ++t)
            if (!expect_close(c,
                              "entry " + str(t) + ", ‖∂L/∂h_" + str(t + 1) +
                                  "‖ (central differences of L through steps " + str(t + 2) +
                                  " … T)",
                              scalar(got[t]), scalar(want[t]), {1e-8, 1e-6}))
                return;
        expect_reference(c, "the norms", grader::as_array(got), kTight);
    });
}

TEST(TimeSignal, RnnLongSequenceMatchesOracle)
{
    // Recurrent weights small (the signal vanishes), ordinary, large (it grows until tanh
    // saturates).
    for_each_case(3, [&](Case& c) {
        const std::size_t T = 40, N = 2, D = 2, H = 4;
        const double scale = c.index == 0 ? 0.3 : (c.index == 1 ? 1.0 : 2.5);
        RnnParams p = random_rnn(c, D, H, 0.5);
        p.Wh = c.rng.matrix(H, H, -1, 1) * (scale / std::sqrt(static_cast<double>(H)));
        const std::vector<Matrix> xs = random_inputs(c, T, N, D, 0.3);
        const Matrix h0 = c.rng.matrix(N, H, -0.1, 0.1), dh_last = c.rng.matrix(N, H, -1, 1);
        c.description = "T = 40, " + sizes_str(N, D, H) + ", Wh in ±" + num(scale) + "/√H";
        const RnnSequence seq = oracle_rnn_sequence(xs, h0, p);
        std::vector<double> want(T);
        Matrix dh = dh_last;
        for (std::size_t t = T; t-- > 0;) {
            want[t] = frobenius(dh);
            dh = oracle_rnn_step_back(dh, seq.caches[t].h, p.Wh);
        }
        const std::vector<double> got = rnn_hidden_gradient_norms(xs, h0, p, dh_last);
        if (!expect_count(c, "the norms (one per step)", got.size(), T))
            return;
        for (std::size_t t = 0; t < T; ++t)
            if (!expect_close(c, "entry " + str(t) + ", ‖∂L/∂h_" + str(t + 1) + "‖", scalar(got[t]),
                              scalar(want[t]), {1e-300, 1e-9}))
                return;
    });
}

TEST(TimeSignal, RnnBadInputsAreClearErrors)
{
    // 0: an empty sequence; 1: dh_last with H + 1 columns; 2: dh_last with N + 1 rows;
    // 3: xs[t] one column wider.
    for_each_case(4, [&](Case& c) {
        const std::size_t N = c.rng.integer(1, 3), D = c.rng.integer(1, 3), H = c.rng.integer(1, 3);
        const std::size_t T = c.rng.integer(2, 4);
        const RnnParams p = random_rnn(c, D, H);
        std::vector<Matrix> xs = random_inputs(c, T, N, D);
        const Matrix h0 = c.rng.matrix(N, H, -1, 1);
        Matrix dh_last = c.rng.matrix(N, H, -1, 1);
        expect_no_throw(c, "the valid call (T = " + str(T) + ", " + sizes_str(N, D, H) + ")",
                        [&] { rnn_hidden_gradient_norms(xs, h0, p, dh_last); });
        std::vector<std::string> mention;
        if (c.index == 0)
            xs.clear();
        if (c.index == 1 || c.index == 2) {
            dh_last = c.index == 1 ? c.rng.matrix(N, H + 1, -1, 1) : c.rng.matrix(N + 1, H, -1, 1);
            mention = {"dh_last", shape_str(dh_last)};
        }
        if (c.index == 3) {
            xs[T - 1] = c.rng.matrix(N, D + 1, -1, 1);
            mention = {shape_str(xs[T - 1])};
        }
        c.description =
            "T = " + str(xs.size()) + ", " + sizes_str(N, D, H) + ", dh_last " + shape_str(dh_last);
        expect_throws<std::invalid_argument>(
            c, "rnn_hidden_gradient_norms with " + c.description,
            [&] { rnn_hidden_gradient_norms(xs, h0, p, dh_last); }, mention);
    });
}

// ---- lstm_hidden_gradient_norms -----------------------------------------------------------

TEST(TimeSignal, LstmNormsMatchFiniteDifferences)
{
    for_each_case(8, [&](Case& c) {
        auto s = grader::sizes(c, {{1, 6}, {1, 3}, {1, 3}, {1, 3}});  // T, N, D, H
        if (c.index >= 4)
            s[0] = std::max<std::size_t>(s[0], 3);  // dc carried twice or more: it shows
        const std::size_t T = s[0], N = s[1], D = s[2], H = s[3];
        const double fb = c.index % 2 ? 2.0 : 0.0;
        const LstmParams p = random_lstm(c, D, H, fb);
        const std::vector<Matrix> xs = random_inputs(c, T, N, D, 1.0);
        const Matrix h0 = c.rng.matrix(N, H, -1, 1), c0 = c.rng.matrix(N, H, -1, 1),
                     dh_last = c.rng.matrix(N, H, -1, 1);
        c.description = "T = " + str(T) + ", " + sizes_str(N, D, H) + ", forget biases around " +
                        num(fb) + ", L = sum(h_T·dh_last)";
        const std::vector<double> got = lstm_hidden_gradient_norms(xs, h0, c0, p, dh_last);
        if (!expect_count(c, "the norms (one per step)", got.size(), T))
            return;
        if (!expect_close(c, "entry T − 1 (‖dh_last‖: the gradient reaching h_T is dh_last)",
                          scalar(got[T - 1]), scalar(frobenius(dh_last)), kTight))
            return;
        // The states by chapter 07's (reference) cell, then L rerun from a nudged h_t with c_t.
        std::vector<Matrix> hs, cs;
        Matrix h = h0, cc = c0;
        for (std::size_t t = 0; t < T; ++t) {
            const LstmStep st = lstm_cell_forward(xs[t], h, cc, p);
            h = st.h;
            cc = st.c;
            hs.push_back(h);
            cs.push_back(cc);
        }
        const std::vector<double> want =
            fd_hidden_norms(T, hs, dh_last, [&](const Matrix& ht, std::size_t t) {
                Matrix hh = ht, ct = cs[t - 1];
                for (std::size_t u = t; u < T; ++u) {
                    const LstmStep st = lstm_cell_forward(xs[u], hh, ct, p);
                    hh = st.h;
                    ct = st.c;
                }
                return hh;
            });
        for (std::size_t t = 0; t < T; ++t)
            if (!expect_close(c,
                              "entry " + str(t) + ", ‖∂L/∂h_" + str(t + 1) +
                                  "‖ (central differences of L through steps " + str(t + 2) +
                                  " … T; c_t carries gradient back too)",
                              scalar(got[t]), scalar(want[t]), {1e-8, 1e-6}))
                return;
        expect_reference(c, "the norms", grader::as_array(got), kTight);
    });
}

TEST(TimeSignal, LstmLongSequenceMatchesOracle)
{
    for_each_case(2, [&](Case& c) {
        const std::size_t T = 30, N = 2, D = 2, H = 3;
        const double fb = c.index == 0 ? 1.0 : 3.0;
        const LstmParams p = random_lstm(c, D, H, fb);
        const std::vector<Matrix> xs = random_inputs(c, T, N, D, 1.0);
        const Matrix h0 = c.rng.matrix(N, H, -1, 1), c0 = c.rng.matrix(N, H, -1, 1),
                     dh_last = c.rng.matrix(N, H, -1, 1);
        c.description = "T = 30, " + sizes_str(N, D, H) + ", forget biases around " + num(fb);
        // The oracle: chapter 07's reference cell backward, dh and dc carried together.
        std::vector<LstmCache> caches;
        Matrix h = h0, cc = c0;
        for (std::size_t t = 0; t < T; ++t) {
            LstmStep st = lstm_cell_forward(xs[t], h, cc, p);
            h = st.h;
            cc = st.c;
            caches.push_back(std::move(st.cache));
        }
        std::vector<double> want(T);
        Matrix dh = dh_last, dc = xt::zeros<double>({N, H});
        for (std::size_t t = T; t-- > 0;) {
            want[t] = frobenius(dh);
            const LstmCellGradients g = lstm_cell_backward(dh, dc, caches[t], p);
            dh = g.dh_prev;
            dc = g.dc_prev;
        }
        const std::vector<double> got = lstm_hidden_gradient_norms(xs, h0, c0, p, dh_last);
        if (!expect_count(c, "the norms (one per step)", got.size(), T))
            return;
        for (std::size_t t = 0; t < T; ++t)
            if (!expect_close(c, "entry " + str(t) + ", ‖∂L/∂h_" + str(t + 1) + "‖", scalar(got[t]),
                              scalar(want[t]), {1e-300, 1e-9}))
                return;
    });
}

TEST(TimeSignal, LstmBadInputsAreClearErrors)
{
    // 0: an empty sequence; 1: dh_last with H + 1 columns; 2: dh_last with N + 1 rows;
    // 3: xs[t] one column wider.
    for_each_case(4, [&](Case& c) {
        const std::size_t N = c.rng.integer(1, 3), D = c.rng.integer(1, 3), H = c.rng.integer(1, 3);
        const std::size_t T = c.rng.integer(2, 4);
        const LstmParams p = random_lstm(c, D, H, 1.0);
        std::vector<Matrix> xs = random_inputs(c, T, N, D);
        const Matrix h0 = c.rng.matrix(N, H, -1, 1), c0 = c.rng.matrix(N, H, -1, 1);
        Matrix dh_last = c.rng.matrix(N, H, -1, 1);
        expect_no_throw(c, "the valid call (T = " + str(T) + ", " + sizes_str(N, D, H) + ")",
                        [&] { lstm_hidden_gradient_norms(xs, h0, c0, p, dh_last); });
        std::vector<std::string> mention;
        if (c.index == 0)
            xs.clear();
        if (c.index == 1 || c.index == 2) {
            dh_last = c.index == 1 ? c.rng.matrix(N, H + 1, -1, 1) : c.rng.matrix(N + 1, H, -1, 1);
            mention = {"dh_last", shape_str(dh_last)};
        }
        if (c.index == 3) {
            xs[T - 1] = c.rng.matrix(N, D + 1, -1, 1);
            mention = {shape_str(xs[T - 1])};
        }
        c.description =
            "T = " + str(xs.size()) + ", " + sizes_str(N, D, H) + ", dh_last " + shape_str(dh_last);
        expect_throws<std::invalid_argument>(
            c, "lstm_hidden_gradient_norms with " + c.description,
            [&] { lstm_hidden_gradient_norms(xs, h0, c0, p, dh_last); }, mention);
    });
}

// ---- clip_by_global_norm ------------------------------------------------------------------

TEST(Clip, ScalesToMaxNorm)
{
    for_each_case(8, [&](Case& c) {
        Gradients g = random_grads(c, c.index == 0 ? 1e3 : 3.0);
        const double before = true_norm(g);
        const double max_norm = before * c.rng.uniform(0.02, 0.95);
        c.description = grads_str(g) + ", ‖g‖ = " + num(before) + ", max_norm = " + num(max_norm);
        clip_by_global_norm(g, max_norm);
        expect_close(c, "the global norm after clipping (= max_norm)", scalar(true_norm(g)),
                     scalar(max_norm), {0, 1e-12});
    });
}

TEST(Clip, KeepsDirection)
{
    for_each_case(8, [&](Case& c) {
        Gradients g = random_grads(c, 3.0);
        const double before = true_norm(g);
        const double max_norm = before * c.rng.uniform(0.02, 0.95);
        const Gradients want = scaled(g, max_norm / before);
        c.description = grads_str(g) + ", ‖g‖ = " + num(before) + ", max_norm = " + num(max_norm);
        clip_by_global_norm(g, max_norm);
        expect_grads(c,
                     "every entry multiplied by the same max_norm/‖g‖ = " + num(max_norm / before),
                     g, want, {1e-300, 1e-12});
    });
}

TEST(Clip, ReturnsTheNormBeforeClipping)
{
    for_each_case(8, [&](Case& c) {
        Gradients g = random_grads(c, 3.0);
        const double before = true_norm(g);
        const bool clips = c.index % 2 == 0;
        const double max_norm =
            before * (clips ? c.rng.uniform(0.02, 0.95) : c.rng.uniform(1.1, 4));
        c.description = grads_str(g) + ", ‖g‖ = " + num(before) + ", max_norm = " + num(max_norm) +
                        (clips ? " (clipped)" : " (not clipped)");
        expect_close(c, "the value returned (‖g‖ before clipping)",
                     scalar(clip_by_global_norm(g, max_norm)), scalar(before), {0, 1e-12});
    });
}

TEST(Clip, NoOpBelowMaxNorm)
{
    for_each_case(6, [&](Case& c) {
        Gradients g = random_grads(c, 3.0);
        const double before = true_norm(g);
        const double max_norm =
            c.index == 0 ? before * (1 + 1e-9) : before * c.rng.uniform(1.05, 10);
        c.description = grads_str(g) + ", ‖g‖ = " + num(before) + ", max_norm = " + num(max_norm);
        const Gradients copy = g;
        clip_by_global_norm(g, max_norm);
        expect_unchanged(c, "‖g‖ < max_norm", g, copy);
    });
}

TEST(Clip, NoOpAtExactlyMaxNorm)
{
    // Entries whose norm is exact in double whichever way it is summed (powers of two times
    // small integers of a Pythagorean quadruple, max |entry| a power of two): max_norm = ‖g‖.
    const std::vector<std::vector<double>> sets{
        {1, 4, 8}, {1, 2, 2}, {2, 4, 4}, {4, 8, 8}, {1, 1, 1, 1}};
    const std::vector<double> norms{9, 3, 6, 12, 2};
    for_each_case(5, [&](Case& c) {
        const auto& set = sets[c.index];
        const double p2 = std::ldexp(1.0, static_cast<int>(c.rng.integer(0, 12)) - 6);
        std::vector<double> v = set;
        for (double& e : v)
            e *= (c.rng.coin() ? -p2 : p2);
        // Spread over a dW (2, 2) and a db, zeros elsewhere.
        Gradients g{{Matrix(xt::zeros<double>({2, 2}))}, {Vector(xt::zeros<double>({v.size()}))}};
        for (std::size_t k = 0; k < v.size(); ++k)
            if (k < 2)
                g.dW[0](k, k) = v[k];
            else
                g.db[0](k) = v[k];
        const double max_norm = norms[c.index] * p2;
        c.description = grads_str(g) + ", ‖g‖ = max_norm = " + num(max_norm) + " exactly";
        const Gradients copy = g;
        const double r = clip_by_global_norm(g, max_norm);
        expect_grads(c, "‖g‖ = max_norm (equal: nothing changes)", g, copy, {0, 1e-15});
        expect_close(c, "the value returned (‖g‖)", scalar(r), scalar(max_norm), {0, 1e-15});
    });
}

TEST(Clip, GlobalNotPerTensor)
{
    for_each_case(5, [&](Case& c) {
        // Two or four tensors, each of norm 0.72–0.95 × max_norm: each alone is under max_norm,
        // all together are over.
        const double max_norm = c.rng.uniform(0.5, 5);
        Gradients g;
        const std::size_t L = c.rng.integer(1, 2);
        for (std::size_t l = 0; l < L; ++l) {
            Matrix W = c.rng.matrix(c.rng.integer(1, 4), c.rng.integer(1, 4), -1, 1);
            Vector b = c.rng.vector(W.shape(1), -1, 1);
            W *= max_norm * c.rng.uniform(0.72, 0.95) / frobenius(W);
            b *= max_norm * c.rng.uniform(0.72, 0.95) / std::sqrt(xt::sum(b * b)());
            g.dW.push_back(W);
            g.db.push_back(b);
        }
        const double before = true_norm(g);
        c.description = grads_str(g) + ", every tensor's norm < max_norm = " + num(max_norm) +
                        " < ‖g‖ = " + num(before);
        const Gradients want = scaled(g, max_norm / before);
        clip_by_global_norm(g, max_norm);
        expect_grads(c, "each tensor multiplied by max_norm/‖g‖ (‖g‖ of all tensors together)", g,
                     want, {1e-300, 1e-12});
    });
}

TEST(Clip, BiasesCountInTheNorm)
{
    for_each_case(5, [&](Case& c) {
        Gradients g = random_grads(c, 0.1);
        if (c.index == 0)
            g.dW.clear();  // biases only: any Gradients works
        for (Vector& b : g.db)
            b *= 30.0;
        double weights = 0;
        for (const Matrix& W : g.dW)
            weights += xt::sum(W * W)();
        const double before = true_norm(g);
        const double max_norm = (std::sqrt(weights) + before) / 2;  // between the two
        c.description = grads_str(g) + ", ‖dW‖ = " + num(std::sqrt(weights)) +
                        " < max_norm = " + num(max_norm) + " < ‖g‖ = " + num(before) +
                        " (biases included)";
        const Gradients want = scaled(g, max_norm / before);
        const double r = clip_by_global_norm(g, max_norm);
        expect_close(c, "the value returned (‖g‖ with the biases)", scalar(r), scalar(before),
                     {0, 1e-12});
        expect_grads(c, "every dW and db multiplied by max_norm/‖g‖", g, want, {1e-300, 1e-12});
    });
}

TEST(Clip, AllZeroIsSafe)
{
    for_each_case(3, [&](Case& c) {
        Gradients g = scaled(random_grads(c, 1.0), 0.0);
        const double max_norm =
            c.index == 0 ? std::numeric_limits<double>::denorm_min() : c.rng.uniform(0.1, 5);
        c.description = grads_str(g) + ", all zero, max_norm = " + num(max_norm);
        const Gradients copy = g;
        const double r = clip_by_global_norm(g, max_norm);
        expect_close(c, "the value returned (0, not NaN)", scalar(r), scalar(0.0), {0, 0});
        expect_unchanged(c, "all-zero gradients", g, copy);
    });
}

TEST(Clip, EmptyGradientsAreANoOp)
{
    for_each_case(1, [&](Case& c) {
        Gradients g;
        c.description = "Gradients{} (no dW, no db), max_norm = 1";
        const double r = clip_by_global_norm(g, 1.0);
        expect_close(c, "the value returned (0)", scalar(r), scalar(0.0), {0, 0});
        if (!g.dW.empty() || !g.db.empty())
            fail(c, "the Gradients gained tensors; it must stay empty");
    });
}

TEST(Clip, HugeAndTinyEntriesGiveTheTrueNorm)
{
    // 0: entries near 1e200, max_norm 1; 1: near 1e-200, max_norm 1e-201 (it must clip);
    // 2: near 1e-200, max_norm 1 (no-op, the true norm returned); 3: 1e200 beside ordinary
    // entries; 4: near 1e160 (their squares overflow too).
    for_each_case(5, [&](Case& c) {
        const double mag[] = {1e200, 1e-200, 1e-200, 1.0, 1e160};
        Gradients g = random_grads(c, 1.0);
        g = scaled(g, mag[c.index]);
        if (c.index == 3)
            g.dW[0](0, 0) = 1e200;
        const double max_norm = c.index == 1 ? 1e-201 : 1.0;
        const double before = true_norm(g);
        c.description = grads_str(g) + ", entries near " +
                        num(c.index == 3 ? 1e200 : mag[c.index]) + ", ‖g‖ = " + num(before) +
                        ", max_norm = " + num(max_norm);
        const Gradients want = before > max_norm ? scaled(g, max_norm / before) : g;
        const double r = clip_by_global_norm(g, max_norm);
        if (!expect_close(c,
                          "the value returned (the true ‖g‖: divide by the largest |entry| "
                          "before squaring)",
                          scalar(r), scalar(before), {0, 1e-12}))
            return;
        expect_grads(c, before > max_norm ? "the clipped gradients" : "the gradients (unchanged)",
                     g, want, {0, 1e-12});
    });
}

TEST(Clip, NonFiniteGradientThrowsAndChangesNothing)
{
    // NaN, +inf, −inf, each in a dW or in a db; the other entries' norm is over max_norm.
    for_each_case(6, [&](Case& c) {
        Gradients g = random_grads(c, 3.0);
        const double bad[] = {std::numeric_limits<double>::quiet_NaN(),
                              std::numeric_limits<double>::infinity(),
                              -std::numeric_limits<double>::infinity()};
        const double v = bad[c.index % 3];
        const bool in_db = c.index >= 3;
        const std::size_t l = c.rng.integer(0, (in_db ? g.db.size() : g.dW.size()) - 1);
        if (in_db)
            g.db[l](c.rng.integer(0, g.db[l].size() - 1)) = v;
        else
            g.dW[l].flat(c.rng.integer(0, g.dW[l].size() - 1)) = v;
        const double max_norm = 0.5;
        c.description = grads_str(g) + ", a " + num(v) + " in " + (in_db ? "db[" : "dW[") + str(l) +
                        "], max_norm = 0.5";
        const Gradients copy = g;
        expect_throws_mentioning(
            c, "clip_by_global_norm with a " + num(v) + " in a gradient",
            [&] { clip_by_global_norm(g, max_norm); }, {"nan", "inf", "finite"},
            "why (\"not finite\", NaN or inf)");
        expect_unchanged(c, "after the error", g, copy);
    });
}

TEST(Clip, BadMaxNormThrowsAndChangesNothing)
{
    // 0: 0; 1: −k; 2: NaN; 3: +inf; 4: −inf; 5: 0 with all-zero gradients; 6: −k with no
    // gradients at all (the early returns come after the check).
    for_each_case(7, [&](Case& c) {
        Gradients g = random_grads(c, 3.0);
        if (c.index == 5)
            g = scaled(g, 0.0);
        if (c.index == 6)
            g = Gradients{};
        const double k = static_cast<double>(c.rng.integer(1, 9));
        const double values[] = {0.0,
                                 -k,
                                 std::numeric_limits<double>::quiet_NaN(),
                                 std::numeric_limits<double>::infinity(),
                                 -std::numeric_limits<double>::infinity(),
                                 0.0,
                                 -k};
        const double max_norm = values[c.index];
        std::vector<std::string> gives{num(max_norm)};
        if (max_norm == 0)
            gives = {"0"};
        if (max_norm == -k)
            gives = {"-" + num(k), "−" + num(k)};
        if (std::isnan(max_norm))
            gives = {"nan"};
        if (std::isinf(max_norm))
            gives = {max_norm > 0 ? "inf" : "-inf"};
        c.description = grads_str(g) + ", max_norm = " + num(max_norm);
        const Gradients copy = g;
        expect_throws_mentioning(
            c, "clip_by_global_norm(g, " + num(max_norm) + ")",
            [&] { clip_by_global_norm(g, max_norm); }, gives,
            "max_norm's value (" + num(max_norm) + ")");
        expect_unchanged(c, "after the error", g, copy);
        Gradients ok = copy;
        expect_no_throw(c, "max_norm = the smallest positive double (valid)", [&] {
            clip_by_global_norm(ok, std::numeric_limits<double>::denorm_min());
        });
    });
}
