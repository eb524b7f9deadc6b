// Data for the figure "optimizers.svg": optimizers with state on an ill-conditioned problem, and
// what Adam's bias correction does.
//
// Top: f(x, y) = (x² + 50 y²)/2 (condition number 50), from (x, y) = (-8, 2), 200 steps of the
// reference optimizers: plain SGD (SgdMomentum with momentum 0 is torch.optim.SGD without
// momentum), SGD with momentum 0.9, Nesterov momentum 0.9, all at lr 0.02 (= 1/50, the largest
// curvature's inverse), and Adam at lr 0.1. The parameters are one Vector of 2 entries.
// Bottom: Adam's step length |Δp|/η when the gradient is the same at every step (g = 1): the
// reference Adam (bias-corrected), and the same recurrence without the correction (m/(√v + ε),
// written out here: the reference has no switch for it), for β₂ = 0.999 and 0.99.
// Writes two blocks separated by two blank lines (gnuplot's index 0 and 1). On stderr: the
// numbers the chapter quotes.
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "figure.hpp"
#include "going_further.hpp"

namespace {

using namespace scratchnet;

constexpr double kA = 1.0, kB = 50.0;
constexpr std::size_t kSteps = 200;

double f(const Vector& p) { return 0.5 * (kA * p(0) * p(0) + kB * p(1) * p(1)); }

Gradients grad_of(const Vector& p)
{
    Gradients g;
    g.db.push_back(Vector{kA * p(0), kB * p(1)});
    return g;
}

// The loss after every step (entry 0: before the first) of one optimizer.
template <class Optimizer>
std::vector<double> run(Optimizer& opt)
{
    Vector p{-8.0, 2.0};
    ParamList params;
    params.vectors.push_back(&p);
    std::vector<double> loss{f(p)};
    for (std::size_t t = 1; t <= kSteps; ++t) {
        opt.step(params, grad_of(p));
        loss.push_back(f(p));
    }
    return loss;
}

std::size_t first_below(const std::vector<double>& loss, double level)
{
    for (std::size_t t = 0; t < loss.size(); ++t)
        if (loss[t] < level)
            return t;
    return loss.size();  // never
}

}  // namespace

int main(int argc, char** argv)
{
    scratchnet::figure::Output fig(argc, argv);
    SgdMomentum sgd({0.02, 0.0, false, 0.0}), momentum({0.02, 0.9, false, 0.0}),
        nesterov({0.02, 0.9, true, 0.0});
    AdamOptions ao;
    ao.lr = 0.1;
    Adam adam(ao);
    const std::vector<std::vector<double>> loss = {run(sgd), run(momentum), run(nesterov),
                                                   run(adam)};
    const char* names[] = {"SGD", "momentum 0.9", "Nesterov 0.9", "Adam lr 0.1"};

    FILE* out = fig.file();
    std::fprintf(out, "# step  f: SGD  momentum  Nesterov  Adam\n");
    for (std::size_t t = 0; t <= kSteps; ++t)
        std::fprintf(out, "%zu %.6e %.6e %.6e %.6e\n", t, loss[0][t], loss[1][t], loss[2][t],
                     loss[3][t]);

    std::fprintf(stderr, "quadratic (x^2 + 50 y^2)/2 from (-8, 2): f0 = %.4g\n", loss[0][0]);
    for (int k = 0; k < 4; ++k)
        std::fprintf(
            stderr,
            "  %-13s f after 10: %.4g  50: %.4g  100: %.4g  200: %.4g  first step f < 1e-6: %s\n",
            names[k], loss[k][10], loss[k][50], loss[k][100], loss[k][200],
            first_below(loss[k], 1e-6) < loss[k].size()
                ? std::to_string(first_below(loss[k], 1e-6)).c_str()
                : "none in 200");
    // Momentum overshoots: is f monotone?
    for (int k = 0; k < 4; ++k) {
        std::size_t rises = 0;
        for (std::size_t t = 1; t <= kSteps; ++t)
            rises += loss[k][t] > loss[k][t - 1];
        std::fprintf(stderr, "  %-13s steps where f rose: %zu of %zu\n", names[k], rises, kSteps);
    }

    // Bias correction: a constant gradient g = 1, the step length over the learning rate.
    std::fprintf(
        out,
        "\n\n# t  |dp|/lr: Adam (corrected) b2=0.999  uncorrected b2=0.999  corrected b2=0.99  uncorrected b2=0.99\n");
    constexpr std::size_t kT = 3000;
    const double betas2[2] = {0.999, 0.99};
    std::vector<double> corrected[2], raw[2];
    for (int k = 0; k < 2; ++k) {
        AdamOptions o;
        o.lr = 1e-3;
        o.beta2 = betas2[k];
        Adam opt(o);
        Vector p{0.0};
        ParamList params;
        params.vectors.push_back(&p);
        double m = 0, v = 0;
        for (std::size_t t = 1; t <= kT; ++t) {
            Gradients g;
            g.db.push_back(Vector{1.0});
            const double before = p(0);
            opt.step(params, g);
            corrected[k].push_back(std::abs(p(0) - before) / o.lr);
            m = o.beta1 * m + (1 - o.beta1) * 1.0;  // the same moments, no correction
            v = o.beta2 * v + (1 - o.beta2) * 1.0;
            raw[k].push_back(m / (std::sqrt(v) + o.eps));
        }
    }
    for (std::size_t t = 1; t <= kT; ++t)
        std::fprintf(out, "%zu %.6e %.6e %.6e %.6e\n", t, corrected[0][t - 1], raw[0][t - 1],
                     corrected[1][t - 1], raw[1][t - 1]);
    const int written = fig.close();
    for (int k = 0; k < 2; ++k) {
        std::size_t peak = 0;
        for (std::size_t t = 0; t < kT; ++t)
            if (raw[k][t] > raw[k][peak])
                peak = t;
        std::fprintf(stderr,
                     "bias correction, g = 1, beta1 0.9, beta2 %.3f: |dp|/lr corrected t=1: %.6f "
                     "t=10: %.6f t=1000: %.6f; uncorrected t=1: %.4f t=10: %.4f t=100: %.4f "
                     "t=1000: %.4f t=3000: %.4f, peak %.4f at t=%zu\n",
                     betas2[k], corrected[k][0], corrected[k][9], corrected[k][999], raw[k][0],
                     raw[k][9], raw[k][99], raw[k][999], raw[k][2999], raw[k][peak], peak + 1);
    }
    // At t = 1 with the gradient scaled by 1e-3 and 1e3: the corrected step stays eta.
    for (double scale : {1e-3, 1e3}) {
        AdamOptions o;
        Adam opt(o);
        Vector p{0.0};
        ParamList params;
        params.vectors.push_back(&p);
        Gradients g;
        g.db.push_back(Vector{scale});
        opt.step(params, g);
        std::fprintf(stderr, "first Adam step with g = %g: |dp|/lr = %.6f\n", scale,
                     std::abs(p(0)) / o.lr);
    }
    const double secs = fig.seconds();
    std::fprintf(stderr, "optimizers: %.2f s\n", secs);
    return written;
}
