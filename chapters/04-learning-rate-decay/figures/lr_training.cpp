// Data for the figure "lr_training.svg": one network trained from the same start under four
// schedules of the reference solution, with a large rate. The task and the network are chapter
// 03's training figure's: the three-arm spiral (3 classes x 50 points, from Rng(0)), 2 -> 4 x 32
// ReLU -> 3, he_normal weights from Rng(1); full batch, 200 epochs (a few seconds at -O0). The
// rate is 1.0 for: constant, step (x0.5 every 50 epochs), cosine with 10 warm-up epochs, and
// reduce-on-plateau with the seed course page's options (patience 5, factor 0.5); a fifth run,
// constant 0.3, shows what a smaller constant rate does. Writes columns: epoch, the loss of each
// run, then the rate of each run. On stderr it prints the numbers the chapter text quotes.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "figure.hpp"
#include "learning_rate_decay.hpp"

namespace {

using namespace scratchnet;

constexpr std::size_t kPerClass = 50, kClasses = 3, kHidden = 4, kWidth = 32, kEpochs = 200;
constexpr double kLr = 1.0;

Network start()
{
    std::vector<LayerSpec> spec{{2, kWidth, "relu"}};
    for (std::size_t l = 1; l < kHidden; ++l)
        spec.push_back({kWidth, kWidth, "relu"});
    spec.push_back({kWidth, kClasses, "identity"});
    Rng rng(1);
    return init_network(spec, "he_normal", rng);
}

void report(const std::string& name, const TrainHistory& h, const Network& net, const Matrix& X,
            const Labels& y)
{
    const auto best = std::min_element(h.loss.begin(), h.loss.end());
    std::size_t rises = 0, rises_late = 0;  // epochs whose loss exceeds the previous epoch's
    for (std::size_t e = 1; e < h.loss.size(); ++e) {
        rises += h.loss[e] > h.loss[e - 1];
        rises_late += e >= 100 && h.loss[e] > h.loss[e - 1];
    }
    std::size_t last_jump = 0;  // the last epoch whose loss is over 10% above the previous one
    for (std::size_t e = 1; e < h.loss.size(); ++e)
        if (h.loss[e] > 1.1 * h.loss[e - 1])
            last_jump = e;
    const auto worst_early = std::max_element(h.loss.begin() + 1, h.loss.begin() + 20);
    const double worst_late = *std::max_element(h.loss.begin() + 100, h.loss.end());
    const Labels p = predict(net, X);
    std::size_t right = 0;
    for (std::size_t n = 0; n < y.size(); ++n)
        right += p[n] == y[n];
    std::fprintf(
        stderr,
        "  %-9s loss at epoch 0: %.4g, 50: %.4g, 100: %.4g, 150: %.4g, 199: %.4g; "
        "largest in epochs 1-19 %.4g (epoch %td); lowest %.4g at epoch %td; largest after epoch 100: %.4g; rises %zu (%zu after "
        "epoch 100); last rise over 10%%: epoch %zu (rate %.3g); last rate %.3g; accuracy after training "
        "%.3f\n",
        name.c_str(), h.loss[0], h.loss[50], h.loss[100], h.loss[150], h.loss.back(), *worst_early,
        worst_early - h.loss.begin(), *best, best - h.loss.begin(), worst_late, rises, rises_late,
        last_jump, h.lr[last_jump], h.lr.back(), static_cast<double>(right) / y.size());
}

}  // namespace

int main(int argc, char** argv)
{
    scratchnet::figure::Output fig(argc, argv);
    Rng data_rng(0);
    const data::Dataset points = data::spiral(kPerClass, kClasses, data_rng);
    const Matrix& X = points.X;
    const Labels& y = points.y;
    std::fprintf(stderr,
                 "spiral %zu x %zu, 2 -> %zu x %zu relu -> %zu, he_normal Rng(1), %zu "
                 "epochs full batch; ln 3 = %.4f\n",
                 kClasses, kPerClass, kHidden, kWidth, kClasses, kEpochs, std::log(3.0));

    std::vector<std::string> names;
    std::vector<TrainHistory> runs;
    auto scheduled = [&](const std::string& name, const Schedule& schedule) {
        Network net = start();
        runs.push_back(train_with_schedule(net, X, y, schedule, kEpochs));
        names.push_back(name);
        report(name, runs.back(), net, X, y);
    };
    scheduled("constant", constant_lr(kLr));
    scheduled("step", step_decay(kLr, 0.5, 50));
    scheduled("cosine", cosine_with_warmup(kLr, 10, kEpochs));
    {
        PlateauOptions options;  // the seed course page's: patience 5, factor 0.5
        options.patience = 5;
        options.factor = 0.5;
        ReduceOnPlateau plateau(kLr, options);
        Network net = start();
        runs.push_back(train_with_plateau(net, X, y, plateau, kEpochs));
        names.push_back("plateau");
        report("plateau", runs.back(), net, X, y);
        std::string drops;
        for (std::size_t e = 1; e < kEpochs; ++e)
            if (runs.back().lr[e] != runs.back().lr[e - 1]) {
                char text[48];
                std::snprintf(text, sizeof text, " epoch %zu: %g;", e, runs.back().lr[e]);
                drops += text;
            }
        std::fprintf(stderr, "  plateau rate changes (first epoch at the new rate):%s\n",
                     drops.c_str());
    }
    scheduled("const 0.3", constant_lr(0.3));

    // Not plotted: the three decaying schedules from 0.3, the rate that suits this run.
    std::fprintf(stderr, "from 0.3 (not plotted):\n");
    for (const auto& [name, schedule] : std::vector<std::pair<std::string, Schedule>>{
             {"step 0.3", step_decay(0.3, 0.5, 50)},
             {"cosine 0.3", cosine_with_warmup(0.3, 10, kEpochs)}}) {
        Network net = start();
        const TrainHistory h = train_with_schedule(net, X, y, schedule, kEpochs);
        report(name, h, net, X, y);
    }
    {
        PlateauOptions options;
        options.patience = 5;
        options.factor = 0.5;
        ReduceOnPlateau plateau(0.3, options);
        Network net = start();
        const TrainHistory h = train_with_plateau(net, X, y, plateau, kEpochs);
        report("plateau 0.3", h, net, X, y);
    }

    std::FILE* out = fig.file();
    std::fprintf(out, "# epoch, loss:");
    for (const auto& n : names)
        std::fprintf(out, " %s", n.c_str());
    std::fprintf(out, ", rate:");
    for (const auto& n : names)
        std::fprintf(out, " %s", n.c_str());
    std::fprintf(out, "\n");
    for (std::size_t e = 0; e < kEpochs; ++e) {
        std::fprintf(out, "%zu", e);
        for (const auto& h : runs)
            std::fprintf(out, " %.9g", h.loss[e]);
        for (const auto& h : runs)
            std::fprintf(out, " %.9g", h.lr[e]);
        std::fprintf(out, "\n");
    }
    return fig.close();
}
