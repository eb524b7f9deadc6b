// Data for the figure "batch_size_training.svg": one network trained with five batch sizes, from
// the same start, on the first 10 000 Fashion-MNIST training images: 784 -> 256 ReLU -> 10,
// he_normal weights from Rng(1) (chapter 03), zero biases, plain SGD, a new shuffle every epoch
// (Rng(2)). B = 1, 16, 64 and 256 at a rate of 0.1, 3 epochs each; the full batch (B = 10 000)
// for 20 epochs at 0.2 (3 steps would show nothing; larger rates were no better in trial runs,
// 1.0 unstable). Three more runs test the linear scaling rule from B = 64 at 0.1: B = 256 at 0.4
// and the full batch at 15.625 (= 0.1 x 10000/64), 3 epochs each, and B = 1 at 0.0015625
// (= 0.1 / 64) for 1 epoch. Every run is chapter 06's train_epoch(), one call per
// epoch; its on_batch callback measures at checkpoints (evaluate() on the first 2000 test
// images), and the CPU time the measuring takes is subtracted, so the seconds are the CPU
// seconds of the training alone (this thread's: OpenBLAS runs on it with one thread).
// Writes one block per run (gnuplot indices 0-7, in the order of kRuns): epochs done, CPU
// seconds, test loss, test accuracy, mean training batch loss since the last checkpoint. On
// stderr: the numbers the chapter quotes. About 30 s of CPU in the course build
// (B = 1 ~0.35 ms per step, the full batch ~0.5 s).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <vector>

#include "figure.hpp"
#include "idx.hpp"
#include "mini_batching.hpp"

namespace {

using namespace scratchnet;

constexpr std::size_t kTrain = 10000, kTest = 2000;
constexpr double kFullRate = 0.2;
constexpr std::size_t kFullEpochs = 20;

struct Run {
    std::size_t batch;
    double lr;
    std::size_t epochs;
};
const std::vector<Run> kRuns{
    {1, 0.1, 3},  // 0-3: the same rate and epochs for B = 1 to 256
    {16, 0.1, 3},
    {64, 0.1, 3},
    {256, 0.1, 3},
    {kTrain, kFullRate, kFullEpochs},  // 4: the full batch
    {256, 0.4, 3},                     // 5-7: the linear scaling rule from B = 64 at 0.1
    {kTrain, 0.1 * kTrain / 64, 3},
    {1, 0.1 / 64, 1},
};

/// Checkpoints, in samples: a few early ones (for the log-scale axis), then every quarter epoch.
/// A step that reaches or passes one (from `before` to `after` samples trained) is measured.
bool passes_checkpoint(std::size_t before, std::size_t after)
{
    for (std::size_t c : {kTrain / 100, kTrain / 50, kTrain / 20, kTrain / 10})
        if (before < c && c <= after)
            return true;
    const std::size_t quarter = kTrain / 4;
    return before / quarter < after / quarter;
}

double cpu_seconds()  // this thread's CPU time: OpenBLAS with one thread computes in it
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

struct Point {
    double epochs, seconds;
    Evaluation e;
};

}  // namespace

int main(int argc, char** argv)
{
    scratchnet::figure::Output fig(argc, argv);
    const data::ImageSet train = data::fashion_mnist("train", kTrain);
    const data::ImageSet test = data::fashion_mnist("test", kTest);
    std::fprintf(stderr,
                 "Fashion-MNIST: %zu training images, %zu test images; 784 -> 256 relu -> 10, "
                 "he_normal Rng(1), SGD with train_epoch, shuffles from Rng(2); seconds = CPU "
                 "seconds of the training in this build (measuring subtracted)\n",
                 train.y.size(), test.y.size());

    std::FILE* out = fig.file();
    for (const Run& run : kRuns) {
        Rng init(1), shuffle(2);
        Network net = init_network({{784, 256, "relu"}, {256, 10, "identity"}}, "he_normal", init);
        std::fprintf(out,
                     "# B %zu, rate %g: epochs, CPU seconds, test loss, test accuracy, mean "
                     "batch loss since the last checkpoint\n",
                     run.batch, run.lr);
        Evaluation e = evaluate(net, test.X, test.y);
        std::fprintf(out, "0 0 %.6f %.6f %.6f\n", e.loss, e.accuracy, e.loss);
        std::vector<Point> points{{0.0, 0.0, e}};
        double measuring = 0.0, loss_sum = 0.0, best = e.accuracy;
        std::size_t before = 0, last = 0, steps = 0, since = 0;  // before: in earlier epochs
        const double wall_start_run = fig.seconds();
        double wall_measuring = 0.0;
        const double start = cpu_seconds();
        EpochOptions options;
        options.batch_size = run.batch;
        options.lr = run.lr;
        options.on_batch = [&](std::size_t done, double batch_loss) {
            const std::size_t batch = done - last;  // this step's batch
            last = done;
            loss_sum += batch_loss * static_cast<double>(batch);
            since += batch;
            ++steps;
            if (!passes_checkpoint(before + done - batch, before + done))
                return;
            const double t = cpu_seconds();
            const auto w = std::chrono::steady_clock::now();
            e = evaluate(net, test.X, test.y);
            best = std::max(best, e.accuracy);
            const double epochs = static_cast<double>(before + done) / kTrain;
            const double seconds = t - start - measuring;
            points.push_back({epochs, seconds, e});
            std::fprintf(out, "%.6g %.6f %.6f %.6f %.6f\n", epochs, seconds, e.loss, e.accuracy,
                         loss_sum / static_cast<double>(since));
            loss_sum = 0.0;
            since = 0;
            measuring += cpu_seconds() - t;
            wall_measuring +=
                std::chrono::duration<double>(std::chrono::steady_clock::now() - w).count();
        };
        for (std::size_t epoch = 0; epoch < run.epochs; ++epoch) {
            last = 0;
            train_epoch(net, train.X, train.y, options, shuffle);
            before += kTrain;
        }
        const double seconds = cpu_seconds() - start - measuring;
        const double wall = fig.seconds() - wall_start_run - wall_measuring;
        std::fprintf(out, "\n\n");
        std::fprintf(stderr,
                     "  B %5zu rate %-6g: %2zu epochs = %5zu steps in %6.2f CPU s (wall %6.2f s; "
                     "%6.1f us per sample, %7.3f ms per step): test loss %.4f, test accuracy "
                     "%.4f (best %.4f)\n",
                     run.batch, run.lr, run.epochs, steps, seconds, wall,
                     1e6 * seconds / static_cast<double>(before), 1e3 * seconds / steps, e.loss,
                     e.accuracy, best);
        std::fprintf(stderr, "               ");
        for (const Point& p : points)
            if (p.epochs == 0.1 || p.epochs == 1.0 || p.epochs == 3.0 || p.epochs == 10.0 ||
                p.epochs == 20.0 || p.epochs == 30.0)
                std::fprintf(stderr, "after %g epoch(s) (%.2f s): loss %.4f, accuracy %.4f; ",
                             p.epochs, p.seconds, p.e.loss, p.e.accuracy);
        for (double target : {0.70, 0.75, 0.80}) {
            const auto reached = std::find_if(points.begin(), points.end(), [&](const Point& p) {
                return p.e.accuracy >= target;
            });
            if (reached != points.end())
                std::fprintf(stderr, "accuracy >= %.2f first at %.3g epochs, %.2f s; ", target,
                             reached->epochs, reached->seconds);
            else
                std::fprintf(stderr, "never at accuracy >= %.2f; ", target);
        }
        std::fprintf(stderr, "\n");
    }
    std::fprintf(stderr, "  time %.1f s (CPU %.1f s)\n", fig.seconds(),
                 static_cast<double>(std::clock()) / CLOCKS_PER_SEC);
    return fig.close();
}
