// Data for the figure "simple_nn.svg" and the table of "Reproduction 2" in the chapter text:
// SimpleNN (2 inputs, 4 sigmoid hidden units, 1 sigmoid output) trained on XOR with this
// chapter's reference pieces (forward, dense_backward, activation_backward, sgd_step), the
// backward pass starting from dz2 = (a2 - y) / 4. Weights are scale * rng.normal(0, 1) from
// scratchnet::Rng(seed), row-major, W of layer 0 then W of layer 1; biases are zero.
// Writes columns: epoch (0, 10, ..., 1000), then the MSE of seed 0 after that many steps for
// scale 0.01 lr 0.1, scale 1 lr 0.1 and scale 1 lr 1.0. On stderr it prints the numbers the
// chapter text quotes: for each setting of the table, over seeds 0 to 19, the MSE after training
// (min / median / max), the range of the outputs, how many seeds predict [0 1 1 0] (output above
// 0.5 read as 1), and the largest gradient entries in the first and the last epoch; then seed 0's
// final MSE in the three settings drawn.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <xtensor/xmath.hpp>

#include "backpropagation.hpp"
#include "figure.hpp"

namespace {

using scratchnet::Matrix;

struct Setting {
    double scale;
    double lr;
    std::size_t epochs;
};

struct Run {
    std::vector<double> mse;  // entry e: the MSE after e steps (so epochs + 1 entries)
    Matrix output;            // (4, 1) after training
    double hidden_start = 0;  // the largest |entry| of dW1, db1 in the first epoch
    double output_start = 0;  // the largest |entry| of dW2, db2 in the first epoch
    double last = 0;          // the largest |entry| of any dW, db in the last epoch
};

double mse(const Matrix& a, const Matrix& y) { return xt::mean(xt::square(a - y))(); }

Run simple_nn_run(const Setting& s, std::uint64_t seed)
{
    using namespace scratchnet;
    const Matrix X = data::xor_inputs();
    const Labels labels = data::xor_labels();
    Matrix Y = xt::zeros<double>({labels.size(), std::size_t{1}});
    for (std::size_t n = 0; n < labels.size(); ++n)
        Y(n, 0) = static_cast<double>(labels[n]);

    Rng rng(seed);
    Network net = make_network({{2, 4, "sigmoid"}, {4, 1, "sigmoid"}});
    for (auto& layer : net.layers)  // layer 0 then layer 1, each W row-major; b stays 0
        for (auto& w : layer.W)
            w = s.scale * rng.normal(0.0, 1.0);

    Run run;
    for (std::size_t epoch = 0; epoch < s.epochs; ++epoch) {
        const ForwardCache cache = forward(net, X);
        run.mse.push_back(mse(cache.output(), Y));
        const Matrix dz2 = (cache.output() - Y) / 4.0;  // binary cross-entropy through sigma
        const DenseGradients g2 = dense_backward(dz2, cache.A[1], net.layers[1].W);
        const Matrix dz1 = activation_backward(g2.dX, cache.Z[0], "sigmoid");
        const DenseGradients g1 = dense_backward(dz1, cache.A[0], net.layers[0].W);
        const double hidden = std::max(xt::amax(xt::abs(g1.dW))(), xt::amax(xt::abs(g1.db))());
        const double output = std::max(xt::amax(xt::abs(g2.dW))(), xt::amax(xt::abs(g2.db))());
        if (epoch == 0) {
            run.hidden_start = hidden;
            run.output_start = output;
        }
        run.last = std::max(hidden, output);
        sgd_step(net, Gradients{{g1.dW, g2.dW}, {g1.db, g2.db}}, s.lr);
    }
    run.output = forward(net, X).output();
    run.mse.push_back(mse(run.output, Y));
    return run;
}

bool predicts_xor(const Matrix& output)
{
    const scratchnet::Labels y = scratchnet::data::xor_labels();
    for (std::size_t n = 0; n < y.size(); ++n)
        if ((output(n, 0) > 0.5 ? 1u : 0u) != y[n])
            return false;
    return true;
}

}  // namespace

int main(int argc, char** argv)
{
    scratchnet::figure::Output fig(argc, argv);
    const std::vector<Setting> settings{
        {0.01, 0.1, 1000}, {0.01, 0.1, 10000}, {1.0, 0.1, 1000}, {1.0, 1.0, 1000}};
    std::vector<std::vector<Run>> runs(settings.size());
    for (std::size_t k = 0; k < settings.size(); ++k) {
        const Setting& s = settings[k];
        double out_lo = INFINITY, out_hi = -INFINITY, hidden = 0, output = 0, last = 0;
        std::vector<double> final_mse;
        int right = 0;
        for (std::uint64_t seed = 0; seed < 20; ++seed) {
            runs[k].push_back(simple_nn_run(s, seed));
            const Run& run = runs[k].back();
            final_mse.push_back(run.mse.back());
            out_lo = std::min(out_lo, xt::amin(run.output)());
            out_hi = std::max(out_hi, xt::amax(run.output)());
            hidden = std::max(hidden, run.hidden_start);
            output = std::max(output, run.output_start);
            last = std::max(last, run.last);
            right += predicts_xor(run.output);
        }
        std::sort(final_mse.begin(), final_mse.end());
        const double median = (final_mse[9] + final_mse[10]) / 2;  // of 20: mean of the middle two
        std::fprintf(stderr,
                     "scale %g, lr %g, %zu epochs, seeds 0-19: MSE min / median / max %.3g / %.3g "
                     "/ %.3g; outputs %.4f to %.4f; %d of 20 predict [0 1 1 0]\n",
                     s.scale, s.lr, s.epochs, final_mse.front(), median, final_mse.back(), out_lo,
                     out_hi, right);
        std::fprintf(stderr,
                     "  largest |gradient entry|: first epoch %.2g (dW1, db1), %.2g (dW2, db2); "
                     "last epoch %.2g\n",
                     hidden, output, last);
    }
    bool same = true;  // the 10000-epoch run starts as the 1000-epoch run does
    for (std::size_t seed = 0; seed < 20; ++seed)
        same = same && std::equal(runs[0][seed].mse.begin(), runs[0][seed].mse.end() - 1,
                                  runs[1][seed].mse.begin());
    std::fprintf(stderr, "scale 0.01, lr 0.1: the first 1000 epochs of the 10000-epoch runs %s\n",
                 same ? "equal the 1000-epoch runs" : "DIFFER from the 1000-epoch runs");

    std::fprintf(stderr, "seed 0 (the figure), MSE after 1000 epochs:");
    for (std::size_t k : {0, 2, 3})
        std::fprintf(stderr, " scale %g lr %g: %.3g%s", settings[k].scale, settings[k].lr,
                     runs[k][0].mse[1000],
                     predicts_xor(runs[k][0].output) ? " (predicts XOR)" : " (not XOR)");
    std::fprintf(stderr, "\n");

    std::FILE* out = fig.file();
    std::fprintf(out, "# epoch, MSE of seed 0: scale0.01_lr0.1 scale1_lr0.1 scale1_lr1\n");
    for (std::size_t e = 0; e <= 1000; e += 10)
        std::fprintf(out, "%zu %.9g %.9g %.9g\n", e, runs[0][0].mse[e], runs[2][0].mse[e],
                     runs[3][0].mse[e]);
    return fig.close();
}
