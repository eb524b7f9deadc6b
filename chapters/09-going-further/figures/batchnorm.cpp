// Data for the figure "batchnorm.svg" and the chapter's measurements of dropout and batch norm.
//
// Running statistics: one batch norm of 4 features fed batches of 32 rows drawn from
// N(3, 2²) (Rng(1)); after every batch, the running mean and variance of feature 0, against
// PyTorch's update rule's prediction for a constant batch statistic, 3(1 − 0.9ⁿ) and
// 1 + (4 − 1)(1 − 0.9ⁿ). Then, for one batch of 32 rows, how far the evaluation-mode output is
// from the training-mode output after n = 5 and n = 100 batches.
// Dropout: p = 0.5 on a (200, 50) matrix of N(0, 1) entries, training and evaluation.
// The bias before a batch norm: the reference ModernMlp 784 → 64 → 32 → 10 (dropout 0.5, Rng(2))
// on 64 Fashion-MNIST images, one training-mode loss_and_gradients: the gradient of every
// Linear bias, and what shifting a hidden layer's bias does to the loss.
// Writes: n, running mean, predicted mean, running var, predicted var (feature 0). On stderr: the
// numbers the chapter quotes.
#include <cmath>
#include <cstdio>
#include <vector>

#include <xtensor/xmath.hpp>

#include "figure.hpp"
#include "going_further.hpp"
#include "idx.hpp"

namespace {

using namespace scratchnet;

double max_abs(const Matrix& a)
{
    double m = 0;
    for (double v : a)
        m = std::max(m, std::abs(v));
    return m;
}
double max_abs(const Vector& a)
{
    double m = 0;
    for (double v : a)
        m = std::max(m, std::abs(v));
    return m;
}

}  // namespace

int main(int argc, char** argv)
{
    scratchnet::figure::Output fig(argc, argv);

    // ---- running statistics ------------------------------------------------------------
    Rng rng(1);
    BatchNorm bn = batchnorm_init(4);
    const Matrix probe = rng.normal(32, 4, 3.0, 2.0);
    FILE* out = fig.file();
    std::fprintf(out, "# n  running_mean  3(1-0.9^n)  running_var  1+3(1-0.9^n)\n");
    std::fprintf(out, "0 %.6f %.6f %.6f %.6f\n", bn.running_mean(0), 0.0, bn.running_var(0), 1.0);
    for (std::size_t n = 1; n <= 100; ++n) {
        const Matrix X = rng.normal(32, 4, 3.0, 2.0);
        batchnorm_forward(X, bn, true);
        const double decay = 1 - std::pow(0.9, static_cast<double>(n));
        std::fprintf(out, "%zu %.6f %.6f %.6f %.6f\n", n, bn.running_mean(0), 3 * decay,
                     bn.running_var(0), 1 + 3 * decay);
        if (n == 1 || n == 5 || n == 10 || n == 20 || n == 50 || n == 100) {
            BatchNorm frozen = bn;
            const Matrix y_train = batchnorm_forward(probe, frozen, true).y;
            const Matrix y_eval = batchnorm_forward(probe, frozen, false).y;
            std::fprintf(stderr,
                         "after %3zu batches: running mean %.4f var %.4f (feature 0); "
                         "max |eval - train| on a batch of 32: %.4f\n",
                         n, bn.running_mean(0), bn.running_var(0),
                         max_abs(Matrix(y_eval - y_train)));
        }
    }
    const int written = fig.close();
    {
        // Biased for normalizing, unbiased for running_var: a batch of 4.
        BatchNorm b1 = batchnorm_init(1);
        b1.momentum = 1.0;  // running_var = the batch's estimate
        const Matrix X{{1.0}, {2.0}, {3.0}, {6.0}};
        const BatchNormForward f = batchnorm_forward(X, b1, true);
        const double biased = 1 / (f.cache.inv_std(0) * f.cache.inv_std(0)) - b1.eps;
        std::fprintf(stderr,
                     "batch {1,2,3,6}: variance used to normalize %.4f (divided by N), "
                     "running_var with momentum 1: %.4f (divided by N - 1); "
                     "mean of x_hat^2: %.6f\n",
                     biased, b1.running_var(0), xt::mean(xt::square(f.cache.x_hat))());
    }

    // ---- dropout ----------------------------------------------------------------------
    {
        Rng drng(3);
        const Matrix X = drng.normal(200, 50, 0.0, 1.0);
        const DropoutForward d = dropout_forward(X, 0.5, true, drng);
        std::size_t kept = 0;
        for (double m : d.mask)
            kept += m != 0.0;
        double sum_x = 0, sum_out = 0, sq_x = 0, sq_out = 0;
        for (std::size_t i = 0; i < X.size(); ++i) {
            sum_x += X.data()[i];
            sum_out += d.out.data()[i];
            sq_x += X.data()[i] * X.data()[i];
            sq_out += d.out.data()[i] * d.out.data()[i];
        }
        // The expected value: the mean over 1000 masks of one entry's output, for every entry.
        Matrix acc = xt::zeros_like(X);
        const int kDraws = 1000;
        for (int k = 0; k < kDraws; ++k)
            acc += dropout_forward(X, 0.5, true, drng).out;
        acc /= static_cast<double>(kDraws);
        double rel = 0.0;  // (mean over the masks − x)/|x|: its RMS should be √(p/(1−p)/draws)
        for (std::size_t i = 0; i < X.size(); ++i) {
            const double r = (acc.data()[i] - X.data()[i]) / X.data()[i];
            rel += r * r;
        }
        rel = std::sqrt(rel / static_cast<double>(X.size()));
        std::fprintf(stderr,
                     "dropout over %d masks: RMS of (mean(out) - x)/|x| %.4f, predicted "
                     "sqrt(p/(1-p)/%d) = %.4f\n",
                     kDraws, rel, kDraws, std::sqrt(1.0 / kDraws));
        const DropoutForward e = dropout_forward(X, 0.5, false, drng);
        std::fprintf(stderr,
                     "dropout p=0.5 on 10000 N(0,1) entries: kept %.4f, mask values 0 and %.1f; "
                     "mean of x %.4f, of out %.4f; mean square of x %.4f, of out %.4f; "
                     "over %d masks max |mean(out) - x| %.4f (max |x| %.3f); "
                     "eval: max |out - x| %.1e\n",
                     static_cast<double>(kept) / static_cast<double>(X.size()), max_abs(d.mask),
                     sum_x / X.size(), sum_out / X.size(), sq_x / X.size(), sq_out / X.size(),
                     kDraws, max_abs(Matrix(acc - X)), max_abs(X), max_abs(Matrix(e.out - X)));
    }

    // ---- the bias before batch norm ----------------------------------------------------
    {
        const data::ImageSet batch = data::fashion_mnist("train", 64);
        Rng mrng(2);
        ModernMlp model = modern_mlp_init({784, 64, 32, 10}, 0.5, mrng);
        for (std::size_t k = 0; k < model.linear.size(); ++k)  // non-zero biases, to be sure
            for (double& b : model.linear[k].b)
                b = mrng.normal(0.0, 1.0);
        ModernMlp copy = model;
        Rng r1(7), r2(7);
        const LossAndGradients lg = modern_mlp_loss_and_gradients(copy, batch.X, batch.y, true, r1);
        for (std::size_t k = 0; k < model.linear.size(); ++k)
            std::fprintf(stderr, "layer %zu (%s): max |db| %.3e, max |dW| %.3e\n", k,
                         k + 1 < model.linear.size() ? "Linear -> BatchNorm" : "Linear, logits",
                         max_abs(lg.grads.db[k]), max_abs(lg.grads.dW[k]));
        ModernMlp shifted = model;
        shifted.linear[0].b += 5.0;
        const LossAndGradients ls =
            modern_mlp_loss_and_gradients(shifted, batch.X, batch.y, true, r2);
        Rng r3(7), r4(7);
        ModernMlp m_eval = model, s_eval = model;
        s_eval.linear[0].b += 5.0;
        const double le = modern_mlp_loss_and_gradients(m_eval, batch.X, batch.y, false, r3).loss;
        const double lse = modern_mlp_loss_and_gradients(s_eval, batch.X, batch.y, false, r4).loss;
        std::fprintf(stderr,
                     "b0 += 5: training-mode loss %.12f -> %.12f (diff %.1e); "
                     "evaluation-mode loss %.6f -> %.6f\n",
                     lg.loss, ls.loss, ls.loss - lg.loss, le, lse);
    }
    const double secs = fig.seconds();
    std::fprintf(stderr, "batchnorm: %.2f s\n", secs);
    return written;
}
