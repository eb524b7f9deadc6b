// Data for the figure "exploding.svg": an exploding gradient, and clipping. A tanh RNN (the
// reference rnn_* functions) with a linear head on its last hidden state (figures/rnn_model.hpp)
// learns the adding problem with short sequences, T = 10, from weights whose recurrent
// matrix is scaled up (rnn_init's recurrent_scale = 3): plain SGD at lr = 0.1 on the MSE,
// batches of 32 fresh sequences (data::adding_problem from Rng(2)), weights from Rng(1), a
// held-out test set of 200 sequences from Rng(3). The same run twice, from the same weights on
// the same batches: without clipping, and with clip_by_global_norm(grads, 1.0) before every step
// (the RNN's gradients packed as dW = [dWx, dWh, dw], db = [db, db_head]). Writes one row per
// step: step, then for each run the training MSE of the batch and the gradient's global norm
// before clipping, then the test MSE of each run at checkpoints (every 25 steps; "NaN" elsewhere,
// which gnuplot skips). A run whose loss is no longer finite stops there. On stderr: the numbers
// the chapter quotes.
#include <cmath>
#include <cstdio>
#include <limits>
#include <vector>

#include "figure.hpp"
#include "rnn_model.hpp"

namespace {

using namespace scratchnet;
using namespace scratchnet::adding;

constexpr std::size_t kT = 10, kH = 32, kBatch = 32, kSteps = 400, kEvery = 25, kTest = 200;
constexpr double kScale = 3.0, kLr = 0.1, kClip = 1.0, kBaseline = 1.0 / 6.0;
const double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Trace {
    std::vector<double> loss, norm, test;  // per step (test: NaN between checkpoints)
    std::size_t clipped = 0, diverged_at = 0, above_10 = 0, above_1e3 = 0;
    double max_norm = 0.0;
};

}  // namespace

int main(int argc, char** argv)
{
    scratchnet::figure::Output fig(argc, argv);
    const double scale = kScale, lr = kLr;
    const std::size_t T = kT;
    Rng init_rng(1), data_rng(2), test_rng(3);
    const data::SequenceSet test = data::adding_problem(kTest, T, test_rng);
    const RnnModel start = init_rnn(2, kH, init_rng, scale);
    RnnModel model[2] = {start, start};  // [0]: no clipping, [1]: clipped at 1
    Trace trace[2];
    for (auto& tr : trace) {
        tr.loss.assign(kSteps + 1, kNaN);
        tr.norm.assign(kSteps + 1, kNaN);
        tr.test.assign(kSteps + 1, kNaN);
        tr.test[0] = mse(predict(start, test.xs), test.y);
    }
    for (std::size_t step = 1; step <= kSteps; ++step) {
        const data::SequenceSet batch = data::adding_problem(kBatch, T, data_rng);
        for (int r = 0; r < 2; ++r) {
            Trace& tr = trace[r];
            if (tr.diverged_at)
                continue;
            RnnModel grad;
            const double loss = gradients(model[r], batch, grad);
            Gradients g = pack(std::move(grad));
            double norm = 0.0;
            for (const auto& dW : g.dW)
                norm += xt::sum(xt::square(dW))();
            for (const auto& db : g.db)
                norm += xt::sum(xt::square(db))();
            norm = std::sqrt(norm);
            if (!std::isfinite(loss) || !std::isfinite(norm)) {
                tr.diverged_at = step;
                continue;
            }
            tr.loss[step] = loss;
            tr.norm[step] = norm;
            tr.max_norm = std::max(tr.max_norm, norm);
            if (!tr.above_10 && norm > 10)
                tr.above_10 = step;
            if (!tr.above_1e3 && norm > 1e3)
                tr.above_1e3 = step;
            if (step == 1 && r == 0)
                std::fprintf(stderr,
                             "  step 1 gradient by part: ||dWx|| %.3g, ||dWh|| %.3g, ||db|| %.3g, "
                             "||dw (head)|| %.3g, ||db (head)|| %.3g\n",
                             std::sqrt(xt::sum(xt::square(g.dW[0]))()),
                             std::sqrt(xt::sum(xt::square(g.dW[1]))()),
                             std::sqrt(xt::sum(xt::square(g.db[0]))()),
                             std::sqrt(xt::sum(xt::square(g.dW[2]))()),
                             std::sqrt(xt::sum(xt::square(g.db[1]))()));
            if (r == 1 && clip_by_global_norm(g, kClip) > kClip)
                ++tr.clipped;
            sgd(model[r], g, lr);
            if (step % kEvery == 0) {
                tr.test[step] = mse(predict(model[r], test.xs), test.y);
                if (!std::isfinite(tr.test[step]))
                    tr.diverged_at = step;
            }
        }
    }

    std::FILE* out = fig.file();
    std::fprintf(out,
                 "# step, no clipping: train MSE, ||g||; clipped at %g: train MSE, ||g|| (before "
                 "clipping); test MSE without, with clipping; baseline 1/6\n",
                 kClip);
    for (std::size_t s = 0; s <= kSteps; ++s)
        std::fprintf(out, "%zu %.6e %.6e %.6e %.6e %.6e %.6e %.6e\n", s, trace[0].loss[s],
                     trace[0].norm[s], trace[1].loss[s], trace[1].norm[s], trace[0].test[s],
                     trace[1].test[s], kBaseline);

    std::fprintf(stderr,
                 "adding problem T = %zu, tanh RNN H = %zu (recurrent_scale %g) + linear head, "
                 "SGD lr %g, batches of %zu, %zu steps; test MSE at the start %.4f (baseline "
                 "%.4f)\n",
                 T, kH, scale, lr, kBatch, kSteps, trace[0].test[0], kBaseline);
    {  // the same first batch with recurrent_scale 1, for comparison
        Rng init1(1), data1(2);
        const RnnModel m1 = init_rnn(2, kH, init1, 1.0);
        RnnModel g1;
        gradients(m1, data::adding_problem(kBatch, T, data1), g1);
        const Gradients p1 = pack(std::move(g1));
        double n1 = 0.0;
        for (const auto& dW : p1.dW)
            n1 += xt::sum(xt::square(dW))();
        for (const auto& db : p1.db)
            n1 += xt::sum(xt::square(db))();
        std::fprintf(stderr,
                     "  for comparison, ||g|| on the first batch with recurrent_scale 1: %.3g\n",
                     std::sqrt(n1));
    }
    const char* names[2] = {"no clipping", "clip_by_global_norm 1.0"};
    for (int r = 0; r < 2; ++r) {
        const Trace& tr = trace[r];
        std::fprintf(stderr, "  %-24s first ||g|| %.3g, largest ||g|| %.3g; ", names[r], tr.norm[1],
                     tr.max_norm);
        if (r == 1)
            std::fprintf(stderr, "clipped at %zu of %zu steps; ", tr.clipped, kSteps);
        if (tr.above_10)
            std::fprintf(stderr, "||g|| > 10 from step %zu, > 1e3 from step %zu; ", tr.above_10,
                         tr.above_1e3);
        if (tr.diverged_at)
            std::fprintf(stderr, "loss no longer finite at step %zu; ", tr.diverged_at);
        std::fprintf(stderr, "test MSE at steps");
        for (std::size_t s = kEvery; s <= kSteps; s += kEvery)
            if (std::isfinite(tr.test[s]) && (s % 100 == 0 || s == kEvery))
                std::fprintf(stderr, " %zu: %.4g", s, tr.test[s]);
        // The largest training loss after the first 10 steps: the spikes.
        double worst = 0.0;
        std::size_t worst_at = 0;
        for (std::size_t s = 11; s <= kSteps; ++s)
            if (std::isfinite(tr.loss[s]) && tr.loss[s] > worst)
                worst = tr.loss[s], worst_at = s;
        std::fprintf(stderr, "; largest batch MSE after step 10: %.4g at step %zu\n", worst,
                     worst_at);
    }
    std::fprintf(stderr, "  time %.2f s\n", fig.seconds());
    return fig.close();
}
