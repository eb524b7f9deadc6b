// Chapter 06 hidden checks. Expected values come from the checks' own oracles (the batches of
// an epoch as ⌊n/B⌋ full ranges and one partial, rows and labels copied by plain loops, an
// epoch run step by step with the reference's loss_and_gradients and sgd_step on the order of
// Rng::permutation from an identically seeded generator, the full-batch loss and accuracy from
// the reference's forward, cross_entropy and predict), from observations the checks design
// (one-hot inputs whose rows of W move only with their own sample, zero weights whose logits
// tie exactly, the generator's next draw) and from invariants — never from literals in the
// learner's files. Each check calls only the learner function it grades; chapters 01–05 are the
// reference's. train_epoch and evaluate call the learner's shuffle, batches and gather as the
// contract says: a bug there fails their checks too (the hints say so). BOUNDARIES.md maps every
// contract clause to its cases.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "harness.hpp"
#include "mini_batching.hpp"
#include "networks.hpp"

using namespace scratchnet;
using grader::Case;
using grader::expect_close;
using grader::expect_count;
using grader::expect_labels;
using grader::expect_no_throw;
using grader::expect_throws;
using grader::fail;
using grader::for_each_case;
using grader::list_str;
using grader::num;
using grader::scalar;

namespace {

const grader::ChapterSeed seed{0x06b47c1d95e3a280ULL};

std::string str(std::size_t v) { return std::to_string(v); }

// "1 sample", "3 samples".
std::string count_str(std::size_t n, const std::string& what)
{
    return str(n) + " " + what + (n == 1 ? "" : "s");
}

// ---- the generator ------------------------------------------------------------------------

constexpr std::size_t kAny = std::numeric_limits<std::size_t>::max();

// A fresh seed for the generator a learner function is given (and for its twin).
std::uint64_t fresh_seed(Case& c) { return c.rng.integer(0, kAny); }

// How many more numbers `rng` has drawn than `twin` (negative: fewer), looked for up to `span`
// draws either way; nothing when neither is within reach (another generator, another kind of
// draw).
std::optional<long> draw_difference(const Rng& rng, const Rng& twin, std::size_t span)
{
    for (std::size_t k = 0; k <= span; ++k) {
        Rng ahead = rng, behind = twin;
        for (std::size_t i = 0; i < k; ++i)
            behind.integer(0, kAny);
        if (ahead.integer(0, kAny) == behind.integer(0, kAny))
            return static_cast<long>(k);
        Rng r = rng, t = twin;
        for (std::size_t i = 0; i < k; ++i)
            r.integer(0, kAny);
        if (r.integer(0, kAny) == t.integer(0, kAny))
            return -static_cast<long>(k);
    }
    return std::nullopt;
}

// The generator after `after` must be where `expected` draws of rng.integer leave it: its next
// number equals that of `twin`, which made exactly those draws.
bool expect_draws(const Case& c, const std::string& after, const Rng& rng, const Rng& twin,
                  std::size_t expected, const std::string& why)
{
    Rng r = rng, t = twin;
    if (r.integer(0, kAny) == t.integer(0, kAny))
        return true;
    const auto d = draw_difference(rng, twin, 3 * expected + 8);
    std::string how;
    if (!d)
        how = "its next number is not one a generator of the same seed gives after any count of "
              "rng.integer draws near that (was another generator used, or another kind of draw?)";
    else if (*d > 0)
        how = "it made " + count_str(expected + static_cast<std::size_t>(*d), "draw") + ", " +
              str(static_cast<std::size_t>(*d)) + " more";
    else
        how = "it made " + count_str(expected - static_cast<std::size_t>(-*d), "draw") + ", " +
              str(static_cast<std::size_t>(-*d)) + " fewer";
    fail(c, "after " + after + " the generator should have made exactly " +
                count_str(expected, "draw") + " of rng.integer (" + why + "); " + how);
    return false;
}

// ---- the batches ----------------------------------------------------------------------------

struct Span {
    std::size_t begin, end;
};

// The contract's batches, counted rather than looped: ⌊n/B⌋ full ones, then n mod B unless
// drop_last.
std::vector<Span> oracle_spans(std::size_t n, std::size_t B, bool drop_last)
{
    std::vector<Span> spans;
    const std::size_t full = n / B, rest = n % B;
    for (std::size_t k = 0; k < full; ++k)
        spans.push_back({k * B, (k + 1) * B});
    if (rest != 0 && !drop_last)
        spans.push_back({full * B, n});
    return spans;
}

template <class R>
std::string ranges_str(const std::vector<R>& v)
{
    if (v.empty())
        return "no batches";
    std::string s;
    const std::size_t shown = std::min<std::size_t>(v.size(), 12);
    for (std::size_t k = 0; k < shown; ++k)
        s += (k ? " " : "") + ("[" + str(v[k].begin) + ", " + str(v[k].end) + ")");
    if (shown < v.size())
        s += " … (" + str(v.size()) + " batches)";
    return s;
}

std::string call_str(std::size_t n, std::size_t B, std::optional<bool> drop_last)
{
    return "batch_ranges(" + str(n) + ", " + str(B) +
           (drop_last ? (*drop_last ? ", true" : ", false") : "") + ")";
}

// batch_ranges(n, B[, drop_last]) against the oracle's batches, naming the first difference.
void expect_ranges(const Case& c, std::size_t n, std::size_t B, std::optional<bool> drop_last)
{
    const std::vector<BatchRange> got =
        drop_last ? batch_ranges(n, B, *drop_last) : batch_ranges(n, B);
    const std::vector<Span> want = oracle_spans(n, B, drop_last.value_or(false));
    bool same = got.size() == want.size();
    for (std::size_t k = 0; same && k < got.size(); ++k)
        same = got[k].begin == want[k].begin && got[k].end == want[k].end;
    if (same)
        return;
    std::string why;
    for (std::size_t k = 0; why.empty() && k < std::min(got.size(), want.size()); ++k)
        if (got[k].begin != want[k].begin || got[k].end != want[k].end)
            why = "batch " + str(k) + " is [" + str(got[k].begin) + ", " + str(got[k].end) +
                  "), expected [" + str(want[k].begin) + ", " + str(want[k].end) + ")";
    if (why.empty())
        why = got.size() < want.size() ? "batch [" + str(want[got.size()].begin) + ", " +
                                             str(want[got.size()].end) + ") is missing"
                                       : "batch [" + str(got[want.size()].begin) + ", " +
                                             str(got[want.size()].end) + ") is one too many";
    auto listed = [](const auto& v) {
        return v.empty()
                   ? std::string("no batches")
                   : str(v.size()) + (v.size() == 1 ? " batch " : " batches ") + ranges_str(v);
    };
    fail(c, call_str(n, B, drop_last) + " gave " + listed(got) + "; expected " + listed(want) +
                ": " + why);
}

// ---- data and networks ------------------------------------------------------------------------

// The chapter's classifiers: identity logits, 2 to 4 classes, one or two layers, small widths.
grader::NetworkShape classifier()
{
    grader::NetworkShape shape;
    shape.layers = {1, 2};
    shape.widths = {1, 4};
    shape.outputs = {2, 4};
    shape.hidden = {"relu", "sigmoid", "tanh"};
    shape.last = {"identity"};
    shape.scale_by_fan_in = true;
    shape.bias_range = 0.5;
    return shape;
}

std::size_t classes_of(const Network& net) { return net.layers.back().W.shape(1); }

Matrix rows_of(const Matrix& X, const std::vector<std::size_t>& idx)
{
    Matrix R({idx.size(), X.shape(1)});
    for (std::size_t k = 0; k < idx.size(); ++k)
        for (std::size_t d = 0; d < X.shape(1); ++d)
            R(k, d) = X(idx[k], d);
    return R;
}

Labels labels_of(const Labels& y, const std::vector<std::size_t>& idx)
{
    Labels out;
    for (std::size_t i : idx)
        out.push_back(y[i]);
    return out;
}

std::vector<std::size_t> positions(const std::vector<std::size_t>& order, Span s)
{
    return {order.begin() + static_cast<long>(s.begin), order.begin() + static_cast<long>(s.end)};
}

std::vector<std::size_t> identity_order(std::size_t n)
{
    std::vector<std::size_t> v(n);
    for (std::size_t i = 0; i < n; ++i)
        v[i] = i;
    return v;
}

// X = I_N and one identity layer with W = 0, b = 0: sample i's input is e_i, so only row i of W
// takes a gradient from it, and (P − Y)/n_b of that sample alone.
Network one_hot_network(std::size_t N, std::size_t C)
{
    Network net;
    net.layers.push_back(
        {Matrix(xt::zeros<double>({N, C})), Vector(xt::zeros<double>({C})), "identity"});
    return net;
}

Matrix eye(std::size_t N)
{
    Matrix X = xt::zeros<double>({N, N});
    for (std::size_t i = 0; i < N; ++i)
        X(i, i) = 1.0;
    return X;
}

bool same_network(const Network& a, const Network& b, double tol = 1e-12)
{
    if (a.layers.size() != b.layers.size())
        return false;
    for (std::size_t l = 0; l < a.layers.size(); ++l) {
        if (a.layers[l].W.shape() != b.layers[l].W.shape() ||
            a.layers[l].b.shape() != b.layers[l].b.shape())
            return false;
        for (std::size_t i = 0; i < a.layers[l].W.size(); ++i)
            if (!(std::abs(a.layers[l].W.data()[i] - b.layers[l].W.data()[i]) <=
                  tol * (1 + std::abs(b.layers[l].W.data()[i]))))
                return false;
        for (std::size_t i = 0; i < a.layers[l].b.size(); ++i)
            if (!(std::abs(a.layers[l].b.data()[i] - b.layers[l].b.data()[i]) <=
                  tol * (1 + std::abs(b.layers[l].b.data()[i]))))
                return false;
    }
    return true;
}

// ---- the epoch's oracle ------------------------------------------------------------------------

// One epoch run by the checks: the given order cut into the oracle's batches, the reference's
// loss_and_gradients and sgd_step on each.
struct EpochRun {
    Network net;                     // after the epoch
    double loss = 0.0;               // Σ n_b L_b / Σ n_b
    double mean_of_means = 0.0;      // Σ L_b / batches (the slip)
    double over_b = 0.0;             // Σ n_b L_b / (batches · B) (the other slip)
    std::vector<std::size_t> done;   // samples trained on after each batch
    std::vector<double> batch_loss;  // L_b, before its step
    std::vector<Network> before;     // the network before each step
    std::vector<Network> after;      // and after it
};

EpochRun oracle_epoch(Network net, const Matrix& X, const Labels& y, std::size_t B, double lr,
                      bool drop_last, const std::vector<std::size_t>& order, bool keep = false)
{
    EpochRun run;
    double weighted = 0.0, plain = 0.0;
    std::size_t done = 0;
    const auto spans = oracle_spans(y.size(), B, drop_last);
    for (const Span& s : spans) {
        const auto idx = positions(order, s);
        const LossAndGradients lg = loss_and_gradients(net, rows_of(X, idx), labels_of(y, idx));
        if (keep)
            run.before.push_back(net);
        sgd_step(net, lg.grads, lr);
        if (keep)
            run.after.push_back(net);
        done += idx.size();
        weighted += lg.loss * static_cast<double>(idx.size());
        plain += lg.loss;
        run.done.push_back(done);
        run.batch_loss.push_back(lg.loss);
    }
    run.net = net;
    run.loss = weighted / static_cast<double>(done);
    run.mean_of_means = plain / static_cast<double>(spans.size());
    run.over_b = weighted / static_cast<double>(spans.size() * B);
    return run;
}

// A data set for `net`: N rows in ±2 and random labels; the description gets the epoch's
// shape.
struct Problem {
    Network net;
    Matrix X;
    Labels y;
};

Problem random_problem(Case& c, std::size_t N)
{
    Problem p;
    p.net = grader::random_network(c, classifier());
    p.X = grader::random_inputs(c, p.net, N);
    p.y = grader::random_labels(c, N, classes_of(p.net));
    return p;
}

std::string options_str(std::size_t B, double lr, bool drop_last)
{
    return "batch_size " + str(B) + ", lr " + num(lr) + (drop_last ? ", drop_last" : "");
}

// The (N, B, drop_last) of case k of the epoch checks: each boundary once, then random.
struct EpochShape {
    std::size_t N, B;
    bool drop_last;
};

EpochShape epoch_shape(Case& c)
{
    switch (c.index) {
    case 0: return {1, 1, false};                    // one sample, B = 1
    case 1: return {c.rng.integer(3, 8), 1, false};  // B = 1
    case 2: {
        const std::size_t N = c.rng.integer(4, 9);
        return {N, N - 1, false};  // B = N − 1: a full batch and a batch of 1
    }
    case 3: {
        const std::size_t N = c.rng.integer(2, 9);
        return {N, N, c.rng.coin()};  // B = N: one batch, drop_last or not
    }
    case 4: {
        const std::size_t N = c.rng.integer(2, 9);
        return {N, N + 1, false};  // B = N + 1: one partial batch
    }
    case 5: {
        const std::size_t N = c.rng.integer(2, 9);
        return {N, 100 * N + 7, false};  // B ≫ N
    }
    case 6: {
        const std::size_t B = c.rng.integer(2, 4);
        return {B * c.rng.integer(2, 4), B, false};  // B divides N
    }
    case 7: {
        const std::size_t B = c.rng.integer(2, 5);
        return {B * c.rng.integer(1, 3) + c.rng.integer(1, B - 1), B, true};  // drop_last
    }
    default: {
        const std::size_t B = c.rng.integer(2, 5);
        return {B * c.rng.integer(1, 3) + c.rng.integer(1, B - 1), B, false};  // partial
    }
    }
}

// ---- evaluation's oracle ---------------------------------------------------------------------

// Labels whose batches differ: rows from `from` on get their predicted class (low loss,
// correct), the rows before it the class with the smallest logit (high loss, wrong).
Labels split_labels(const Network& net, const Matrix& X, std::size_t from)
{
    const Matrix S = forward(net, X).output();
    const Labels predicted = predict(net, X);
    Labels y(X.shape(0));
    for (std::size_t i = 0; i < y.size(); ++i) {
        std::size_t lowest = 0;
        for (std::size_t k = 1; k < S.shape(1); ++k)
            if (S(i, k) < S(i, lowest))
                lowest = k;
        y[i] = i >= from ? predicted[i] : lowest;
    }
    return y;
}

double oracle_accuracy(const Labels& predicted, const Labels& y)
{
    std::size_t correct = 0;
    for (std::size_t i = 0; i < y.size(); ++i)
        correct += predicted[i] == y[i];
    return static_cast<double>(correct) / static_cast<double>(y.size());
}

// The unweighted mean over batches of the batch accuracies (the slip), for the message.
double batch_mean_accuracy(const Labels& predicted, const Labels& y, std::size_t B)
{
    const auto spans = oracle_spans(y.size(), B, false);
    double sum = 0.0;
    for (const Span& s : spans) {
        std::size_t correct = 0;
        for (std::size_t i = s.begin; i < s.end; ++i)
            correct += predicted[i] == y[i];
        sum += static_cast<double>(correct) / static_cast<double>(s.end - s.begin);
    }
    return sum / static_cast<double>(spans.size());
}

// The unweighted mean over batches of the batch losses (the slip), for the message.
double batch_mean_loss(const Network& net, const Matrix& X, const Labels& y, std::size_t B)
{
    const auto spans = oracle_spans(y.size(), B, false);
    double sum = 0.0;
    for (const Span& s : spans) {
        const auto idx = positions(identity_order(y.size()), s);
        sum += cross_entropy(forward(net, rows_of(X, idx)).output(), labels_of(y, idx));
    }
    return sum / static_cast<double>(spans.size());
}

}  // namespace

// ---- shuffled_indices -----------------------------------------------------------------------

TEST(Shuffle, IsAPermutation)
{
    for_each_case(10, [&](Case& c) {
        const std::size_t n = c.index < 4 ? static_cast<std::size_t>(c.index)  // 0, 1, 2, 3
                                          : c.rng.integer(4, 60);
        Rng rng(fresh_seed(c));
        c.description = "n " + str(n);
        for (int call = 1; call <= 2; ++call) {  // twice from the same generator
            const std::vector<std::size_t> got = shuffled_indices(n, rng);
            const std::string what =
                (call == 1 ? "shuffled_indices(" : "a second shuffled_indices(") + str(n) +
                ", rng)";
            if (!expect_count(c, what, got.size(), n))
                return;
            std::vector<std::size_t> seen(n, 0);
            std::string bad;
            for (std::size_t p = 0; p < n && bad.empty(); ++p) {
                if (got[p] >= n)
                    bad = "position " + str(p) + " holds " + str(got[p]) + ", not an index below " +
                          str(n);
                else if (++seen[got[p]] == 2)
                    bad = "index " + str(got[p]) + " appears twice (positions " +
                          str(static_cast<std::size_t>(std::find(got.begin(), got.end(), got[p]) -
                                                       got.begin())) +
                          " and " + str(p) + ")";
            }
            for (std::size_t i = 0; i < n && bad.empty(); ++i)
                if (seen[i] == 0)
                    bad = "index " + str(i) + " never appears";
            if (!bad.empty()) {
                fail(c, what + " gave " + list_str(got) + ": " + bad +
                            "; every index 0 … n - 1 must appear exactly once (draw positions "
                            "to swap, never the values themselves)");
                return;
            }
        }
    });
}

TEST(Shuffle, FollowsTheDrawOrder)
{
    for_each_case(10, [&](Case& c) {
        const std::size_t n = c.index < 4 ? static_cast<std::size_t>(c.index)  // 0, 1, 2, 3
                                          : c.rng.integer(4, 40);
        const std::uint64_t s = fresh_seed(c);
        Rng rng(s), twin(s);
        c.description = "n " + str(n) + ", a generator seeded " + std::to_string(s);
        const std::size_t draws = n > 1 ? n - 1 : 0;
        for (int call = 1; call <= 2; ++call) {  // twice: a second call continues the draws
            const std::vector<std::size_t> got = shuffled_indices(n, rng);
            const std::vector<std::size_t> want = twin.permutation(n);
            const std::string what =
                (call == 1 ? "shuffled_indices(" : "a second shuffled_indices(") + str(n) +
                ", rng)";
            if (!expect_labels(c,
                               what + " against Rng::permutation(" + str(n) +
                                   ") of a generator with the same seed",
                               got, want) ||
                !expect_draws(c, what, rng, twin, draws, "n - 1 for n >= 2, none for n <= 1"))
                return;
        }
    });
}

TEST(Shuffle, EveryOrderEquallyLikely)
{
    // n = 2, 3, 4: every one of the n! orders must come about equally often (Fisher–Yates with
    // j in [0, i]); the naive j in [0, n − 1] and Sattolo's j in [0, i) do not.
    for_each_case(3, [&](Case& c) {
        const std::size_t n = static_cast<std::size_t>(c.index) + 2;
        const std::size_t orders = n == 2 ? 2 : n == 3 ? 6 : 24;
        const std::size_t calls = orders * (n == 4 ? 1000 : 3000);
        Rng rng(fresh_seed(c));
        c.description = "n " + str(n) + ", " + str(calls) + " calls on one generator";
        // An order as a number in base n (at most 4^4 = 256 of them): a table, not a map.
        auto code = [n](const std::vector<std::size_t>& v) {
            std::size_t k = 0;
            for (std::size_t x : v)
                k = k * n + x;
            return k;
        };
        std::vector<std::size_t> count(256, 0);
        for (std::size_t t = 0; t < calls; ++t) {
            const std::vector<std::size_t> got = shuffled_indices(n, rng);
            unsigned seen = 0;  // a bit per index
            for (std::size_t x : got)
                seen |= x < n ? 1u << x : 1u << 31;
            if (got.size() != n || seen != (1u << n) - 1) {
                fail(c, "shuffled_indices(" + str(n) + ", rng) gave " + list_str(got) +
                            ", which is not an order of 0 … " + str(n - 1) +
                            " (see Shuffle.IsAPermutation)");
                return;
            }
            ++count[code(got)];
        }
        const double p = 1.0 / static_cast<double>(orders);
        const double sigma = std::sqrt(p * (1 - p) / static_cast<double>(calls));
        std::vector<std::size_t> order = identity_order(n);
        do {
            const double f = static_cast<double>(count[code(order)]) / static_cast<double>(calls);
            if (std::abs(f - p) > 5 * sigma) {
                fail(c, "over " + str(calls) + " calls of shuffled_indices(" + str(n) +
                            ", rng) the order " + list_str(order) +
                            (count[code(order)] == 0 ? " never came"
                                                     : " came " + str(count[code(order)]) +
                                                           " times (" + num(100 * f) + "%)") +
                            "; a uniform shuffle gives each of the " + str(orders) + " orders 1/" +
                            str(orders) + " of the time (" + num(100 * p) + "% ± " +
                            num(500 * sigma) +
                            "%). Position i swaps with j drawn from [0, i], itself included");
                return;
            }
        } while (std::next_permutation(order.begin(), order.end()));
    });
}

// ---- batch_ranges ---------------------------------------------------------------------------

TEST(BatchRanges, CoverEveryPositionOnce)
{
    // B divides n (no partial batch), drop_last left at its default or false; n = 0.
    for_each_case(8, [&](Case& c) {
        std::size_t n = 0, B = 1;
        switch (c.index) {
        case 0: n = 0, B = c.rng.integer(1, 5); break;  // no samples: no batches
        case 1: n = 1, B = 1; break;
        case 2: n = c.rng.integer(2, 12), B = 1; break;  // B = 1
        case 3: n = c.rng.integer(2, 12), B = n; break;  // B = n: one batch
        default: B = c.rng.integer(2, 6), n = B * c.rng.integer(2, 7); break;
        }
        c.description = "n " + str(n) + ", batch_size " + str(B);
        expect_ranges(c, n, B, std::nullopt);
        expect_ranges(c, n, B, false);
    });
}

TEST(BatchRanges, PartialLastBatch)
{
    // B does not divide n: the last batch is [B·⌊n/B⌋, n).
    for_each_case(8, [&](Case& c) {
        std::size_t n = 0, B = 1;
        switch (c.index) {
        case 0: n = 1, B = 2; break;                                // n < B: one batch of 1
        case 1: n = c.rng.integer(3, 12), B = n - 1; break;         // a full batch and one of 1
        case 2: n = c.rng.integer(2, 12), B = n + 1; break;         // one partial batch of n
        case 3: n = c.rng.integer(2, 12), B = 1000 * n + 3; break;  // B ≫ n
        default: {
            B = c.rng.integer(2, 6);
            n = B * c.rng.integer(1, 6) + c.rng.integer(1, B - 1);
            break;
        }
        }
        c.description = "n " + str(n) + ", batch_size " + str(B);
        expect_ranges(c, n, B, std::nullopt);
        expect_ranges(c, n, B, false);
    });
}

TEST(BatchRanges, DropLast)
{
    for_each_case(8, [&](Case& c) {
        std::size_t n = 0, B = 1;
        switch (c.index) {
        case 0: n = 0, B = c.rng.integer(1, 5); break;       // no samples
        case 1: n = c.rng.integer(1, 12), B = 1; break;      // never partial
        case 2: n = c.rng.integer(2, 12), B = n; break;      // one full batch, kept
        case 3: n = c.rng.integer(1, 12), B = n + 1; break;  // n < B: no batches
        case 4: B = c.rng.integer(2, 6), n = B * c.rng.integer(2, 6); break;  // nothing to drop
        default: {  // the partial batch goes
            B = c.rng.integer(2, 6);
            n = B * c.rng.integer(1, 6) + c.rng.integer(1, B - 1);
            break;
        }
        }
        c.description = "n " + str(n) + ", batch_size " + str(B) + ", drop_last";
        expect_ranges(c, n, B, true);
    });
}

TEST(BatchRanges, ZeroBatchSizeIsAClearError)
{
    for_each_case(3, [&](Case& c) {
        const std::size_t n = c.index == 0 ? 0 : c.index == 1 ? 1 : c.rng.integer(2, 20);
        c.description = "n " + str(n);
        for (bool drop : {false, true})
            expect_throws<std::invalid_argument>(c, call_str(n, 0, drop),
                                                 [&] { batch_ranges(n, 0, drop); });
        expect_throws<std::invalid_argument>(c, call_str(n, 0, std::nullopt),
                                             [&] { batch_ranges(n, 0); });
        expect_no_throw(c, call_str(n, 1, std::nullopt), [&] { batch_ranges(n, 1); });
    });
}

// ---- gather_batch -----------------------------------------------------------------------------

TEST(GatherBatch, LabelsFollowTheirRows)
{
    for_each_case(8, [&](Case& c) {
        const auto s = grader::sizes(c, {{1, 12}, {1, 5}});  // case 0: N = 1, case 1: D = 1
        const std::size_t N = s[0], D = s[1];
        const Matrix X = c.rng.matrix(N, D, -3, 3);
        const Labels y = grader::random_labels(c, N, 6);
        // A permutation in even cases; indices drawn with repeats (a longer or shorter order)
        // in odd ones: gather does not ask for a permutation.
        std::vector<std::size_t> order;
        if (c.index % 2 == 0) {
            order = c.rng.permutation(N);
        } else {
            order.resize(c.rng.integer(1, 2 * N + 1));
            for (auto& i : order)
                i = c.rng.integer(0, N - 1);
        }
        const std::size_t M = order.size();
        c.description =
            "X (" + str(N) + ", " + str(D) + "), y " + list_str(y) + ", order " + list_str(order);
        std::vector<Span> ranges = {{0, M}, {0, 1}, {M - 1, M}};  // all, first, last position
        const std::size_t b = c.rng.integer(0, M - 1);
        ranges.push_back({b, c.rng.integer(b + 1, M)});
        for (const Span& r : ranges) {
            const data::Dataset got = gather_batch(X, y, order, {r.begin, r.end});
            const auto idx = positions(order, r);
            const std::string call =
                "gather_batch(X, y, order, [" + str(r.begin) + ", " + str(r.end) + "))";
            if (!expect_close(c, call + ".X (row k is X's row order[begin + k])", got.X,
                              rows_of(X, idx), {0, 0}))
                return;
            const Labels want = labels_of(y, idx);
            if (got.y != want) {
                Labels by_position(y.begin() + static_cast<long>(r.begin),
                                   y.begin() + static_cast<long>(std::min(r.end, N)));
                fail(c, call + ".y gave " + list_str(got.y) + "; expected " + list_str(want) +
                            " (the labels of the rows it gathered, y[order[begin + k]])" +
                            (r.end <= N && got.y == by_position
                                 ? ": these are y[begin + k], taken by position, not through order"
                                 : ""));
                return;
            }
        }
    });
}

TEST(GatherBatch, BadInputIsAClearError)
{
    for_each_case(4, [&](Case& c) {
        const std::size_t N = c.rng.integer(2, 9), D = c.rng.integer(1, 3);
        const Matrix X = c.rng.matrix(N, D, -1, 1);
        const Labels y = grader::random_labels(c, N, 3);
        const std::vector<std::size_t> order = c.rng.permutation(N);
        c.description =
            "X (" + str(N) + ", " + str(D) + "), y of " + str(N) + ", order " + list_str(order);
        auto call = [&](const std::vector<std::size_t>& o, Span r) {
            gather_batch(X, y, o, {r.begin, r.end});
        };
        auto range = [](Span r) { return "[" + str(r.begin) + ", " + str(r.end) + ")"; };
        // The valid neighbours first: the whole order (end = order.size()), and index N − 1.
        expect_no_throw(c, "gather_batch(X, y, order, " + range({0, N}) + ")", [&] {
            call(order, {0, N});
        });
        // X and y of different lengths, both ways; the message gives both numbers.
        const std::size_t rows = grader::distinct_number(c, 11, 40, {});
        const std::size_t labels = grader::distinct_number(c, 11, 40, {rows});
        const Matrix Xr = c.rng.matrix(rows, D, -1, 1);
        const Labels yl = grader::random_labels(c, labels, 3);
        expect_throws<std::invalid_argument>(
            c, "gather_batch with X of " + str(rows) + " rows and y of " + str(labels) + " labels",
            [&] {
                gather_batch(Xr, yl, order, {0, 1});
            },
            {str(rows), str(labels)});
        // An empty range, at the start, inside, at the end; and begin > end.
        const std::size_t k = c.rng.integer(1, N - 1);
        for (Span r : std::vector<Span>{{0, 0}, {k, k}, {N, N}, {k + 1, k}})
            expect_throws<std::invalid_argument>(c, "gather_batch(X, y, order, " + range(r) + ")",
                                                 [&] { call(order, r); });
        // A range past the end of order.
        for (Span r : std::vector<Span>{{0, N + 1}, {N, N + 1}, {k, N + 3}})
            expect_throws<std::invalid_argument>(
                c, "gather_batch(X, y, order, " + range(r) + ") with order of " + str(N),
                [&] { call(order, r); });
        // An index that is not a row of X: N, and a large one.
        for (std::size_t bad : {N, N + 1000}) {
            std::vector<std::size_t> o = order;
            const std::size_t at = c.rng.integer(0, N - 1);
            o[at] = bad;
            expect_throws<std::invalid_argument>(c,
                                                 "gather_batch(X, y, order, " + range({0, N}) +
                                                     ") with order[" + str(at) + "] = " + str(bad) +
                                                     " and " + str(N) + " rows",
                                                 [&] {
                                                     call(o, {0, N});
                                                 });
        }
    });
}

// ---- train_epoch --------------------------------------------------------------------------------

TEST(TrainEpoch, MatchesStepByStep)
{
    for_each_case(10, [&](Case& c) {
        const EpochShape e = epoch_shape(c);
        Problem p = random_problem(c, e.N);
        const double lr = c.rng.uniform(0.2, 1.0);
        const std::uint64_t s = fresh_seed(c);
        Rng rng(s), twin(s);
        c.description += ", " + options_str(e.B, lr, e.drop_last) + ", seed " + std::to_string(s);
        const Network start = p.net;
        train_epoch(p.net, p.X, p.y, {e.B, lr, e.drop_last, {}}, rng);
        const std::vector<std::size_t> order = twin.permutation(e.N);
        const EpochRun want = oracle_epoch(start, p.X, p.y, e.B, lr, e.drop_last, order);
        if (!same_network(p.net, want.net, 1e-11)) {
            // Name the slip when the network is that of a known one.
            std::string seen;
            bool shown = true;
            const bool drew_nothing = e.N > 1 && [&] {
                Rng r = rng, fresh(s);
                return r.integer(0, kAny) == fresh.integer(0, kAny);
            }();
            if (same_network(p.net, start, 0))
                seen = "the network did not change at all";
            else if (same_network(
                         p.net,
                         oracle_epoch(start, p.X, p.y, e.B, lr, e.drop_last, identity_order(e.N))
                             .net,
                         1e-11))
                seen = "it is the network trained in the original order 0 … N - 1: shuffle "
                       "first, with shuffled_indices(N, rng)";
            else if (same_network(p.net,
                                  oracle_epoch(start, p.X, p.y, e.B, lr, !e.drop_last, order).net,
                                  1e-11))
                seen = e.drop_last ? "it is the network trained on the partial last batch too: "
                                     "drop_last leaves it out"
                                   : "it is the network trained without the partial last batch: "
                                     "keep it unless drop_last is set";
            else if (drew_nothing)
                seen = "and rng has drawn nothing: shuffle with the rng you are given (not a "
                       "generator of your own, nor a copy of rng)";
            else {
                seen = "batches of " + str(e.B) + " in the order shuffled_indices(" + str(e.N) +
                       ", rng) gives, one sgd_step each, give other weights (if a Shuffle, "
                       "BatchRanges or GatherBatch check fails, fix it first)";
                shown = false;
            }
            fail(c,
                 "after train_epoch the network is not the one the contract's steps give: " + seen);
            if (!shown)
                grader::expect_network(c, "after train_epoch", p.net, want.net, {1e-11, 1e-10});
            return;
        }
        expect_draws(c, "train_epoch on " + count_str(e.N, "sample"), rng, twin,
                     e.N > 1 ? e.N - 1 : 0, "one shuffle of N: N - 1 draws, nothing else");
    });
}

TEST(TrainEpoch, EverySampleOncePerEpoch)
{
    // X = I_N through one identity layer with W = 0: sample i moves row i of W only, by
    // lr·|P − Y|/n_b (Σ over the row: 2·lr·(1 − 1/C)/n_b, whatever its label) each time it is
    // trained on. lr = 1e-6 keeps P at 1/C to 1e-5 over the epoch.
    for_each_case(9, [&](Case& c) {
        const EpochShape e = epoch_shape(c);
        const std::size_t N = e.N, B = e.B, C = c.rng.integer(2, 4);
        const std::size_t r = N % B;  // the partial batch, when B does not divide N
        Network net = one_hot_network(N, C);
        const Labels y = grader::random_labels(c, N, C);
        const double lr = 1e-6;
        Rng rng(fresh_seed(c));
        c.description = "X = I_" + str(N) + ", one identity layer (" + str(N) + ", " + str(C) +
                        ") with W = 0, " + options_str(B, lr, e.drop_last);
        train_epoch(net, eye(N), y, {B, lr, e.drop_last, {}}, rng);
        const Matrix& W = net.layers[0].W;
        const double unit = 2 * lr * (1 - 1.0 / static_cast<double>(C));
        const double tol = 1e-3;
        std::size_t in_partial = 0, never = 0;
        for (std::size_t i = 0; i < N; ++i) {
            double moved = 0.0;
            for (std::size_t k = 0; k < C; ++k)
                moved += std::abs(W(i, k));
            const double u = moved / unit;  // Σ over the times it was used of 1/n_b
            const double full = u * static_cast<double>(B);
            const std::string who = "sample " + str(i) + " (row " + str(i) + " of X)";
            if (u * static_cast<double>(B) < tol) {
                ++never;
                if (!(e.drop_last && r != 0)) {
                    fail(c, who +
                                " was never trained on in the epoch: its row of W did not move. "
                                "Every sample is in exactly one batch" +
                                (r != 0 ? ", the last partial batch of " + str(r) + " included"
                                        : std::string()));
                    return;
                }
            } else if (std::abs(full - 1) < tol) {
                // once, in a batch of B
            } else if (r != 0 && std::abs(u * static_cast<double>(r) - 1) < tol) {
                if (e.drop_last) {
                    fail(c, who + " was trained on in the last partial batch of " +
                                count_str(r, "sample") + ", which drop_last leaves out");
                    return;
                }
                ++in_partial;
            } else {
                const bool whole = std::abs(full - std::round(full)) < tol && full > 1.5;
                fail(c, who + " moved its row of W by " + num(full) +
                            " times what one step in a batch of " + str(B) + " gives" +
                            (whole ? ": it was trained on " + num(std::round(full)) +
                                         " times in the epoch (drawn with replacement?)"
                                   : "") +
                            "; each sample is trained on once per epoch: 1 step's worth in a "
                            "full batch" +
                            (r != 0 && !e.drop_last
                                 ? ", or " + num(static_cast<double>(B) / static_cast<double>(r)) +
                                       " (B / (N mod B)) in the last partial batch of " + str(r)
                                 : std::string()));
                return;
            }
        }
        if (e.drop_last && never != r)
            fail(c, count_str(never, "sample") + " left out of the epoch; drop_last leaves out " +
                        "the partial last batch only, N mod B = " + count_str(r, "sample"));
        else if (!e.drop_last && in_partial != r)
            fail(c, count_str(in_partial, "sample") + " trained on in a batch of " + str(r) +
                        "; the last partial batch holds N mod B = " + str(r) + " of them");
    });
}

TEST(TrainEpoch, LabelsFollowTheirRows)
{
    // X = I_N, W = 0: sample i's step raises W[i][label] and lowers the other entries of row i,
    // so the label trained with row i is the largest entry of row i after the epoch.
    for_each_case(6, [&](Case& c) {
        const EpochShape e = epoch_shape(c);
        const std::size_t N = e.N, C = c.rng.integer(3, 5);
        Network net = one_hot_network(N, C);
        const Labels y = grader::random_labels(c, N, C);
        const double lr = 1e-6;
        Rng rng(fresh_seed(c));
        c.description = "X = I_" + str(N) + ", y " + list_str(y) + ", one identity layer (" +
                        str(N) + ", " + str(C) + ") with W = 0, " +
                        options_str(e.B, lr, e.drop_last);
        train_epoch(net, eye(N), y, {e.B, lr, e.drop_last, {}}, rng);
        const Matrix& W = net.layers[0].W;
        for (std::size_t i = 0; i < N; ++i) {
            std::size_t top = 0;
            bool moved = false;
            for (std::size_t k = 0; k < C; ++k) {
                moved = moved || W(i, k) != 0.0;
                if (W(i, k) > W(i, top))
                    top = k;
            }
            if (moved && top != y[i]) {
                fail(c, "sample " + str(i) + " (row " + str(i) + " of X, label " + str(y[i]) +
                            ") was trained towards class " + str(top) +
                            ": the label that went with row " + str(i) +
                            " into its batch was not y[" + str(i) +
                            "]. Take a batch's rows and labels through the same indices");
                return;
            }
        }
    });
}

TEST(TrainEpoch, LossWeighsSamplesNotBatches)
{
    for_each_case(9, [&](Case& c) {
        const EpochShape e = epoch_shape(c);
        Problem p = random_problem(c, e.N);
        const double lr = c.rng.uniform(0.1, 0.5);
        const std::uint64_t s = fresh_seed(c);
        Rng rng(s), twin(s);
        const std::vector<std::size_t> order = twin.permutation(e.N);
        // The samples of the last batch get the class of their smallest logit: a high loss
        // there, so that a batch's weight shows.
        const auto spans = oracle_spans(e.N, e.B, e.drop_last);
        if (spans.size() > 1) {
            const Matrix S = forward(p.net, p.X).output();
            for (std::size_t k = spans.back().begin; k < spans.back().end; ++k) {
                const std::size_t i = order[k];
                std::size_t lowest = 0;
                for (std::size_t j = 1; j < S.shape(1); ++j)
                    if (S(i, j) < S(i, lowest))
                        lowest = j;
                p.y[i] = lowest;
            }
        }
        c.description += ", " + options_str(e.B, lr, e.drop_last) + ", seed " + std::to_string(s);
        const Network start = p.net;
        const double got = train_epoch(p.net, p.X, p.y, {e.B, lr, e.drop_last, {}}, rng);
        const EpochRun want = oracle_epoch(start, p.X, p.y, e.B, lr, e.drop_last, order);
        std::string losses;  // "0.81 (4 samples), 2.3 (1 sample)"
        for (std::size_t b = 0; b < want.batch_loss.size() && b < 8; ++b) {
            const std::size_t nb = want.done[b] - (b ? want.done[b - 1] : 0);
            losses += (b ? ", " : "") + num(want.batch_loss[b]) + " (" + str(nb) +
                      (nb == 1 ? " sample)" : " samples)");
        }
        if (expect_close(
                c, "train_epoch's loss against Σ n_b L_b / Σ n_b of the batch losses " + losses,
                scalar(got), scalar(want.loss), {1e-12, 1e-10}))
            return;
        const auto near = [&](double v) { return std::abs(got - v) <= 1e-10 * (1 + std::abs(v)); };
        if (near(want.mean_of_means))
            fail(c, "the loss is the plain mean of the batch losses, " + num(want.mean_of_means) +
                        "; weigh each by its batch's size n_b (a partial batch of " +
                        str(e.N % e.B) + " counts as " + count_str(e.N % e.B, "sample") +
                        ", not as a whole batch)");
        else if (near(want.over_b))
            fail(c, "the loss is Σ n_b L_b divided by batches × batch_size = " +
                        str(want.batch_loss.size() * e.B) + "; divide by the samples trained on, " +
                        str(want.done.back()));
        else if (near(want.batch_loss.back()))
            fail(c, "the loss is that of the last batch alone");
    });
}

TEST(TrainEpoch, NewOrderEachEpoch)
{
    for_each_case(6, [&](Case& c) {
        const std::size_t B = c.index == 0 ? 1 : c.rng.integer(2, 4);
        const std::size_t N = c.index == 1 ? 2 : B * c.rng.integer(1, 3) + c.rng.integer(0, B);
        Problem p = random_problem(c, std::max<std::size_t>(N, 2));
        const std::size_t n = p.y.size();
        const double lr = c.rng.uniform(0.3, 1.0);
        const std::uint64_t s = fresh_seed(c);
        c.description +=
            ", " + options_str(B, lr, false) + ", seed " + std::to_string(s) + ", two epochs";
        const Network start = p.net;
        Rng rng(s), twin(s);
        train_epoch(p.net, p.X, p.y, {B, lr, false, {}}, rng);
        train_epoch(p.net, p.X, p.y, {B, lr, false, {}}, rng);
        const auto first = twin.permutation(n), second = twin.permutation(n);
        const EpochRun one = oracle_epoch(start, p.X, p.y, B, lr, false, first);
        const EpochRun two = oracle_epoch(one.net, p.X, p.y, B, lr, false, second);
        if (!same_network(p.net, two.net, 1e-11)) {
            const EpochRun again = oracle_epoch(one.net, p.X, p.y, B, lr, false, first);
            fail(c, "after two calls of train_epoch with the same rng the network is not the one "
                    "two epochs give, each on its own order (shuffled_indices drawn from rng in "
                    "each call)" +
                        std::string(same_network(p.net, again.net, 1e-11)
                                        ? ": the second epoch used the first one's order again "
                                          "(a local generator, a copy of rng, or a stored order?)"
                                        : " (if MatchesStepByStep fails too, fix that first)"));
            return;
        }
        if (!expect_draws(c, "two epochs on " + count_str(n, "sample"), rng, twin, 2 * (n - 1),
                          "one shuffle of N per epoch: 2 (N - 1) draws"))
            return;
        // The same seed again: the same two epochs, bit for bit.
        Network again = start;
        Rng same(s);
        train_epoch(again, p.X, p.y, {B, lr, false, {}}, same);
        train_epoch(again, p.X, p.y, {B, lr, false, {}}, same);
        grader::expect_network(c, "after two epochs from the same seed again", again, p.net,
                               {0, 0});
    });
}

TEST(TrainEpoch, CallsOnBatchAfterEachStep)
{
    for_each_case(7, [&](Case& c) {
        const EpochShape e = epoch_shape(c);
        Problem p = random_problem(c, e.N);
        const double lr = c.rng.uniform(0.3, 1.0);
        const std::uint64_t s = fresh_seed(c);
        Rng rng(s), twin(s);
        c.description += ", " + options_str(e.B, lr, e.drop_last) + ", seed " + std::to_string(s);
        const Network start = p.net;
        std::vector<std::size_t> done;
        std::vector<double> losses;
        std::vector<Network> seen;
        EpochOptions o{e.B, lr, e.drop_last, {}};
        o.on_batch = [&](std::size_t samples_done, double batch_loss) {
            done.push_back(samples_done);
            losses.push_back(batch_loss);
            seen.push_back(p.net);  // the network as train_epoch has it at this call
        };
        train_epoch(p.net, p.X, p.y, o, rng);
        const EpochRun want =
            oracle_epoch(start, p.X, p.y, e.B, lr, e.drop_last, twin.permutation(e.N), true);
        if (done.size() != want.done.size()) {
            fail(c, "on_batch was called " + count_str(done.size(), "time") + "; expected " +
                        str(want.done.size()) + ", once per batch (batches " +
                        ranges_str(oracle_spans(e.N, e.B, e.drop_last)) + ")");
            return;
        }
        for (std::size_t k = 0; k < done.size(); ++k) {
            const std::string call = "on_batch call " + str(k + 1) + " of " + str(done.size());
            if (done[k] != want.done[k]) {
                fail(c, call + ": samples_done was " + str(done[k]) + "; expected " +
                            str(want.done[k]) +
                            " (the samples trained on so far in this epoch, this batch included)");
                return;
            }
            if (!same_network(seen[k], want.after[k], 1e-11)) {
                fail(c, call + ": the network was " +
                            (same_network(seen[k], want.before[k], 1e-11)
                                 ? std::string("the one before this batch's step: call on_batch "
                                               "after sgd_step")
                                 : std::string("not the one after this batch's step (if "
                                               "MatchesStepByStep fails too, fix that first)")));
                return;
            }
            if (!expect_close(c, call + ": batch_loss against the batch's loss before its step",
                              scalar(losses[k]), scalar(want.batch_loss[k]), {1e-12, 1e-10}))
                return;
        }
    });
}

TEST(TrainEpoch, BadInputChangesNothing)
{
    for_each_case(3, [&](Case& c) {
        Problem p = random_problem(c, c.rng.integer(2, 6));
        const std::size_t N = p.y.size();
        const std::uint64_t s = fresh_seed(c);
        Rng rng(s);
        const Rng twin(s);
        const Network before = p.net;
        c.description += ", seed " + std::to_string(s);
        // After each throw: the network bit for bit, and not one number drawn.
        auto expect_untouched = [&](const std::string& what) {
            grader::expect_network(c, "after " + what + " threw (unchanged)", p.net, before,
                                   {0, 0});
            expect_draws(c, what + " threw", rng, twin, 0,
                         "none: check the input before shuffling");
            p.net = before;
            rng = twin;
        };
        auto bad = [&](const std::string& what, const Matrix& X, const Labels& y, EpochOptions o,
                       const std::vector<std::string>& mention = {}) {
            if (expect_throws<std::invalid_argument>(
                    c, what, [&] { train_epoch(p.net, X, y, o, rng); }, mention))
                expect_untouched(what);
            p.net = before;
            rng = twin;
        };
        bad("train_epoch with batch_size 0", p.X, p.y, {0, 0.1, false, {}});
        // X and y of different lengths: one label too many, one too few.
        const Labels more = [&] {
            Labels y = p.y;
            y.push_back(0);
            return y;
        }();
        const Labels fewer(p.y.begin(), p.y.end() - 1);
        bad("train_epoch with X of " + str(N) + " rows and y of " + str(N + 1) + " labels", p.X,
            more, {2, 0.1, false, {}}, {str(N), str(N + 1)});
        bad("train_epoch with X of " + str(N) + " rows and y of " + str(N - 1) + " labels", p.X,
            fewer, {2, 0.1, false, {}}, {str(N), str(N - 1)});
        // No samples.
        const Matrix none({0, p.X.shape(1)});
        bad("train_epoch with X (0, " + str(p.X.shape(1)) + ") and no labels", none, {},
            {1, 0.1, false, {}});
        // drop_last with N < B: every sample dropped.
        bad("train_epoch with " + str(N) + " samples, batch_size " + str(N + 1) + ", drop_last",
            p.X, p.y, {N + 1, 0.1, true, {}});
        // Their valid neighbours: drop_last with B = N (one full batch), B = N + 1 without it.
        expect_no_throw(
            c, "train_epoch with " + str(N) + " samples, batch_size " + str(N) + ", drop_last",
            [&] {
                train_epoch(p.net, p.X, p.y, {N, 0.1, true, {}}, rng);
            });
        p.net = before;
        expect_no_throw(c, "train_epoch with " + str(N) + " samples, batch_size " + str(N + 1),
                        [&] {
                            train_epoch(p.net, p.X, p.y, {N + 1, 0.1, false, {}}, rng);
                        });
        p.net = before;
        // What loss_and_gradients throws: a label equal to the number of classes.
        Labels bad_label = p.y;
        bad_label[c.rng.integer(0, N - 1)] = classes_of(p.net);
        expect_throws<std::invalid_argument>(
            c,
            "train_epoch with a label equal to the number of classes (" + str(classes_of(p.net)) +
                ")",
            [&] {
                train_epoch(p.net, p.X, bad_label, {1, 0.1, false, {}}, rng);
            });
    });
}

// ---- evaluate ------------------------------------------------------------------------------------

TEST(Evaluate, MatchesFullBatch)
{
    for_each_case(8, [&](Case& c) {
        const std::size_t N = c.index == 0 ? 1 : c.rng.integer(8, 20);
        Network net = grader::random_network(c, classifier());
        const Matrix X = grader::random_inputs(c, net, N);
        // Odd cases: random labels. Even ones: the last third of the rows right, the rest wrong
        // (the batches' accuracies and losses then differ).
        const Labels y = c.index % 2 ? grader::random_labels(c, N, classes_of(net))
                                     : split_labels(net, X, N - N / 3);
        c.description += ", y " + list_str(y);
        const double loss = cross_entropy(forward(net, X).output(), y);
        const Labels predicted = predict(net, X);
        const double accuracy = oracle_accuracy(predicted, y);
        std::vector<std::size_t> sizes = {1, 7, N - 1, N, N + 5, 1000};
        if (N == 1)
            sizes = {1, 6, 1000};
        for (std::size_t B : sizes) {
            const bool default_size = B == 1000;
            const Evaluation got = default_size ? evaluate(net, X, y) : evaluate(net, X, y, B);
            const std::string call =
                default_size ? "evaluate(net, X, y)" : "evaluate(net, X, y, " + str(B) + ")";
            if (!expect_close(
                    c, call + ".loss against the cross-entropy of all " + str(N) + " rows at once",
                    scalar(got.loss), scalar(loss), {1e-12, 1e-10})) {
                const double unweighted = batch_mean_loss(net, X, y, B);
                if (std::abs(got.loss - unweighted) <= 1e-10 * (1 + unweighted))
                    fail(c, call + ".loss is the plain mean of the batches' losses; weigh each "
                                   "by its number of rows (the last batch may be partial)");
                return;
            }
            if (std::abs(got.accuracy - accuracy) > 1e-12) {
                const double unweighted = batch_mean_accuracy(predicted, y, B);
                fail(c, call + ".accuracy is " + num(got.accuracy) + "; expected " + num(accuracy) +
                            " (predict(net, X) right on " +
                            str(static_cast<std::size_t>(std::lround(accuracy * N))) + " of " +
                            str(N) + " rows)" +
                            (std::abs(got.accuracy - unweighted) < 1e-12 && unweighted != accuracy
                                 ? ": that is the plain mean of the batches' accuracies; count "
                                   "the correct rows and divide by N"
                                 : ""));
                return;
            }
        }
    });
}

TEST(Evaluate, TiesGoToTheFirstClass)
{
    // The last layer's W = 0: every row's logits are exactly its b, which ties some classes for
    // the largest. Labels among the tied classes: only the first one counts as right.
    for_each_case(5, [&](Case& c) {
        Network net = grader::random_network(c, classifier());
        const std::size_t C = c.rng.integer(2, 5);
        Layer& last = net.layers.back();
        last.W = xt::zeros<double>({last.W.shape(0), C});
        last.b = c.rng.vector(C, -1.0, 0.5);
        std::vector<std::size_t> tied;
        if (c.index == 0) {
            last.b = xt::zeros<double>({C});  // every class ties: class 0
            tied = identity_order(C);
        } else {
            // Two or more classes share the largest value 1.0; case 1: the last two.
            const auto order = c.rng.permutation(C);
            const std::size_t k = c.index == 1 ? 2 : c.rng.integer(2, C);
            for (std::size_t j = 0; j < k; ++j)
                tied.push_back(c.index == 1 ? C - 2 + j : order[j]);
            std::sort(tied.begin(), tied.end());
            for (std::size_t t : tied)
                last.b(t) = 1.0;
        }
        const std::size_t N = c.rng.integer(3, 12);
        const Matrix X = grader::random_inputs(c, net, N);
        Labels y(N);
        for (auto& label : y)  // mostly tied classes, now and then another one
            label =
                c.rng.coin(0.8) ? tied[c.rng.integer(0, tied.size() - 1)] : c.rng.integer(0, C - 1);
        y[0] = tied.front(), y[N - 1] = tied.back();
        const std::size_t B = std::vector<std::size_t>{1, 3, N, N + 5, 2}[c.index];
        c.description += ", the last layer made (" + str(last.W.shape(0)) + ", " + str(C) +
                         ") with W = 0 and classes " + list_str(tied) +
                         " tied for the largest b, y " + list_str(y) + ", batch_size " + str(B);
        const Evaluation got = evaluate(net, X, y, B);
        std::size_t first = 0, last_tied = 0;
        for (std::size_t label : y) {
            first += label == tied.front();
            last_tied += label == tied.back();
        }
        const double want = static_cast<double>(first) / static_cast<double>(N);
        if (std::abs(got.accuracy - want) > 1e-12)
            fail(c, "evaluate(net, X, y, " + str(B) + ").accuracy is " + num(got.accuracy) +
                        "; every row's logits tie for the largest between classes " +
                        list_str(tied) + ", so every row predicts class " + str(tied.front()) +
                        " (the first on a tie, as predict does) and the accuracy is " + num(want) +
                        (std::abs(got.accuracy -
                                  static_cast<double>(last_tied) / static_cast<double>(N)) < 1e-12
                             ? ": yours predicted the last tied class (a >= where > belongs?)"
                             : ""));
    });
}

TEST(Evaluate, BadInputIsAClearError)
{
    for_each_case(3, [&](Case& c) {
        const Network net = grader::random_network(c, classifier());
        const std::size_t N = c.rng.integer(2, 9);
        const Matrix X = grader::random_inputs(c, net, N);
        const Labels y = grader::random_labels(c, N, classes_of(net));
        expect_throws<std::invalid_argument>(c, "evaluate(net, X, y, 0)",
                                             [&] { evaluate(net, X, y, 0); });
        const Labels more = [&] {
            Labels l = y;
            l.push_back(0);
            return l;
        }();
        const Labels fewer(y.begin(), y.end() - 1);
        for (const Labels* l : {&more, &fewer})
            expect_throws<std::invalid_argument>(
                c, "evaluate with X of " + str(N) + " rows and y of " + str(l->size()) + " labels",
                [&] { evaluate(net, X, *l, 4); }, {str(N), str(l->size())});
        const Matrix none({0, X.shape(1)});
        expect_throws<std::invalid_argument>(
            c, "evaluate with X (0, " + str(X.shape(1)) + ") and no labels",
            [&] { evaluate(net, none, {}, 4); });
        for (std::size_t B : {std::size_t{1}, N, N + 5})
            expect_no_throw(c, "evaluate(net, X, y, " + str(B) + ")",
                            [&] { evaluate(net, X, y, B); });
    });
}
