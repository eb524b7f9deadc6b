// Chapter 04 hidden checks. Expected values come from the checks' own oracle (each schedule's
// formula and the plateau state machine, written below), from golden values written by
// PyTorch's torch.optim.lr_scheduler (tools/make_goldens.py --chapter 04), from the checks' own
// training loop (chapter 02's reference loss_and_gradients and sgd_step) and from invariants (a
// schedule keeps no state) — never from literals in the learner's files. Each check calls only
// the learner function it grades (chapters 01–03 are the reference's). BOUNDARIES.md maps every
// contract clause to its cases.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "harness.hpp"
#include "learning_rate_decay.hpp"
#include "networks.hpp"

using namespace scratchnet;
using grader::Case;
using grader::expect_close;
using grader::expect_count;
using grader::expect_no_throw;
using grader::expect_throws;
using grader::fail;
using grader::for_each_case;
using grader::num;

namespace {

const grader::ChapterSeed seed{0x04c1d2e3f4a5b697ULL};
const std::string kGoldens = "/usr/bin/python3 tools/make_goldens.py --chapter 04";
const double kInf = std::numeric_limits<double>::infinity();
const double kNaN = std::numeric_limits<double>::quiet_NaN();

double as_double(std::size_t n) { return static_cast<double>(n); }
std::string str(std::size_t n) { return std::to_string(n); }

// ---- the checks' own schedules -----------------------------------------------------------------

double oracle_step(double lr, double gamma, std::size_t s, std::size_t e)
{
    return lr * std::pow(gamma, as_double(e / s));  // ⌊e / s⌋ whole steps
}

double oracle_exponential(double lr, double gamma, std::size_t e)
{
    return lr * std::pow(gamma, as_double(e));
}

double oracle_inverse(double lr, double k, std::size_t e) { return lr / (1.0 + k * as_double(e)); }

double oracle_cosine(double lr, std::size_t w, std::size_t T, double m, double f, std::size_t e)
{
    if (e < w)
        return lr * (f + (1.0 - f) * as_double(e) / as_double(w));
    if (e >= T)
        return m;
    const double pi = std::acos(-1.0);
    return m + 0.5 * (lr - m) * (1.0 + std::cos(pi * as_double(e - w) / as_double(T - w)));
}

// Epochs to ask a schedule for: `must` (the boundaries) and `extra` random ones up to `top`,
// shuffled, then all of them again in reverse order: a schedule keeps no state, so the order
// and a second call must not matter.
std::vector<std::size_t> epochs_to_ask(Case& c, std::vector<std::size_t> must, std::size_t top,
                                       int extra)
{
    for (int i = 0; i < extra; ++i)
        must.push_back(c.rng.integer(0, top));
    for (std::size_t i = must.size(); i > 1; --i)
        std::swap(must[i - 1], must[c.rng.integer(0, i - 1)]);
    std::vector<std::size_t> out = must;
    out.insert(out.end(), must.rbegin(), must.rend());
    return out;
}

std::string order_str(const std::vector<std::size_t>& asked, std::size_t upto)
{
    std::string s;
    for (std::size_t i = 0; i <= upto && i < asked.size(); ++i)
        s += (i ? ", " : "") + str(asked[i]);
    return s;
}

bool close(double got, double want, double atol, double rtol)
{
    return std::abs(got - want) <= atol + rtol * std::abs(want);
}

// Asks `schedule` for each epoch of `asked` in that order and compares with `oracle`, to rtol
// 1e-12 (and an absolute 1e-14 · scale for rates near 0). A wrong rate the first time an epoch
// is asked is a wrong formula; a wrong rate the second time is a schedule that keeps state.
bool expect_rates(const Case& c, const std::string& what, const Schedule& schedule,
                  const std::function<double(std::size_t)>& oracle,
                  const std::vector<std::size_t>& asked, double scale)
{
    std::vector<std::size_t> seen;
    for (std::size_t i = 0; i < asked.size(); ++i) {
        const std::size_t e = asked[i];
        const double got = schedule(e), want = oracle(e);
        const bool again = std::find(seen.begin(), seen.end(), e) != seen.end();
        seen.push_back(e);
        if (close(got, want, 1e-14 * scale, 1e-12))
            continue;
        if (again && close(schedule(e), want, 1e-14 * scale, 1e-12))
            fail(c, what + "(" + str(e) + ") is " + num(got) + " when asked after epochs " +
                        order_str(asked, i - 1) + ", but " + num(want) +
                        " (right) when asked again: the schedule keeps state between calls. A "
                        "rate must be computed from the epoch alone");
        else if (again)
            fail(c, what + "(" + str(e) + ") is " + num(got) + "; expected " + num(want) +
                        " (the first time it was asked it was right: the schedule keeps state "
                        "between calls; epochs asked: " +
                        order_str(asked, i) + ")");
        else if (const double second = i > 0 ? schedule(e) : got;
                 second != got && !(std::isnan(second) && std::isnan(got)))
            fail(c, what + "(" + str(e) + ") is " + num(got) + "; expected " + num(want) +
                        ". Asked again it gives " + num(second) +
                        ": the schedule keeps state between calls (epochs asked: " +
                        order_str(asked, i) + "). A rate must be computed from the epoch alone");
        else
            fail(c, what + "(" + str(e) + ") is " + num(got) + "; expected " + num(want) +
                        (i > 0 ? " (epochs asked: " + order_str(asked, i) +
                                     "; a schedule keeps no state, so the order must not matter)"
                               : std::string()));
        return false;
    }
    return true;
}

// In PyTorch's order: e = 0, 1, …, each once, on a fresh schedule.
bool expect_golden_rates(const Case& c, const std::string& what, const Schedule& schedule,
                         const nlohmann::json& rates, double scale)
{
    for (std::size_t e = 0; e < rates.size(); ++e) {
        const double got = schedule(e), want = rates[e].get<double>();
        if (!close(got, want, 1e-14 * scale, 1e-12)) {
            fail(c, what + "(" + str(e) + ") is " + num(got) + "; PyTorch's rate after " + str(e) +
                        " scheduler.step() calls is " + num(want));
            return false;
        }
    }
    return true;
}

// ---- bad parameters ---------------------------------------------------------------------------

// A bad value and what its message must mention (the parameter's name, and its value when
// that can be searched for: a whole number).
struct Bad {
    std::string parameter;
    double value;
    std::string shown;  // how the description shows it
    std::vector<std::string> mention;
};

// The bad rates every factory rejects; −k and +k are whole numbers in 21–99 (searchable).
std::vector<Bad> bad_rates(Case& c)
{
    const std::size_t k = grader::distinct_number(c, 21, 99, {0, 1});
    const double tiny = std::numeric_limits<double>::denorm_min();
    return {{"lr", 0.0, "0", {"lr"}},
            {"lr", -0.0, "-0.0", {"lr"}},
            {"lr", -tiny, "-denorm_min", {"lr"}},
            {"lr", -as_double(k), "-" + str(k), {"lr", "-" + str(k)}},
            {"lr", kNaN, "NaN", {"lr"}},
            {"lr", kInf, "+inf", {"lr"}},
            {"lr", -kInf, "-inf", {"lr"}}};
}

// The bad gammas of step and exponential decay: gamma in (0, 1].
std::vector<Bad> bad_gammas(Case& c)
{
    const std::size_t k = grader::distinct_number(c, 21, 99, {0, 1});
    return {{"gamma", 0.0, "0", {"gamma"}},
            {"gamma", -as_double(k), "-" + str(k), {"gamma", "-" + str(k)}},
            {"gamma", std::nextafter(1.0, 2.0), "1 + 2^-52", {"gamma"}},
            {"gamma", as_double(k), str(k), {"gamma", str(k)}},
            {"gamma", kNaN, "NaN", {"gamma"}},
            {"gamma", kInf, "+inf", {"gamma"}}};
}

// ---- the plateau's oracle ---------------------------------------------------------------------

struct Oracle {
    PlateauOptions o;
    double lr;
    double best = kInf;
    std::size_t bad = 0, cool = 0;

    void step(double loss)
    {
        const bool better = o.threshold_mode == ThresholdMode::relative
                                ? loss < best * (1.0 - o.threshold)
                                : loss < best - o.threshold;
        if (better) {
            best = loss;
            bad = 0;
        } else {
            ++bad;
        }
        if (cool > 0) {
            --cool;
            bad = 0;
        }
        if (bad > o.patience) {
            const double lowered = std::max(lr * o.factor, o.min_lr);
            if (lr - lowered > o.eps)
                lr = lowered;
            cool = o.cooldown;
            bad = 0;
        }
    }
};

std::string options_str(const PlateauOptions& o)
{
    return "factor " + num(o.factor) + ", patience " + str(o.patience) + ", threshold " +
           num(o.threshold) +
           (o.threshold_mode == ThresholdMode::relative ? " (relative)" : " (absolute)") +
           ", cooldown " + str(o.cooldown) + ", min_lr " + num(o.min_lr) + ", eps " + num(o.eps);
}

std::string losses_str(const std::vector<double>& losses, std::size_t upto)
{
    std::string s = "[";
    for (std::size_t i = 0; i <= upto && i < losses.size(); ++i)
        s += (i ? " " : "") + num(losses[i]);
    return s + "]";
}

bool same_best(double got, double want)
{
    return got == want || (std::isnan(got) && std::isnan(want)) || close(got, want, 0.0, 1e-15);
}

// What a ReduceOnPlateau should hold after a step: from the oracle or from PyTorch.
struct State {
    double lr, best;
    std::size_t bad, cool;
};

// After step(losses[i]): the returned rate, lr(), best(), bad_epochs(), cooldown_left().
bool expect_state(const Case& c, const std::vector<double>& losses, std::size_t i, double returned,
                  const ReduceOnPlateau& p, const State& want, const std::string& source)
{
    const std::string at =
        "after step(" + num(losses[i]) + ") (the losses fed so far: " + losses_str(losses, i) + ")";
    std::string wrong;
    if (!close(returned, want.lr, 0.0, 1e-12))
        wrong =
            "step() returned " + num(returned) + "; the rate for the next epoch is " + num(want.lr);
    else if (!close(p.lr(), want.lr, 0.0, 1e-12))
        wrong = "lr() is " + num(p.lr()) + "; expected " + num(want.lr);
    else if (!same_best(p.best(), want.best))
        wrong = "best() is " + num(p.best()) + "; expected " + num(want.best);
    else if (p.bad_epochs() != want.bad)
        wrong = "bad_epochs() is " + str(p.bad_epochs()) + "; expected " + str(want.bad);
    else if (p.cooldown_left() != want.cool)
        wrong = "cooldown_left() is " + str(p.cooldown_left()) + "; expected " + str(want.cool);
    if (wrong.empty())
        return true;
    fail(c, at + ", " + wrong + source);
    return false;
}

// Feeds `losses` to a fresh ReduceOnPlateau and to the oracle, comparing after every step.
void expect_plateau(Case& c, double lr, const PlateauOptions& o, const std::vector<double>& losses)
{
    c.description =
        "lr " + num(lr) + ", " + options_str(o) + ", losses " + losses_str(losses, losses.size());
    ReduceOnPlateau p(lr, o);
    Oracle oracle{o, lr};
    if (!expect_state(c, losses, 0, p.lr(), p, {lr, kInf, 0, 0}, " (before the first step)"))
        return;
    for (std::size_t i = 0; i < losses.size(); ++i) {
        const double returned = p.step(losses[i]);
        oracle.step(losses[i]);
        if (!expect_state(c, losses, i, returned, p,
                          {oracle.lr, oracle.best, oracle.bad, oracle.cool}, ""))
            return;
    }
}

PlateauOptions plain(double factor, std::size_t patience)
{
    PlateauOptions o;
    o.factor = factor;
    o.patience = patience;
    return o;
}

double golden_number(const nlohmann::json& j)
{
    if (j.is_number())
        return j.get<double>();
    const std::string s = j.get<std::string>();
    return s == "nan" ? kNaN : s == "inf" ? kInf : -kInf;
}

// ---- training ---------------------------------------------------------------------------------

// The chapter's classifiers, as in chapter 02's checks: identity logits, 2 to 5 classes.
grader::NetworkShape classifier()
{
    grader::NetworkShape shape;
    shape.layers = {1, 3};
    shape.widths = {1, 5};
    shape.outputs = {2, 5};
    shape.hidden = {"relu", "sigmoid", "tanh"};
    shape.last = {"identity"};
    shape.scale_by_fan_in = true;
    return shape;
}

struct Problem {
    Network net;
    Matrix X;
    Labels y;
};

Problem problem(Case& c)
{
    Problem p;
    p.net = grader::random_network(c, classifier());
    p.X = grader::random_inputs(c, p.net, c.rng.integer(3, 8));
    p.y = grader::random_labels(c, p.X.shape(0), p.net.layers.back().W.shape(1));
    c.description += ", y " + grader::list_str(p.y);
    return p;
}

void expect_history(const Case& c, const std::string& what, const TrainHistory& got,
                    const TrainHistory& want)
{
    if (!expect_count(c, what + ".loss", got.loss.size(), want.loss.size()) ||
        !expect_count(c, what + ".lr", got.lr.size(), want.lr.size()))
        return;
    for (std::size_t e = 0; e < want.lr.size(); ++e)
        if (!close(got.lr[e], want.lr[e], 0.0, 1e-12)) {
            fail(c, what + ".lr[" + str(e) + "] is " + num(got.lr[e]) + "; epoch " + str(e) +
                        "'s step uses " + num(want.lr[e]));
            return;
        }
    expect_close(c, what + ".loss (the loss of each epoch, before its step)",
                 grader::as_array(got.loss), grader::as_array(want.loss), {1e-12, 1e-10});
}

}  // namespace

// ---- constant_lr ------------------------------------------------------------------------------

TEST(ConstantLr, SameRateEveryEpoch)
{
    // Rates from the smallest positive double to 1e300; epochs 0, 1 and up to 10^9, in any
    // order, twice, and from a copy.
    for_each_case(5, [&](Case& c) {
        const double lr = c.index == 0   ? std::numeric_limits<double>::denorm_min()
                          : c.index == 1 ? 1e300
                                         : c.rng.uniform(1e-4, 1.0);
        c.description = "lr " + num(lr);
        const Schedule s = constant_lr(lr);
        const Schedule copy = s;
        const auto asked = epochs_to_ask(c, {0, 1, 2, 1000000000}, 100000, 6);
        if (expect_rates(
                c, "constant_lr(" + num(lr) + ")", s, [&](std::size_t) { return lr; }, asked, lr))
            expect_rates(
                c, "a copy of constant_lr(" + num(lr) + ")", copy, [&](std::size_t) { return lr; },
                asked, lr);
    });
}

TEST(ConstantLr, BadRateIsAClearError)
{
    // Each bad rate alone; next to them the valid extremes (the smallest positive double and
    // the largest finite one) must not throw.
    for_each_case(7, [&](Case& c) {
        const Bad bad = bad_rates(c)[static_cast<std::size_t>(c.index)];
        c.description = "lr " + bad.shown;
        expect_throws<std::invalid_argument>(
            c, "constant_lr(" + bad.shown + ")", [&] { constant_lr(bad.value); }, bad.mention);
        const double valid = c.index % 2 ? std::numeric_limits<double>::denorm_min()
                                         : std::numeric_limits<double>::max();
        expect_no_throw(c, "constant_lr(" + num(valid) + ")", [&] { constant_lr(valid); });
    });
}

// ---- step_decay -------------------------------------------------------------------------------

TEST(StepDecay, MatchesPyTorch)
{
    const auto j = grader::read_golden(SCRATCHNET_GRADER_DIR, "schedules.json", kGoldens);
    const auto& runs = j["step_decay"];
    for_each_case(static_cast<int>(runs.size()), [&](Case& c) {
        const auto& r = runs[static_cast<std::size_t>(c.index)];
        const double lr = r["lr"], gamma = r["gamma"];
        const std::size_t s = r["step_size"];
        const std::string call = "step_decay(" + num(lr) + ", " + num(gamma) + ", " + str(s) + ")";
        c.description = call + " against StepLR (schedules.json, written by PyTorch), epochs 0.." +
                        str(r["rates"].size() - 1);
        expect_golden_rates(c, call, step_decay(lr, gamma, s), r["rates"], lr);
    });
}

TEST(StepDecay, DecaysAtTheStepBoundaries)
{
    // Epochs 0, s−1, s, 2s−1, 2s, 5s and random ones, in any order, twice. Case 0: step_size 1;
    // case 1: gamma = 1 (constant); case 2: the seed notebook's 0.95 every 100 epochs.
    for_each_case(7, [&](Case& c) {
        const std::size_t s = c.index == 0 ? 1 : c.index == 2 ? 100 : c.rng.integer(2, 12);
        const double gamma = c.index == 1 ? 1.0 : c.index == 2 ? 0.95 : c.rng.uniform(0.3, 0.95);
        const double lr = c.rng.uniform(0.01, 1.0);
        const std::string call = "step_decay(" + num(lr) + ", " + num(gamma) + ", " + str(s) + ")";
        c.description = call;
        const auto asked = epochs_to_ask(c, {0, s - 1, s, 2 * s - 1, 2 * s, 5 * s}, 20 * s, 6);
        expect_rates(
            c, call, step_decay(lr, gamma, s),
            [&](std::size_t e) { return oracle_step(lr, gamma, s, e); }, asked, lr);
    });
}

TEST(StepDecay, BadParametersAreAClearError)
{
    // Each bad parameter alone, the others valid; next to them the valid neighbours gamma = 1,
    // the smallest positive gamma and step_size 1 must not throw.
    for_each_case(14, [&](Case& c) {
        const double lr = c.rng.uniform(0.01, 1.0), gamma = c.rng.uniform(0.1, 0.9);
        const std::size_t s = c.rng.integer(2, 9);
        if (c.index < 7) {
            const Bad bad = bad_rates(c)[static_cast<std::size_t>(c.index)];
            c.description = "lr " + bad.shown;
            expect_throws<std::invalid_argument>(
                c, "step_decay(" + bad.shown + ", " + num(gamma) + ", " + str(s) + ")",
                [&] { step_decay(bad.value, gamma, s); }, bad.mention);
        } else if (c.index < 13) {
            const Bad bad = bad_gammas(c)[static_cast<std::size_t>(c.index - 7)];
            c.description = "gamma " + bad.shown;
            expect_throws<std::invalid_argument>(
                c, "step_decay(" + num(lr) + ", " + bad.shown + ", " + str(s) + ")",
                [&] { step_decay(lr, bad.value, s); }, bad.mention);
        } else {
            c.description = "step_size 0";
            expect_throws<std::invalid_argument>(
                c, "step_decay(" + num(lr) + ", " + num(gamma) + ", 0)",
                [&] { step_decay(lr, gamma, 0); }, {"step_size"});
        }
        expect_no_throw(c, "step_decay(lr, 1, step_size)", [&] { step_decay(lr, 1.0, s); });
        expect_no_throw(c, "step_decay(lr, denorm_min, step_size)",
                        [&] { step_decay(lr, std::numeric_limits<double>::denorm_min(), s); });
        expect_no_throw(c, "step_decay(lr, gamma, 1)", [&] { step_decay(lr, gamma, 1); });
    });
}

// ---- exponential_decay ------------------------------------------------------------------------

TEST(ExponentialDecay, MatchesPyTorch)
{
    // The goldens (ExponentialLR), then the checks' own formula at hidden epochs, in any order
    // and twice: gamma = 1, gamma just below 1, random gammas.
    const auto j = grader::read_golden(SCRATCHNET_GRADER_DIR, "schedules.json", kGoldens);
    const auto& runs = j["exponential_decay"];
    const int goldens = static_cast<int>(runs.size());
    for_each_case(goldens + 4, [&](Case& c) {
        if (c.index < goldens) {
            const auto& r = runs[static_cast<std::size_t>(c.index)];
            const double lr = r["lr"], gamma = r["gamma"];
            const std::string call = "exponential_decay(" + num(lr) + ", " + num(gamma) + ")";
            c.description = call +
                            " against ExponentialLR (schedules.json, written by "
                            "PyTorch), epochs 0.." +
                            str(r["rates"].size() - 1);
            expect_golden_rates(c, call, exponential_decay(lr, gamma), r["rates"], lr);
            return;
        }
        const int k = c.index - goldens;
        const double gamma = k == 0   ? 1.0
                             : k == 1 ? std::nextafter(1.0, 0.0)
                                      : c.rng.uniform(0.9, 0.999);
        const double lr = c.rng.uniform(0.01, 1.0);
        const std::string call = "exponential_decay(" + num(lr) + ", " + num(gamma) + ")";
        c.description = call + " at hidden epochs";
        expect_rates(
            c, call, exponential_decay(lr, gamma),
            [&](std::size_t e) { return oracle_exponential(lr, gamma, e); },
            epochs_to_ask(c, {0, 1, 2, 1000}, 2000, 8), lr);
    });
}

TEST(ExponentialDecay, BadParametersAreAClearError)
{
    for_each_case(13, [&](Case& c) {
        const double lr = c.rng.uniform(0.01, 1.0), gamma = c.rng.uniform(0.1, 0.9);
        if (c.index < 7) {
            const Bad bad = bad_rates(c)[static_cast<std::size_t>(c.index)];
            c.description = "lr " + bad.shown;
            expect_throws<std::invalid_argument>(
                c, "exponential_decay(" + bad.shown + ", " + num(gamma) + ")",
                [&] { exponential_decay(bad.value, gamma); }, bad.mention);
        } else {
            const Bad bad = bad_gammas(c)[static_cast<std::size_t>(c.index - 7)];
            c.description = "gamma " + bad.shown;
            expect_throws<std::invalid_argument>(
                c, "exponential_decay(" + num(lr) + ", " + bad.shown + ")",
                [&] { exponential_decay(lr, bad.value); }, bad.mention);
        }
        expect_no_throw(c, "exponential_decay(lr, 1)", [&] { exponential_decay(lr, 1.0); });
        expect_no_throw(c, "exponential_decay(lr, denorm_min)",
                        [&] { exponential_decay(lr, std::numeric_limits<double>::denorm_min()); });
    });
}

// ---- inverse_time_decay -----------------------------------------------------------------------

TEST(InverseTimeDecay, MatchesPyTorch)
{
    // The goldens (LambdaLR with 1 / (1 + k e)), then the checks' own formula at hidden epochs
    // up to 10^9, in any order and twice: k = 0, −0.0, random.
    const auto j = grader::read_golden(SCRATCHNET_GRADER_DIR, "schedules.json", kGoldens);
    const auto& runs = j["inverse_time_decay"];
    const int goldens = static_cast<int>(runs.size());
    for_each_case(goldens + 4, [&](Case& c) {
        if (c.index < goldens) {
            const auto& r = runs[static_cast<std::size_t>(c.index)];
            const double lr = r["lr"], k = r["k"];
            const std::string call = "inverse_time_decay(" + num(lr) + ", " + num(k) + ")";
            c.description = call +
                            " against LambdaLR(1 / (1 + k e)) (schedules.json, written "
                            "by PyTorch), epochs 0.." +
                            str(r["rates"].size() - 1);
            expect_golden_rates(c, call, inverse_time_decay(lr, k), r["rates"], lr);
            return;
        }
        const int which = c.index - goldens;
        const double k = which == 0 ? 0.0 : which == 1 ? -0.0 : c.rng.uniform(0.001, 5.0);
        const double lr = c.rng.uniform(0.01, 1.0);
        const std::string call = "inverse_time_decay(" + num(lr) + ", " +
                                 (which == 1 ? std::string("-0.0") : num(k)) + ")";
        c.description = call + " at hidden epochs";
        expect_rates(
            c, call, inverse_time_decay(lr, k),
            [&](std::size_t e) { return oracle_inverse(lr, k, e); },
            epochs_to_ask(c, {0, 1, 2, 1000000000}, 100000, 8), lr);
    });
}

TEST(InverseTimeDecay, BadParametersAreAClearError)
{
    // Each bad parameter alone; k = 0 and −0.0 (constant) must not throw.
    for_each_case(11, [&](Case& c) {
        const double lr = c.rng.uniform(0.01, 1.0), k = c.rng.uniform(0.01, 2.0);
        if (c.index < 7) {
            const Bad bad = bad_rates(c)[static_cast<std::size_t>(c.index)];
            c.description = "lr " + bad.shown;
            expect_throws<std::invalid_argument>(
                c, "inverse_time_decay(" + bad.shown + ", " + num(k) + ")",
                [&] { inverse_time_decay(bad.value, k); }, bad.mention);
        } else {
            const std::size_t m = grader::distinct_number(c, 21, 99, {0, 1});
            const std::vector<Bad> bads{
                {"k", -std::numeric_limits<double>::denorm_min(), "-denorm_min", {"k"}},
                {"k", -as_double(m), "-" + str(m), {"k", "-" + str(m)}},
                {"k", kNaN, "NaN", {"k"}},
                {"k", kInf, "+inf", {"k"}}};
            const Bad bad = bads[static_cast<std::size_t>(c.index - 7)];
            c.description = "k " + bad.shown;
            expect_throws<std::invalid_argument>(
                c, "inverse_time_decay(" + num(lr) + ", " + bad.shown + ")",
                [&] { inverse_time_decay(lr, bad.value); }, bad.mention);
        }
        expect_no_throw(c, "inverse_time_decay(lr, 0)", [&] { inverse_time_decay(lr, 0.0); });
        expect_no_throw(c, "inverse_time_decay(lr, -0.0)", [&] { inverse_time_decay(lr, -0.0); });
    });
}

// ---- cosine_with_warmup -----------------------------------------------------------------------

TEST(CosineWithWarmup, MatchesPyTorch)
{
    // SequentialLR([LinearLR, CosineAnnealingLR], milestones=[warmup]); warm-up 0 is
    // CosineAnnealingLR alone. Epochs 0..total (PyTorch's cosine rises again after total).
    const auto j = grader::read_golden(SCRATCHNET_GRADER_DIR, "schedules.json", kGoldens);
    const auto& runs = j["cosine_with_warmup"];
    for_each_case(static_cast<int>(runs.size()), [&](Case& c) {
        const auto& r = runs[static_cast<std::size_t>(c.index)];
        const double lr = r["lr"], m = r["min_lr"], f = r["start_factor"];
        const std::size_t w = r["warmup"], T = r["total"];
        const std::string call = "cosine_with_warmup(" + num(lr) + ", " + str(w) + ", " + str(T) +
                                 ", " + num(m) + ", " + num(f) + ")";
        c.description = call + " against " + r["torch"].get<std::string>() +
                        " (schedules.json, written by PyTorch), epochs 0.." + str(T);
        expect_golden_rates(c, call, cosine_with_warmup(lr, w, T, m, f), r["rates"], lr);
    });
}

TEST(CosineWithWarmup, JoinsAndTail)
{
    // Epochs 0, 1, w−1, w, w+1, T−1, T, T+1, 2T, 10^9 and random ones, in any order and twice.
    // Case 0: warm-up 0; case 1: warm-up T−1; case 2: min_lr = lr; case 3: min_lr = 0 and
    // start_factor 1; case 4: the default min_lr and start_factor; then random.
    for_each_case(8, [&](Case& c) {
        const std::size_t T = c.rng.integer(c.index == 1 ? 2 : 3, 60);
        const std::size_t w = c.index == 0 ? 0 : c.index == 1 ? T - 1 : c.rng.integer(1, T - 2);
        const double lr = c.rng.uniform(0.01, 1.0);
        const double m = c.index == 2                   ? lr
                         : c.index >= 3 && c.index <= 4 ? 0.0
                                                        : c.rng.uniform(0.0, lr);
        const double f = c.index == 3 ? 1.0 : c.index == 4 ? 1.0 / 3.0 : c.rng.uniform(0.01, 1.0);
        const std::string call = "cosine_with_warmup(" + num(lr) + ", " + str(w) + ", " + str(T) +
                                 (c.index == 4 ? ")" : ", " + num(m) + ", " + num(f) + ")");
        c.description = call;
        const Schedule s =
            c.index == 4 ? cosine_with_warmup(lr, w, T) : cosine_with_warmup(lr, w, T, m, f);
        std::vector<std::size_t> must{0, 1, w, w + 1, T - 1, T, T + 1, 2 * T, 1000000000};
        if (w > 0)
            must.push_back(w - 1);
        expect_rates(
            c, "cosine_with_warmup", s,
            [&](std::size_t e) { return oracle_cosine(lr, w, T, m, f, e); },
            epochs_to_ask(c, must, 3 * T, 6), lr);
    });
}

TEST(CosineWithWarmup, BadParametersAreAClearError)
{
    // Each bad parameter alone; next to them the valid neighbours: warmup = total − 1,
    // min_lr = 0 and = lr, start_factor = 1 and the smallest positive double.
    for_each_case(17, [&](Case& c) {
        const double lr = c.rng.uniform(0.01, 1.0), f = c.rng.uniform(0.1, 0.9);
        const std::size_t T = grader::distinct_number(c, 21, 99, {0, 1});
        const std::size_t w = grader::distinct_number(c, 2, 19, {0, 1, T});
        const double m = c.rng.uniform(0.0, lr);
        std::string what;
        std::vector<std::string> mention;
        std::function<void()> call;
        if (c.index < 7) {
            const Bad bad = bad_rates(c)[static_cast<std::size_t>(c.index)];
            what = "lr " + bad.shown;
            mention = bad.mention;
            call = [=] { cosine_with_warmup(bad.value, w, T, 0.0, f); };
        } else if (c.index < 9) {  // warmup = total, warmup > total
            const std::size_t total = c.index == 7 ? w : w - 1;
            what = "warmup " + str(w) + ", total " + str(total);
            mention = {"warmup", "total", str(w)};
            if (c.index == 8)
                mention.push_back(str(total));
            call = [=] { cosine_with_warmup(lr, w, total, 0.0, f); };
        } else if (c.index < 13) {
            const std::size_t k = grader::distinct_number(c, 21, 99, {0, 1, T, w});
            const std::vector<Bad> bads{
                {"min_lr", -std::numeric_limits<double>::denorm_min(), "-denorm_min", {"min_lr"}},
                {"min_lr", -as_double(k), "-" + str(k), {"min_lr", "-" + str(k)}},
                {"min_lr", std::nextafter(lr, 2.0), "the double just above lr", {"min_lr"}},
                {"min_lr", kNaN, "NaN", {"min_lr"}}};
            const Bad bad = bads[static_cast<std::size_t>(c.index - 9)];
            what = "min_lr " + bad.shown;
            mention = bad.mention;
            call = [=] { cosine_with_warmup(lr, w, T, bad.value, f); };
        } else {
            const std::size_t k = grader::distinct_number(c, 21, 99, {0, 1, T, w});
            const std::vector<Bad> bads{
                {"start_factor", 0.0, "0", {"start_factor"}},
                {"start_factor", std::nextafter(1.0, 2.0), "1 + 2^-52", {"start_factor"}},
                {"start_factor", as_double(k), str(k), {"start_factor", str(k)}},
                {"start_factor", kNaN, "NaN", {"start_factor"}}};
            const Bad bad = bads[static_cast<std::size_t>(c.index - 13)];
            what = "start_factor " + bad.shown;
            mention = bad.mention;
            call = [=] { cosine_with_warmup(lr, w, T, m, bad.value); };
        }
        c.description = "lr " + num(lr) + ", warmup " + str(w) + ", total " + str(T) + ", " + what;
        expect_throws<std::invalid_argument>(c, "cosine_with_warmup with " + what, call, mention);
        expect_no_throw(c, "cosine_with_warmup(lr, total - 1, total, 0, start_factor)",
                        [&] { cosine_with_warmup(lr, T - 1, T, 0.0, f); });
        expect_no_throw(c, "cosine_with_warmup(lr, warmup, total, lr, start_factor)",
                        [&] { cosine_with_warmup(lr, w, T, lr, f); });
        expect_no_throw(c, "cosine_with_warmup(lr, warmup, total, min_lr, 1)",
                        [&] { cosine_with_warmup(lr, w, T, m, 1.0); });
        expect_no_throw(c, "cosine_with_warmup(lr, 0, 1, min_lr, denorm_min)", [&] {
            cosine_with_warmup(lr, 0, 1, m, std::numeric_limits<double>::denorm_min());
        });
    });
}

// ---- ReduceOnPlateau --------------------------------------------------------------------------

TEST(ReduceOnPlateau, MatchesPyTorch)
{
    // Fixed loss sequences (plateau.json): after every step, PyTorch's rate, best,
    // num_bad_epochs and cooldown_counter.
    const auto j = grader::read_golden(SCRATCHNET_GRADER_DIR, "plateau.json", kGoldens);
    const auto& runs = j["runs"];
    for_each_case(static_cast<int>(runs.size()), [&](Case& c) {
        const auto& r = runs[static_cast<std::size_t>(c.index)];
        const auto& jo = r["options"];
        PlateauOptions o;
        if (jo.contains("factor"))
            o.factor = jo["factor"];
        if (jo.contains("patience"))
            o.patience = jo["patience"];
        if (jo.contains("threshold"))
            o.threshold = jo["threshold"];
        o.threshold_mode =
            jo["threshold_mode"] == "abs" ? ThresholdMode::absolute : ThresholdMode::relative;
        if (jo.contains("cooldown"))
            o.cooldown = jo["cooldown"];
        if (jo.contains("min_lr"))
            o.min_lr = jo["min_lr"];
        if (jo.contains("eps"))
            o.eps = jo["eps"];
        const double lr = r["lr"];
        std::vector<double> losses;
        for (const auto& v : r["losses"])
            losses.push_back(golden_number(v));
        c.description = "\"" + r["name"].get<std::string>() + "\" (plateau.json, written by " +
                        "PyTorch's ReduceLROnPlateau): lr " + num(lr) + ", " + options_str(o) +
                        ", losses " + losses_str(losses, losses.size());
        ReduceOnPlateau p(lr, o);
        for (std::size_t i = 0; i < losses.size(); ++i) {
            const auto& s = r["steps"][i];
            const double returned = p.step(losses[i]);
            if (!expect_state(c, losses, i, returned, p,
                              {s["lr"].get<double>(), golden_number(s["best"]),
                               s["bad_epochs"].get<std::size_t>(),
                               s["cooldown_left"].get<std::size_t>()},
                              " (PyTorch's)"))
                return;
        }
    });
}

TEST(ReduceOnPlateau, PatienceCountsBadEpochs)
{
    // No cooldown. Flat losses with patience 0, 1, 2–6 and PyTorch's default 10: the rate drops
    // at bad epoch patience + 1, the count restarts, and it drops again. Then NaN losses (never
    // better; the first finite loss is), a sequence that only gets worse, and a first loss of
    // 1e300 (better than +inf).
    for_each_case(9, [&](Case& c) {
        const double lr = c.rng.uniform(0.05, 1.0), v = c.rng.uniform(0.5, 3.0);
        if (c.index <= 5) {
            const std::size_t p = c.index <= 1   ? static_cast<std::size_t>(c.index)
                                  : c.index == 5 ? 10
                                                 : c.rng.integer(2, 6);
            PlateauOptions o = c.index == 5 ? PlateauOptions{} : plain(c.rng.uniform(0.1, 0.9), p);
            expect_plateau(c, lr, o, std::vector<double>(3 * (p + 1) + 2, v));
            return;
        }
        const std::size_t p = c.rng.integer(1, 3);
        std::vector<double> losses;
        if (c.index == 6) {  // NaN first, then NaN in place of bad epochs
            losses = {kNaN, v};
            for (int i = 0; i < 3; ++i) {
                losses.insert(losses.end(), p + 1, kNaN);
                losses.push_back(v * (0.8 - 0.1 * i));
            }
        } else if (c.index == 7) {  // every loss worse than the one before
            for (std::size_t i = 0; i < 3 * (p + 1) + 1; ++i)
                losses.push_back(v * (1.0 + 0.1 * as_double(i)));
        } else {
            losses = {1e300};
            losses.insert(losses.end(), 2 * p + 3, 1e300);
        }
        expect_plateau(c, lr, plain(0.5, p), losses);
    });
}

TEST(ReduceOnPlateau, ImprovementResetsPatience)
{
    // No cooldown. Runs of k bad epochs, each ended by an improvement: k = patience (the
    // improvement comes exactly at bad epoch patience + 1, where the rate would drop), k random
    // in 0..patience, and finally patience + 1 bad epochs (a drop). Improvements by 10 % or
    // more (the threshold is 1e-4 relative).
    for_each_case(6, [&](Case& c) {
        const std::size_t p = c.index == 0 ? 1 : c.rng.integer(1, 6);
        const double lr = c.rng.uniform(0.05, 1.0);
        double best = c.rng.uniform(1.0, 4.0);
        std::vector<double> losses{best};
        for (int run = 0; run < 4; ++run) {
            const std::size_t k = c.index < 3 || run % 2 == 0 ? p : c.rng.integer(0, p);
            for (std::size_t i = 0; i < k; ++i)
                losses.push_back(best * c.rng.uniform(1.0, 1.2));  // bad: not below best
            best *= c.rng.uniform(0.5, 0.9);
            losses.push_back(best);
        }
        losses.insert(losses.end(), p + 1, best);
        expect_plateau(c, lr, plain(c.rng.uniform(0.1, 0.9), p), losses);
    });
}

TEST(ReduceOnPlateau, ThresholdIsRelativeOrAbsolute)
{
    // No cooldown, patience 1. Each loss lies within or beyond the threshold of the best so
    // far, some exactly at the limit (not better: the contract's < is strict). Relative: losses
    // around 10–100, where best · threshold is far from threshold; absolute: the same scale,
    // threshold 0.01–0.2, and one ≥ 1 (valid in absolute mode). Threshold 0: any decrease is
    // better, an equal loss is not. Negative losses in relative mode follow the same formula.
    // Every threshold is a multiple of 1/64 and every loss that can become the best a multiple
    // of 1/1024, so the limit is exact however it is written (best · (1 − t), best − best · t,
    // best − t): a learner's equivalent formula meets the exact-limit cases in the same bit.
    const auto grid = [](double x) { return std::round(x * 1024.0) / 1024.0; };
    for_each_case(8, [&](Case& c) {
        const bool relative = c.index % 2 == 0;
        PlateauOptions o = plain(0.5, 1);
        o.threshold_mode = relative ? ThresholdMode::relative : ThresholdMode::absolute;
        o.threshold = c.index == 6   ? 0.0
                      : c.index == 7 ? as_double(c.rng.integer(64, 192)) / 64.0
                      : relative     ? as_double(c.rng.integer(1, 6)) / 64.0
                                     : as_double(c.rng.integer(1, 12)) / 64.0;
        const double sign = c.index == 4 ? -1.0 : 1.0;
        double best = grid(sign * c.rng.uniform(10.0, 100.0));
        std::vector<double> losses{best};
        for (int i = 0; i < 24; ++i) {
            const double limit = relative ? best * (1.0 - o.threshold) : best - o.threshold;
            const double margin = relative ? std::abs(best) * o.threshold : o.threshold;
            const int kind = static_cast<int>(c.rng.integer(0, 3));
            // Within and beyond stay ≥ 0.05 · margin ≥ 0.0078 from the limit: far more than
            // the grid's 1/1024 rounding can move them.
            double loss = kind == 0   ? limit                                             // at it
                          : kind == 1 ? grid(limit + c.rng.uniform(0.05, 0.95) * margin)  // within
                          : kind == 2 ? grid(limit - c.rng.uniform(0.05, 0.95) * margin)  // beyond
                                      : grid(best + c.rng.uniform(0.0, 1.0) * margin);    // worse
            if (o.threshold == 0.0)
                loss = kind <= 1 ? best : grid(best - c.rng.uniform(0.001, 0.1) * std::abs(best));
            if (loss < limit)
                best = loss;
            losses.push_back(loss);
        }
        expect_plateau(c, c.rng.uniform(0.05, 1.0), o, losses);
    });
}

TEST(ReduceOnPlateau, CooldownIgnoresBadEpochs)
{
    // Cooldown 1–4 with patience 0–2 on flat or worsening losses (several drops), with an
    // improvement inside a cooldown, and with min_lr = lr (the drop is skipped, the cooldown
    // still starts).
    for_each_case(6, [&](Case& c) {
        const std::size_t p = c.rng.integer(0, 2);
        PlateauOptions o = plain(c.rng.uniform(0.2, 0.8), p);
        o.cooldown = c.index == 0 ? 1 : c.rng.integer(1, 4);
        const double lr = c.rng.uniform(0.05, 1.0), v = c.rng.uniform(0.5, 3.0);
        if (c.index == 5)
            o.min_lr = lr;
        std::vector<double> losses{v};
        const std::size_t n = 4 * (p + o.cooldown + 1) + 2;
        for (std::size_t i = 0; i < n; ++i)
            losses.push_back(c.index == 3 && i == p + 2 ? 0.5 * v
                             : c.index == 4             ? v * (1.0 + 0.01 * as_double(i))
                                                        : v);
        expect_plateau(c, lr, o, losses);
    });
}

TEST(ReduceOnPlateau, StopsAtMinLr)
{
    // Flat losses, patience 0 or 1, no cooldown. Case 0: factor 0.1 down to min_lr between two
    // powers; case 1: min_lr = lr; case 2: min_lr above lr (valid; the rate never rises);
    // case 3: a drop smaller than eps is skipped; case 4: eps 0; case 5: a large eps.
    for_each_case(6, [&](Case& c) {
        const double lr = c.rng.uniform(0.05, 1.0);
        PlateauOptions o = plain(c.index == 0 ? 0.1 : c.rng.uniform(0.3, 0.7), c.index % 2);
        switch (c.index) {
        case 0: o.min_lr = lr * c.rng.uniform(0.002, 0.008); break;
        case 1: o.min_lr = lr; break;
        case 2: o.min_lr = lr * c.rng.uniform(1.5, 3.0); break;
        case 3:
            o.min_lr = lr * (1.0 - 0.5e-8);
            o.eps = 1e-8 * lr;
            break;
        case 4:
            o.eps = 0.0;
            o.min_lr = lr * 1e-3;
            break;
        default: o.eps = lr * c.rng.uniform(0.05, 0.2); break;
        }
        const double v = c.rng.uniform(0.5, 3.0);
        expect_plateau(c, lr, o, std::vector<double>(12 * (o.patience + 1), v));
    });
}

TEST(ReduceOnPlateau, BadOptionsAreAClearError)
{
    // Each bad option alone, the others PyTorch's defaults; the message names the option (and
    // its value when it is a whole number). Next to them the valid neighbours: factor just
    // below 1 and the smallest positive double, threshold 0 and just below 1 (relative), 1 and
    // 5 (absolute), min_lr 0 and above lr, eps 0.
    const double tiny = std::numeric_limits<double>::denorm_min(),
                 below1 = std::nextafter(1.0, 0.0);
    for_each_case(22, [&](Case& c) {
        const double lr = c.rng.uniform(0.05, 1.0);
        const std::size_t k = grader::distinct_number(c, 21, 99, {0, 1});
        PlateauOptions o;
        double bad_lr = lr;
        std::string what;
        std::vector<std::string> mention;
        const int i = c.index;
        if (i < 7) {
            const Bad bad = bad_rates(c)[static_cast<std::size_t>(i)];
            bad_lr = bad.value;
            what = "lr " + bad.shown;
            mention = bad.mention;
        } else if (i < 12) {
            const std::vector<Bad> bads{
                {"factor", 0.0, "0", {"factor"}},
                {"factor", 1.0, "1", {"factor"}},
                {"factor", -as_double(k), "-" + str(k), {"factor", "-" + str(k)}},
                {"factor", as_double(k), str(k), {"factor", str(k)}},
                {"factor", kNaN, "NaN", {"factor"}}};
            const Bad bad = bads[static_cast<std::size_t>(i - 7)];
            o.factor = bad.value;
            what = "factor " + bad.shown;
            mention = bad.mention;
        } else if (i < 17) {
            const std::vector<Bad> bads{
                {"threshold", -tiny, "-denorm_min", {"threshold"}},
                {"threshold", 1.0, "1 (relative)", {"threshold"}},
                {"threshold", as_double(k), str(k) + " (relative)", {"threshold", str(k)}},
                {"threshold", kNaN, "NaN", {"threshold"}},
                {"threshold", kInf, "+inf (absolute)", {"threshold"}}};
            const Bad bad = bads[static_cast<std::size_t>(i - 12)];
            o.threshold = bad.value;
            if (i == 16)
                o.threshold_mode = ThresholdMode::absolute;
            what = "threshold " + bad.shown;
            mention = bad.mention;
        } else if (i < 20) {
            const std::vector<Bad> bads{
                {"min_lr", -as_double(k), "-" + str(k), {"min_lr", "-" + str(k)}},
                {"min_lr", kNaN, "NaN", {"min_lr"}},
                {"min_lr", kInf, "+inf", {"min_lr"}}};
            const Bad bad = bads[static_cast<std::size_t>(i - 17)];
            o.min_lr = bad.value;
            what = "min_lr " + bad.shown;
            mention = bad.mention;
        } else {
            const std::vector<Bad> bads{{"eps", -as_double(k), "-" + str(k), {"eps", "-" + str(k)}},
                                        {"eps", kInf, "+inf", {"eps"}}};
            const Bad bad = bads[static_cast<std::size_t>(i - 20)];
            o.eps = bad.value;
            what = "eps " + bad.shown;
            mention = bad.mention;
        }
        c.description = what + ", the other options PyTorch's defaults";
        expect_throws<std::invalid_argument>(
            c, "ReduceOnPlateau with " + what, [&] { ReduceOnPlateau p(bad_lr, o); }, mention);
        const auto valid = [&](const std::string& name,
                               const std::function<void(PlateauOptions&)>& set) {
            PlateauOptions v;
            set(v);
            expect_no_throw(c, "ReduceOnPlateau with " + name, [&] { ReduceOnPlateau p(lr, v); });
        };
        if (i % 4 == 0)
            valid("factor just below 1", [&](PlateauOptions& v) { v.factor = below1; });
        if (i % 4 == 1)
            valid("factor denorm_min", [&](PlateauOptions& v) { v.factor = tiny; });
        if (i % 4 == 2) {
            valid("threshold 0", [&](PlateauOptions& v) { v.threshold = 0.0; });
            valid("threshold just below 1 (relative)",
                  [&](PlateauOptions& v) { v.threshold = below1; });
        }
        if (i % 4 == 3) {
            valid("threshold 1 (absolute)", [&](PlateauOptions& v) {
                v.threshold = 1.0;
                v.threshold_mode = ThresholdMode::absolute;
            });
            valid("threshold " + str(k) + " (absolute)", [&](PlateauOptions& v) {
                v.threshold = as_double(k);
                v.threshold_mode = ThresholdMode::absolute;
            });
        }
        valid("min_lr 0, eps 0", [&](PlateauOptions& v) {
            v.min_lr = 0.0;
            v.eps = 0.0;
        });
        valid("min_lr above lr", [&](PlateauOptions& v) { v.min_lr = 2.0 * lr; });
    });
}

// ---- the training loops -----------------------------------------------------------------------

TEST(TrainWithSchedule, UsesEachEpochsRate)
{
    // The check's own schedule (a different rate every epoch, from a table; it notes every
    // epoch it is asked for) and the check's own loop with the reference's loss_and_gradients
    // and sgd_step. Case 0: epochs = 0 (nothing happens); case 1: one epoch.
    for_each_case(6, [&](Case& c) {
        Problem pb = problem(c);
        const std::size_t epochs =
            c.index < 2 ? static_cast<std::size_t>(c.index) : c.rng.integer(5, 20);
        std::vector<double> table;
        for (std::size_t e = 0; e < epochs + 2; ++e)
            table.push_back(c.rng.uniform(0.05, 0.6));
        c.description += ", " + str(epochs) + " epochs" +
                         (epochs ? ", rates " + losses_str(table, epochs - 1) : std::string());
        std::vector<std::size_t> asked;
        const Schedule schedule = [&](std::size_t e) {
            asked.push_back(e);
            return table[std::min(e, table.size() - 1)];
        };
        Network oracle_net = pb.net;
        TrainHistory want;
        for (std::size_t e = 0; e < epochs; ++e) {
            const LossAndGradients lg = loss_and_gradients(oracle_net, pb.X, pb.y);
            sgd_step(oracle_net, lg.grads, table[e]);
            want.loss.push_back(lg.loss);
            want.lr.push_back(table[e]);
        }
        const TrainHistory got = train_with_schedule(pb.net, pb.X, pb.y, schedule, epochs);
        for (std::size_t e : asked)
            if (e >= epochs) {
                fail(c, "train_with_schedule(…, " + str(epochs) +
                            ") asked the schedule for epoch " + str(e) + "; epochs run from 0 to " +
                            (epochs ? str(epochs - 1) : std::string("nothing (0 epochs)")));
                return;
            }
        expect_history(c, "the history", got, want);
        grader::expect_network(c, "after train_with_schedule (updated in place)", pb.net,
                               oracle_net, {1e-12, 1e-10});
    });
}

TEST(TrainWithPlateau, FeedsEachEpochsLoss)
{
    // The check's own loop beside the learner's, each with its own ReduceOnPlateau (same
    // options; a large relative threshold so that the rate drops within the run): epoch e uses
    // plateau.lr(), then feeds that epoch's loss (before the step) to plateau.step(). Case 0:
    // epochs = 0; case 1: one epoch.
    for_each_case(6, [&](Case& c) {
        Problem pb = problem(c);
        const std::size_t epochs =
            c.index < 2 ? static_cast<std::size_t>(c.index) : c.rng.integer(8, 20);
        PlateauOptions o = plain(0.5, c.rng.integer(0, 2));
        o.threshold = 0.3;
        o.cooldown = c.index % 2 ? 1 : 0;
        const double lr = c.rng.uniform(0.1, 0.6);
        c.description += ", " + str(epochs) + " epochs, lr " + num(lr) + ", " + options_str(o);
        ReduceOnPlateau plateau(lr, o), oracle(lr, o);
        Network oracle_net = pb.net;
        TrainHistory want;
        for (std::size_t e = 0; e < epochs; ++e) {
            const LossAndGradients lg = loss_and_gradients(oracle_net, pb.X, pb.y);
            want.lr.push_back(oracle.lr());
            sgd_step(oracle_net, lg.grads, oracle.lr());
            oracle.step(lg.loss);
            want.loss.push_back(lg.loss);
        }
        const TrainHistory got = train_with_plateau(pb.net, pb.X, pb.y, plateau, epochs);
        expect_history(c, "the history", got, want);
        grader::expect_network(c, "after train_with_plateau (updated in place)", pb.net, oracle_net,
                               {1e-12, 1e-10});
        if (plateau.lr() != oracle.lr() || plateau.best() != oracle.best() ||
            plateau.bad_epochs() != oracle.bad_epochs())
            fail(c, "after train_with_plateau the plateau holds lr " + num(plateau.lr()) +
                        ", best " + num(plateau.best()) + ", " + str(plateau.bad_epochs()) +
                        " bad epochs; feeding it each epoch's loss gives lr " + num(oracle.lr()) +
                        ", best " + num(oracle.best()) + ", " + str(oracle.bad_epochs()));
    });
}
