// Data for the figure "adamw_vs_l2.svg": where L2 inside Adam and AdamW's decoupled weight decay
// differ. A 784 → 8 (ReLU) → 10 network (init_network, "default": He normal then Glorot, from
// Rng(1)) on the first 200 Fashion-MNIST training images, full batch, 150 steps of the reference
// Adam at lr 3e-3 on the weights (biases: a second Adam without decay), four times from the
// same weights: λ = 0, L2 in Adam (λ = 0.1, `decoupled = false`), AdamW (λ = 0.1,
// `decoupled = true`) and L2 in Adam with the seed's λ = 1e-5. The first layer's weights are
// split by their input pixel: pixels that are 0 in all 200 images (their weights get a data
// gradient of exactly 0: only the decay moves them) and the others. (Small sizes: the whole
// program must run in a few seconds in the course's -O0 build.) Writes one row every 2 steps: step, then for each run the norm of the
// unused pixels' weights, of the used pixels' weights, and of W2. On stderr: the numbers the
// chapter quotes (and the test accuracy on the first 1000 test images).
#include <cmath>
#include <cstdio>
#include <vector>

#include "figure.hpp"
#include "going_further.hpp"
#include "idx.hpp"

namespace {

using namespace scratchnet;

constexpr std::size_t kTrain = 200, kTest = 1000, kHidden = 8, kSteps = 150, kEvery = 2;
constexpr double kLr = 3e-3, kLambda = 0.1;
constexpr int kRuns = 4;

// The norm of the rows of W whose flag is `which`.
double rows_norm(const Matrix& W, const std::vector<bool>& flag, bool which)
{
    const std::size_t cols = W.shape(1);
    const double* w = W.data();
    double s = 0.0;
    for (std::size_t r = 0; r < W.shape(0); ++r)
        if (flag[r] == which)
            for (std::size_t c = 0; c < cols; ++c)
                s += w[r * cols + c] * w[r * cols + c];
    return std::sqrt(s);
}

double frob(const Matrix& W) { return rows_norm(W, std::vector<bool>(W.shape(0), true), true); }

double accuracy(const Network& net, const data::ImageSet& set)
{
    const Labels p = predict(net, set.X);
    std::size_t ok = 0;
    for (std::size_t n = 0; n < p.size(); ++n)
        ok += p[n] == set.y[n];
    return static_cast<double>(ok) / static_cast<double>(p.size());
}

struct Run {
    std::vector<double> unused, used, w2;
    Network net;
    double loss = 0.0;
};

}  // namespace

int main(int argc, char** argv)
{
    scratchnet::figure::Output fig(argc, argv);
    const data::ImageSet train = data::fashion_mnist("train", kTrain);
    const data::ImageSet test = data::fashion_mnist("test", kTest);
    std::vector<bool> used(train.X.shape(1), false);
    for (std::size_t n = 0; n < kTrain; ++n)
        for (std::size_t d = 0; d < used.size(); ++d)
            if (train.X(n, d) != 0.0)
                used[d] = true;
    std::size_t n_unused = 0;
    for (bool u : used)
        n_unused += !u;

    Rng rng(1);
    const Network start =
        init_network({{784, kHidden, "relu"}, {kHidden, 10, "identity"}}, "default", rng);
    const double lambdas[kRuns] = {0.0, kLambda, kLambda, 1e-5};
    const bool decoupled[kRuns] = {false, false, true, false};
    const char* names[kRuns] = {"Adam, no decay", "Adam + L2 0.1", "AdamW 0.1", "Adam + L2 1e-5"};
    Run runs[kRuns];
    for (int r = 0; r < kRuns; ++r) {
        Run& run = runs[r];
        run.net = start;
        AdamOptions wo;
        wo.lr = kLr;
        wo.weight_decay = lambdas[r];
        wo.decoupled = decoupled[r];
        AdamOptions bo;
        bo.lr = kLr;
        Adam on_weights(wo), on_biases(bo);
        ParamList weights, biases;
        for (Layer& layer : run.net.layers) {
            weights.matrices.push_back(&layer.W);
            biases.vectors.push_back(&layer.b);
        }
        for (std::size_t t = 0; t <= kSteps; ++t) {
            if (t % kEvery == 0) {
                run.unused.push_back(rows_norm(run.net.layers[0].W, used, false));
                run.used.push_back(rows_norm(run.net.layers[0].W, used, true));
                run.w2.push_back(frob(run.net.layers[1].W));
            }
            if (t == kSteps)
                break;
            LossAndGradients lg = loss_and_gradients(run.net, train.X, train.y);
            run.loss = lg.loss;
            Gradients gw, gb;
            gw.dW = std::move(lg.grads.dW);
            gb.db = std::move(lg.grads.db);
            on_weights.step(weights, gw);
            on_biases.step(biases, gb);
        }
    }

    FILE* out = fig.file();
    std::fprintf(
        out,
        "# step  then per run (no decay, Adam+L2 0.1, AdamW 0.1, Adam+L2 1e-5): |W1 unused| |W1 used| |W2|\n");
    for (std::size_t i = 0; i < runs[0].unused.size(); ++i) {
        std::fprintf(out, "%zu", i * kEvery);
        for (const Run& run : runs)
            std::fprintf(out, " %.6e %.6e %.6e", run.unused[i], run.used[i], run.w2[i]);
        std::fprintf(out, "\n");
    }
    const int written = fig.close();

    std::fprintf(stderr, "%zu of 784 pixels are 0 in all %zu images (%zu first-layer weights)\n",
                 n_unused, kTrain, n_unused * kHidden);
    const std::size_t last = runs[0].unused.size() - 1, at50 = 50 / kEvery, at100 = 100 / kEvery;
    for (int r = 0; r < kRuns; ++r) {
        const Run& run = runs[r];
        double max_unused = 0.0;
        const Matrix& W = run.net.layers[0].W;
        for (std::size_t d = 0; d < used.size(); ++d)
            if (!used[d])
                for (std::size_t c = 0; c < kHidden; ++c)
                    max_unused = std::max(max_unused, std::abs(W(d, c)));
        std::fprintf(
            stderr,
            "%-16s |W1 unused| %.4f -> step 50 %.4f, 100 %.4f, %zu %.4f (x %.4f; max |w| %.2e)"
            "  |W1 used| %.4f -> %.4f (x %.4f)  |W2| %.4f -> %.4f (x %.4f)"
            "  train loss %.4f  train acc %.4f  test acc %.4f\n",
            names[r], run.unused[0], run.unused[at50], run.unused[at100], kSteps, run.unused[last],
            run.unused[last] / run.unused[0], max_unused, run.used[0], run.used[last],
            run.used[last] / run.used[0], run.w2[0], run.w2[last], run.w2[last] / run.w2[0],
            run.loss, accuracy(run.net, train), accuracy(run.net, test));
    }
    std::fprintf(stderr,
                 "AdamW's factor on a weight with no data gradient: (1 - lr*lambda)^%zu = %.4f\n",
                 kSteps, std::pow(1 - kLr * kLambda, static_cast<double>(kSteps)));
    for (int r = 1; r < kRuns; ++r)
        std::fprintf(stderr, "%-16s vs no decay at step %zu: |W1 used| x %.4f, |W2| x %.4f\n",
                     names[r], kSteps, runs[r].used[last] / runs[0].used[last],
                     runs[r].w2[last] / runs[0].w2[last]);
    const double secs = fig.seconds();
    std::fprintf(stderr, "adamw_vs_l2: %.2f s\n", secs);
    return written;
}
