// Milestone adding-problem: an LSTM (chapter 07: lstm_init, lstm_forward, lstm_backward) with a
// linear head on its last hidden state, ŷ = h_T w + b, learns the adding problem (Hochreiter &
// Schmidhuber 1997, in the form of Le, Jaitly & Hinton 2015) with sequences of T = 50 steps: two
// inputs per step, a value and a marker; the target is the sum of the two marked values, so the
// network must carry the first one across at least half the sequence. Predicting the mean, 1,
// scores a mean squared error of 1/6 (the baseline); the target is a test MSE a tenth of that.
//
// Training: H = 32, mini-batches of 64 fresh sequences every step (no epochs: the data is
// unlimited), 1000 steps, MSE loss, Adam (lr 1e-2, β1 = 0.9, β2 = 0.999) with the gradient
// clipped to a global norm of 1 first. The head and the optimizer are course code
// (chapters/07-lstm-cell/adding_model.hpp, shared with the chapter's figure); chapter 09 teaches
// Adam. The test set is 1000 held-out sequences drawn once from their own generator.
// Measured with the reference (optimized, 2 cores): the test MSE leaves the baseline after
// 200-400 steps and ends at 0.0003-0.0015 over five seeds, in about 20 s.
//
// Built against your own chapter 07 by `./grade milestone run adding-problem` (optimized);
// against the reference with --reference. `--epochs N` runs N rounds of 100 steps instead of the
// milestone's 10 (a shorter run, for tests); `--train-limit N` shrinks the test set to N
// sequences.
#include <cmath>
#include <vector>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>

#include "adding_model.hpp"
#include "milestone.hpp"

using namespace scratchnet;
using namespace scratchnet::adding;

namespace {

constexpr std::size_t kT = 50, kH = 32, kBatch = 64, kRoundSteps = 100, kRounds = 10;
constexpr double kLr = 1e-2, kClip = 1.0;
constexpr double kBaseline = 1.0 / 6.0;  // the MSE of always predicting 1

}  // namespace

int main(int argc, char** argv)
{
    return milestone::run(argc, argv, [](const milestone::Options& o) {
        const std::size_t rounds = o.epochs > 0 ? o.epochs : kRounds;
        const std::size_t n_test = o.train_limit > 0 ? o.train_limit : 1000;
        const std::uint64_t seed = o.seed >= 0 ? static_cast<std::uint64_t>(o.seed) : 1997;
        Rng rng(seed), data_rng(seed + 1), test_rng(seed + 2);
        const data::SequenceSet test = data::adding_problem(n_test, kT, test_rng);
        std::cout << "The adding problem, T = " << kT << ": LSTM H = " << kH
                  << " + a linear head, Adam lr " << kLr << " (clipped at norm " << kClip
                  << "), batches of " << kBatch << " fresh sequences, " << rounds * kRoundSteps
                  << " steps; " << n_test << " test sequences (baseline MSE "
                  << milestone::format("%.4f", kBaseline) << ")\n";

        Model model = init(2, kH, rng);  // the head starts at the mean: the baseline
        Model grad;
        Adam adam{kLr, kClip};

        nlohmann::json history = nlohmann::json::array();
        double test_mse = std::nan("");
        milestone::Clock training;
        for (std::size_t round = 1; round <= rounds; ++round) {
            milestone::Clock round_clock;
            milestone::ProgressBar bar(milestone::format("steps %4zu-%4zu",
                                                         (round - 1) * kRoundSteps + 1,
                                                         round * kRoundSteps),
                                       kRoundSteps);
            double loss_sum = 0.0;
            for (std::size_t s = 1; s <= kRoundSteps; ++s) {
                const data::SequenceSet batch = data::adding_problem(kBatch, kT, data_rng);
                loss_sum += gradients(model, batch, grad);
                adam.step(model, grad);
                bar.update(s, milestone::format("%6.0f samples/s  train MSE %.4f",
                                                s * kBatch / round_clock.seconds(), loss_sum / s));
            }
            const double train_mse = loss_sum / kRoundSteps;
            if (!std::isfinite(train_mse))
                throw std::runtime_error("the training loss is " + std::to_string(train_mse) +
                                         " after step " + std::to_string(round * kRoundSteps));
            const double seconds = round_clock.seconds();
            test_mse = mse(predict(model, test.xs), test.y);
            bar.finish(milestone::format("%6.0f samples/s  train MSE %.4f  test MSE %.4f",
                                         kRoundSteps * kBatch / seconds, train_mse, test_mse));
            history.push_back({{"steps", round * kRoundSteps},
                               {"train_mse", train_mse},
                               {"test_mse", test_mse},
                               {"seconds", seconds}});
        }
        const double seconds = training.seconds();
        const std::size_t steps = rounds * kRoundSteps;
        std::cout << milestone::format("test MSE %.4f after %zu steps (baseline %.4f), %.1f s\n",
                                       test_mse, steps, kBaseline, seconds);
        milestone::write_result(o, {{"variance_explained", 1.0 - test_mse / kBaseline},
                                    {"test_mse", test_mse},
                                    {"baseline_mse", kBaseline},
                                    {"steps", steps},
                                    {"T", kT},
                                    {"H", kH},
                                    {"batch", kBatch},
                                    {"seed", seed},
                                    {"seconds", seconds},
                                    {"history", history}});
    });
}
