// Data for the figure "batch_throughput.svg": what a batch of B rows costs, measured on this
// machine in the course build, for B = 1, 2, 4, ..., 1024, on the chapter's network
// 784 -> 256 ReLU -> 10 (he_normal, Rng(1)) and the first 1024 Fashion-MNIST training images:
// - the time of one training step (loss_and_gradients then sgd_step on B rows), per sample,
//   split into: the five matrix products of loss_and_gradients (the same dot() calls with the
//   same shapes), the rest of loss_and_gradients (element-wise xtensor code: the exercise code is
//   compiled at -O0, the xtensor loops it calls come precompiled at -O2),
//   and sgd_step (element-wise over the 203 530 parameters, whatever B is);
// - the speed of the first layer's product, dot((B, 784), (784, 256)), in GFLOP/s;
// and what a batch buys: the relative squared distance between the gradient of a batch of B and
// the gradient of all 1024 images, at the starting weights, for B = 1, 4, 16, 64, 256.
// Each time is the fastest of repeated, interleaved runs, in CPU time of the one thread (on an
// idle machine, the wall time; on a busy one, still the cost of the work). Writes two blocks
// (gnuplot indices): 0 = the costs, one row per B; 1 = the gradient noise. Prints on stderr the
// numbers the chapter quotes, with OpenBLAS's core name and thread count. About 5 s of CPU.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <vector>

#include <xtensor/xview.hpp>

#include "figure.hpp"
#include "idx.hpp"
#include "mini_batching.hpp"

extern "C" char* openblas_get_corename(void);
extern "C" int openblas_get_num_threads(void);

namespace {

using namespace scratchnet;

/// This thread's CPU time in seconds. OpenBLAS with one thread computes in the calling thread,
/// so this is the time the work takes, and it does not count time when other programs on a busy
/// machine have the core.
double cpu_seconds()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

/// The shortest CPU time in seconds of each of `runs` (other programs on a busy machine only add
/// time), measured in interleaved rounds (one call of each per round, so that a change in the
/// machine's load affects all of them alike) until `budget` CPU seconds have passed, at least 5
/// rounds, after one untimed warm-up round.
std::vector<double> fastest_seconds(const std::vector<std::function<void()>>& runs, double budget)
{
    for (const auto& run : runs)
        run();
    std::vector<std::vector<double>> times(runs.size());
    const double start = cpu_seconds();
    while (times[0].size() < 5 || cpu_seconds() - start < budget)
        for (std::size_t i = 0; i < runs.size(); ++i) {
            const double t0 = cpu_seconds();
            runs[i]();
            times[i].push_back(cpu_seconds() - t0);
        }
    std::vector<double> fastest;
    for (const std::vector<double>& t : times)
        fastest.push_back(*std::min_element(t.begin(), t.end()));
    return fastest;
}

}  // namespace

int main(int argc, char** argv)
{
    scratchnet::figure::Output fig(argc, argv);
    const data::ImageSet train = data::fashion_mnist("train", 1024);
    Rng rng(1);
    Network net = init_network({{784, 256, "relu"}, {256, 10, "identity"}}, "he_normal", rng);
    std::size_t parameters = 0;
    for (const Layer& layer : net.layers)
        parameters += layer.W.size() + layer.b.size();
    const char* threads = std::getenv("OPENBLAS_NUM_THREADS");
    std::fprintf(stderr,
                 "OpenBLAS core %s, %d thread(s) (OPENBLAS_NUM_THREADS=%s); 784 -> 256 relu -> "
                 "10 (%zu parameters), one step = loss_and_gradients + sgd_step\n",
                 openblas_get_corename(), openblas_get_num_threads(), threads ? threads : "unset",
                 parameters);

    std::FILE* out = fig.file();
    std::fprintf(out, "# B, step us/sample, of which: products, other forward/backward work, "
                      "sgd_step (us/sample); GFLOP/s of dot((B,784),(784,256))\n");
    const double lr = 0.0;  // the step's arithmetic without changing the weights
    for (std::size_t B = 1; B <= 1024; B *= 2) {
        const Matrix X = xt::view(train.X, xt::range(0, B), xt::all());
        const Labels y(train.y.begin(), train.y.begin() + static_cast<std::ptrdiff_t>(B));
        const double budget = 0.3;
        const LossAndGradients lg = loss_and_gradients(net, X, y);
        // The products inside loss_and_gradients: forward X W0 and A W1; backward A^T dS,
        // dS W1^T and X^T dZ0 (the same dot() calls, shapes and transposes).
        const Matrix& W0 = net.layers[0].W;
        const Matrix& W1 = net.layers[1].W;
        const Matrix A = dot(X, W0);
        const Matrix S = dot(A, W1);
        const std::vector<double> t = fastest_seconds(
            {[&] { loss_and_gradients(net, X, y); }, [&] { sgd_step(net, lg.grads, lr); },
             [&] {
                 Matrix a = dot(X, W0), s = dot(A, W1), dW1 = dot(transposed(A), S),
                        dA = dot(S, transposed(W1)), dW0 = dot(transposed(X), A);
             },
             [&] { Matrix a = dot(X, W0); }},
            budget);
        const double backprop = t[0], update = t[1], products = t[2], first = t[3];
        const double gflops = 2.0 * B * 784 * 256 / first / 1e9;
        const double step = backprop + update, elementwise = backprop - products;
        std::fprintf(out, "%zu %.6g %.6g %.6g %.6g %.6g\n", B, step / B * 1e6, products / B * 1e6,
                     elementwise / B * 1e6, update / B * 1e6, gflops);
        std::fprintf(
            stderr,
            "  B %4zu: step %8.1f us = %7.2f us/sample (%6.0f samples/s): products "
            "%7.1f us (%4.1f %%), other forward/backward work %7.1f us (%4.1f %%, "
            "%5.1f ns per hidden unit and sample), sgd_step %6.1f us (%4.1f %%, %5.1f ns per "
            "parameter); dot "
            "(B,784)(784,256) %6.2f GFLOP/s\n",
            B, step * 1e6, step / B * 1e6, B / step, products * 1e6, 100.0 * products / step,
            elementwise * 1e6, 100.0 * elementwise / step, elementwise / (B * 256) * 1e9,
            update * 1e6, 100.0 * update / step, update / static_cast<double>(parameters) * 1e9,
            gflops);
    }

    // What a batch buys: how far a batch's gradient is from the gradient of all 1024 images, at
    // the starting weights, over 20 batches of each size drawn without replacement (Rng(3)).
    std::fprintf(out, "\n\n# B, mean relative squared error of the batch gradient "
                      "||g_B - g||^2 / ||g||^2, its finite-population prediction "
                      "r1 (N - B) / ((N - 1) B)\n");
    const std::size_t N = 1024;
    const auto flatten = [](const Gradients& g) {
        std::vector<double> v;
        for (std::size_t l = 0; l < g.dW.size(); ++l) {
            v.insert(v.end(), g.dW[l].begin(), g.dW[l].end());
            v.insert(v.end(), g.db[l].begin(), g.db[l].end());
        }
        return v;
    };
    const std::vector<double> full = flatten(loss_and_gradients(net, train.X, train.y).grads);
    double full_sq = 0.0;
    for (double v : full)
        full_sq += v * v;
    Rng draw(3);
    double r1 = 0.0;
    for (std::size_t B = 1; B <= 256; B *= 4) {
        double mean = 0.0;
        for (std::size_t k = 0; k < 20; ++k) {
            const std::vector<std::size_t> order = shuffled_indices(N, draw);
            const data::Dataset batch = gather_batch(train.X, train.y, order, {0, B});
            const std::vector<double> g = flatten(loss_and_gradients(net, batch.X, batch.y).grads);
            double sq = 0.0;
            for (std::size_t i = 0; i < g.size(); ++i)
                sq += (g[i] - full[i]) * (g[i] - full[i]);
            mean += sq / full_sq / 20.0;
        }
        if (B == 1)
            r1 = mean;
        const double predicted = r1 * (N - B) / ((N - 1.0) * B);
        std::fprintf(out, "%zu %.6g %.6g\n", B, mean, predicted);
        std::fprintf(stderr,
                     "  gradient noise, B %3zu: ||g_B - g||^2 / ||g||^2 = %8.4g over 20 batches "
                     "(1/B law from B = 1, with (N - B)/(N - 1): %8.4g)\n",
                     B, mean, predicted);
    }
    std::fprintf(stderr, "  time %.1f s (CPU %.1f s)\n", fig.seconds(), cpu_seconds());
    return fig.close();
}
