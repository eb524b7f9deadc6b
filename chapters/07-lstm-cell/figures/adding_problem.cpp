// Data for the figure "adding_problem.svg": the reference LSTM (lstm_init, lstm_forward,
// lstm_backward) with a linear head on its last hidden state, ŷ = h_T w + b (w uniform in
// ±1/√H, b = 1: it starts at the baseline), trained on the adding problem with sequences of
// T = 50 steps: mini-batches of fresh sequences (data::adding_problem from Rng(2)), MSE loss,
// Adam (chapter 09) after clipping the gradient's global norm at 1; weights from Rng(1), a
// held-out test set of 200 sequences from Rng(3). H = 16, batches of 32, lr 0.02, 300 steps:
// a smaller, shorter run than the milestone (`./grade milestone run adding-problem`: H = 32,
// batches of 64, lr 0.01, 1000 steps), sized to take under 15 s in the course build. Writes
// one line per checkpoint: steps, the mean training MSE over the steps since the last
// checkpoint, the test MSE, the baseline 1/6 (always predicting the mean, 1). On stderr: the
// numbers the chapter quotes.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <vector>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>

#include "lstm.hpp"

namespace {

using namespace scratchnet;

constexpr std::size_t kT = 50, kH = 16, kBatch = 32, kSteps = 300, kEvery = 20, kTest = 200;
constexpr double kLr = 2e-2, kClip = 1.0, kBaseline = 1.0 / 6.0;

struct Model {
    LstmParams lstm;
    Matrix w;  // (H, 1)
    Vector b;  // (1)
};

template <class F>
void for_each_tensor(Model& m, F f)
{
    LstmParams& p = m.lstm;
    f(p.Wf), f(p.bf), f(p.Wi), f(p.bi), f(p.Wo), f(p.bo), f(p.Wc), f(p.bc), f(m.w), f(m.b);
}

Matrix predict(const Model& m, const std::vector<Matrix>& xs, LstmSequence* kept = nullptr)
{
    const Matrix zeros = xt::zeros<double>({xs.front().shape(0), m.w.shape(0)});
    LstmSequence seq = lstm_forward(xs, zeros, zeros, m.lstm);
    Matrix y_hat = dot(seq.h.back(), m.w) + m.b;
    if (kept)
        *kept = std::move(seq);
    return y_hat;
}

double mse(const Matrix& y_hat, const Matrix& y) { return xt::mean(xt::square(y_hat - y))(); }

}  // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUTPUT.dat\n", argv[0]);
        return 2;
    }
    const auto t0 = std::chrono::steady_clock::now();
    Rng init(1), data_rng(2), test_rng(3);
    const data::SequenceSet test = data::adding_problem(kTest, kT, test_rng);
    Model model{lstm_init(2, kH, init),
                init.uniform(kH, 1, -1.0 / std::sqrt(double(kH)), 1.0 / std::sqrt(double(kH))),
                Vector{1.0}};
    // Adam: m ← β1 m + (1 − β1) g, v ← β2 v + (1 − β2) g², θ ← θ − lr m̂ / (√v̂ + ε).
    std::vector<xt::xarray<double>> m1, m2;
    for_each_tensor(model, [&](auto& x) {
        m1.emplace_back(xt::zeros_like(x));
        m2.emplace_back(xt::zeros_like(x));
    });

    std::FILE* out = std::fopen(argv[1], "w");
    if (!out)
        return 1;
    std::fprintf(out,
                 "# steps, mean training MSE since the last checkpoint, test MSE (%zu "
                 "sequences), baseline 1/6\n",
                 kTest);
    double test_mse = mse(predict(model, test.xs), test.y), first_test = test_mse;
    std::fprintf(out, "0 %.6f %.6f %.6f\n", test_mse, test_mse, kBaseline);
    double loss_sum = 0.0, train_mse = 0.0;
    std::size_t below_baseline = 0, below_tenth = 0;
    for (std::size_t step = 1; step <= kSteps; ++step) {
        const data::SequenceSet batch = data::adding_problem(kBatch, kT, data_rng);
        LstmSequence seq;
        const Matrix y_hat = predict(model, batch.xs, &seq);
        loss_sum += mse(y_hat, batch.y);
        const Matrix dy = 2.0 * (y_hat - batch.y) / double(kBatch);
        Model grad;
        grad.w = dot(transposed(seq.h.back()), dy);
        grad.b = xt::sum(dy, {0});
        std::vector<Matrix> dh(kT, Matrix(xt::zeros<double>({kBatch, kH})));
        dh.back() = dot(dy, transposed(model.w));
        grad.lstm = lstm_backward(dh, seq, model.lstm).dparams;

        double norm2 = 0.0;
        for_each_tensor(grad, [&](auto& g) { norm2 += xt::sum(xt::square(g))(); });
        const double scale = std::sqrt(norm2) > kClip ? kClip / std::sqrt(norm2) : 1.0;
        const double c1 = 1.0 - std::pow(0.9, step), c2 = 1.0 - std::pow(0.999, step);
        std::vector<xt::xarray<double>> g;
        for_each_tensor(grad, [&](auto& x) { g.emplace_back(x * scale); });
        std::size_t k = 0;
        for_each_tensor(model, [&](auto& theta) {
            m1[k] = 0.9 * m1[k] + 0.1 * g[k];
            m2[k] = 0.999 * m2[k] + 0.001 * g[k] * g[k];
            theta -= kLr * (m1[k] / c1) / (xt::sqrt(m2[k] / c2) + 1e-8);
            ++k;
        });

        if (step % kEvery == 0) {
            train_mse = loss_sum / kEvery;
            loss_sum = 0.0;
            test_mse = mse(predict(model, test.xs), test.y);
            if (!below_baseline && test_mse < 0.5 * kBaseline)
                below_baseline = step;
            if (!below_tenth && test_mse < 0.1 * kBaseline)
                below_tenth = step;
            std::fprintf(out, "%zu %.6f %.6f %.6f\n", step, train_mse, test_mse, kBaseline);
        }
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(
        stderr,
        "adding problem T = %zu, LSTM H = %zu + linear head, Adam lr %g (clip %g), batches "
        "of %zu: test MSE %.4f at the start, %.4f after %zu steps (last %zu steps' train "
        "MSE %.4f; baseline %.4f); below half the baseline from step %zu, below a tenth "
        "from step %zu; %.1f s\n",
        kT, kH, kLr, kClip, kBatch, first_test, test_mse, kSteps, kEvery, train_mse, kBaseline,
        below_baseline, below_tenth, seconds);
    return std::fclose(out) == 0 ? 0 : 1;
}
