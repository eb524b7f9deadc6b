// Data for the figure "batch_size_training.svg": one network trained with five batch sizes, from
// the same start, on the first 2000 Fashion-MNIST training images: 784 -> 256 ReLU -> 10,
// he_normal weights from Rng(1), zero biases, plain SGD at a rate of 0.1, a new shuffle every epoch
// (Rng(2)). B = 1, 16, 64, 256 and 2000 (the full batch). Each run is the loop of train_epoch()
// written out (shuffled_indices, batch_ranges, gather_batch, loss_and_gradients, sgd_step), so
// that it can stop part-way through an epoch and be measured between steps: the test loss and
// accuracy on the first 1000 test images at regular checkpoints, and the CPU seconds of the
// training steps alone (the measuring is not counted). The runs are given different numbers of
// epochs so that each costs a few seconds in the course build (-O0): B = 1 pays ~30 ms per step
// there. Two more runs test the linear scaling rule: B = 256 at 0.4 (= 0.1 x 256/64) and the
// full batch at 3.125 (= 0.1 x 2000/64).
// Writes one block per run (gnuplot indices 0-6, in the order of kRuns): epochs done, CPU
// seconds, test loss, test accuracy, mean training batch loss since the last checkpoint. On
// stderr: the numbers the chapter quotes. About 25 s of CPU.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <vector>

#include "idx.hpp"
#include "mini_batching.hpp"

namespace {

using namespace scratchnet;

constexpr std::size_t kTrain = 2000, kTest = 1000;

struct Run {
    std::size_t batch;
    double lr;
    double epochs;       ///< how long: may be a fraction of an epoch
    double check_every;  ///< epochs between checkpoints
};
const std::vector<Run> kRuns{
    {1, 0.1, 0.075, 0.015}, {16, 0.1, 1, 0.2}, {64, 0.1, 3, 0.5},     {256, 0.1, 6, 1},
    {kTrain, 0.1, 10, 1},   {256, 0.4, 3, 1},  {kTrain, 3.125, 3, 1},
};

double cpu_seconds()  // this thread's CPU time: OpenBLAS with one thread computes in it
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUTPUT.dat\n", argv[0]);
        return 2;
    }
    const auto t0 = std::chrono::steady_clock::now();
    const data::ImageSet train = data::fashion_mnist("train", kTrain);
    const data::ImageSet test = data::fashion_mnist("test", kTest);
    std::fprintf(stderr,
                 "Fashion-MNIST: %zu training images, %zu test images; 784 -> 256 relu -> 10, "
                 "he_normal Rng(1), SGD, shuffles from Rng(2); seconds = CPU seconds of the "
                 "training steps in this build\n",
                 train.y.size(), test.y.size());

    std::FILE* out = std::fopen(argv[1], "w");
    if (!out)
        return 1;
    for (const Run& run : kRuns) {
        Rng init(1), shuffle(2);
        Network net = init_network({{784, 256, "relu"}, {256, 10, "identity"}}, "he_normal", init);
        const std::size_t total = static_cast<std::size_t>(run.epochs * kTrain + 0.5);
        const std::size_t every = static_cast<std::size_t>(run.check_every * kTrain + 0.5);
        std::fprintf(out,
                     "# B %zu, rate %g: epochs, CPU seconds, test loss, test accuracy, mean "
                     "batch loss since the last checkpoint\n",
                     run.batch, run.lr);
        Evaluation e = evaluate(net, test.X, test.y);
        std::fprintf(out, "0 0 %.6f %.6f %.6f\n", e.loss, e.accuracy, e.loss);
        struct Point {
            double epochs, seconds;
            Evaluation e;
        };
        std::vector<Point> points{{0.0, 0.0, e}};
        double seconds = 0.0, loss_sum = 0.0, best = e.accuracy;
        std::size_t done = 0, steps = 0, since = 0;
        std::vector<std::size_t> order;
        std::vector<BatchRange> batches;
        std::size_t next = 0;  // the next batch of the current epoch
        while (done < total) {
            if (next == batches.size()) {  // a new epoch: a new order
                const double t = cpu_seconds();
                order = shuffled_indices(kTrain, shuffle);
                batches = batch_ranges(kTrain, run.batch);
                next = 0;
                seconds += cpu_seconds() - t;
            }
            const double t = cpu_seconds();
            const data::Dataset batch = gather_batch(train.X, train.y, order, batches[next]);
            const LossAndGradients lg = loss_and_gradients(net, batch.X, batch.y);
            sgd_step(net, lg.grads, run.lr);
            seconds += cpu_seconds() - t;
            loss_sum += lg.loss * static_cast<double>(batches[next].size());
            since += batches[next].size();
            done += batches[next].size();
            ++next;
            ++steps;
            if (done / every > (done - batches[next - 1].size()) / every || done >= total) {
                e = evaluate(net, test.X, test.y);
                best = std::max(best, e.accuracy);
                points.push_back({static_cast<double>(done) / kTrain, seconds, e});
                std::fprintf(out, "%.6g %.6f %.6f %.6f %.6f\n", static_cast<double>(done) / kTrain,
                             seconds, e.loss, e.accuracy, loss_sum / static_cast<double>(since));
                loss_sum = 0.0;
                since = 0;
            }
        }
        std::fprintf(out, "\n\n");
        std::fprintf(stderr,
                     "  B %4zu rate %-5g: %6.3g epochs = %5zu steps in %6.2f CPU s (%7.1f "
                     "samples/s, %8.2f ms per step): test loss %.4f, test accuracy %.4f (best "
                     "%.4f)\n",
                     run.batch, run.lr, static_cast<double>(done) / kTrain, steps, seconds,
                     static_cast<double>(done) / seconds, 1e3 * seconds / steps, e.loss, e.accuracy,
                     best);
        const std::vector<BatchRange> epoch = batch_ranges(kTrain, run.batch);
        std::fprintf(stderr, "             %zu steps per epoch, the last of %zu images; ",
                     epoch.size(), epoch.back().size());
        for (const Point& p : points)
            if (p.epochs == 1.0 || p.epochs == 3.0)
                std::fprintf(stderr, "after %g epoch(s) (%.2f s): loss %.4f, accuracy %.4f; ",
                             p.epochs, p.seconds, p.e.loss, p.e.accuracy);
        const auto reached = std::find_if(points.begin(), points.end(),
                                          [](const Point& p) { return p.e.accuracy >= 0.7; });
        if (reached != points.end())
            std::fprintf(stderr, "first checkpoint at accuracy >= 0.70: %.3g epochs, %.2f s\n",
                         reached->epochs, reached->seconds);
        else
            std::fprintf(stderr, "never at accuracy >= 0.70\n");
    }
    std::fprintf(stderr, "  time %.1f s (CPU %.1f s)\n",
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(),
                 static_cast<double>(std::clock()) / CLOCKS_PER_SEC);
    return std::fclose(out) == 0 ? 0 : 1;
}
