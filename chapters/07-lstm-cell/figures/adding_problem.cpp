// Data for the figure "adding_problem.svg": the reference LSTM (lstm_init, lstm_forward,
// lstm_backward) with a linear head on its last hidden state, ŷ = h_T w + b (w uniform in
// ±1/√H, b = 1: it starts at the baseline), trained on the adding problem with sequences of
// T = 50 steps: mini-batches of fresh sequences (data::adding_problem from Rng(2)), MSE loss,
// Adam (chapter 09) after clipping the gradient's global norm at 1; weights from Rng(1), a
// held-out test set of 200 sequences from Rng(3). H = 16, batches of 32, lr 0.02, 300 steps:
// a smaller, shorter run than the milestone (`./grade milestone run adding-problem`: H = 32,
// batches of 64, lr 0.01, 1000 steps), sized to take about 11 s in the course build (the RNN
// beside it about 5 s more).
// Beside it, a vanilla tanh RNN (chapter 08's reference rnn_init, rnn_forward, rnn_backward,
// through chapters/08-vanishing-gradients/figures/rnn_model.hpp) with the same head, H, Adam,
// clipping and steps, from its own Rng(1), trained on the very same batches. Writes one line
// per checkpoint: steps, then for the LSTM the mean training MSE over the steps since the last
// checkpoint and the test MSE, the baseline 1/6 (always predicting the mean, 1), then the same
// two for the RNN. On stderr: the numbers the chapters quote.
#include <cmath>
#include <cstdio>
#include <vector>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>

#include "../../08-vanishing-gradients/figures/rnn_model.hpp"
#include "adding_model.hpp"
#include "figure.hpp"

namespace {

using namespace scratchnet;
using namespace scratchnet::adding;

constexpr std::size_t kT = 50, kH = 16, kBatch = 32, kSteps = 300, kEvery = 20, kTest = 200;
constexpr double kLr = 2e-2, kClip = 1.0, kBaseline = 1.0 / 6.0;

}  // namespace

int main(int argc, char** argv)
{
    scratchnet::figure::Output fig(argc, argv);
    Rng init_rng(1), data_rng(2), test_rng(3);
    const data::SequenceSet test = data::adding_problem(kTest, kT, test_rng);
    Model model = init(2, kH, init_rng);
    Model grad;
    Adam adam{kLr, kClip};
    Rng rnn_init_rng(1);
    RnnModel rnn = init_rnn(2, kH, rnn_init_rng);
    RnnModel rnn_grad;
    Adam rnn_adam{kLr, kClip};

    std::FILE* out = fig.file();
    std::fprintf(out,
                 "# steps; LSTM: mean training MSE since the last checkpoint, test MSE (%zu "
                 "sequences); baseline 1/6; RNN: mean training MSE, test MSE\n",
                 kTest);
    double test_mse = mse(predict(model, test.xs), test.y), first_test = test_mse;
    double rnn_test = mse(predict(rnn, test.xs), test.y), rnn_first_test = rnn_test;
    std::fprintf(out, "0 %.6f %.6f %.6f %.6f %.6f\n", test_mse, test_mse, kBaseline, rnn_test,
                 rnn_test);
    double loss_sum = 0.0, train_mse = 0.0, rnn_loss_sum = 0.0, rnn_train = 0.0,
           rnn_best = rnn_test;
    std::size_t rnn_best_at = 0;
    std::size_t below_baseline = 0, below_tenth = 0;
    for (std::size_t step = 1; step <= kSteps; ++step) {
        const data::SequenceSet batch = data::adding_problem(kBatch, kT, data_rng);
        loss_sum += gradients(model, batch, grad);
        adam.step(model, grad);
        rnn_loss_sum += gradients(rnn, batch, rnn_grad);
        rnn_adam.step(rnn, rnn_grad);

        if (step % kEvery == 0) {
            train_mse = loss_sum / kEvery;
            loss_sum = 0.0;
            test_mse = mse(predict(model, test.xs), test.y);
            if (!below_baseline && test_mse < 0.5 * kBaseline)
                below_baseline = step;
            if (!below_tenth && test_mse < 0.1 * kBaseline)
                below_tenth = step;
            rnn_train = rnn_loss_sum / kEvery;
            rnn_loss_sum = 0.0;
            rnn_test = mse(predict(rnn, test.xs), test.y);
            if (rnn_test < rnn_best)
                rnn_best = rnn_test, rnn_best_at = step;
            std::fprintf(out, "%zu %.6f %.6f %.6f %.6f %.6f\n", step, train_mse, test_mse,
                         kBaseline, rnn_train, rnn_test);
        }
    }
    const double seconds = fig.seconds();
    std::fprintf(
        stderr,
        "adding problem T = %zu, LSTM H = %zu + linear head, Adam lr %g (clip %g), batches "
        "of %zu: test MSE %.4f at the start, %.4f after %zu steps (last %zu steps' train "
        "MSE %.4f; baseline %.4f); below half the baseline from step %zu, below a tenth "
        "from step %zu; %.1f s\n",
        kT, kH, kLr, kClip, kBatch, first_test, test_mse, kSteps, kEvery, train_mse, kBaseline,
        below_baseline, below_tenth, seconds);
    // Variance explained: 1 − MSE / Var(y) on the test set.
    const double var_y = xt::variance(test.y)();
    std::fprintf(stderr,
                 "  test-set variance of y %.4f; variance explained: LSTM %.4f, RNN %.4f\n"
                 "  vanilla tanh RNN H = %zu (chapter 08's rnn_init) + linear head, same Adam, "
                 "clipping and batches: test MSE %.4f at the start, %.4f after %zu steps (last "
                 "%zu steps' train MSE %.4f); lowest test MSE at a checkpoint %.4f (step %zu)\n",
                 var_y, 1.0 - test_mse / var_y, 1.0 - rnn_test / var_y, kH, rnn_first_test,
                 rnn_test, kSteps, kEvery, rnn_train, rnn_best, rnn_best_at);
    return fig.close();
}
