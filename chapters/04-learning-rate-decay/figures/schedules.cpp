// Data for the figure "schedules.svg": the rate of each epoch under six schedules of the reference
// solution, over 200 epochs, all starting from 0.1 (the seed notebook's rate). Writes columns:
// epoch, then the rate per schedule. On stderr it prints the numbers the chapter text quotes: a
// few rates per schedule, the seed notebook's loop (`if epoch % 100 == 0: lr *= 0.95`) against
// step_decay, PyTorch's cosine formula after T against ours, and a trace of ReduceOnPlateau on a
// made-up sequence of losses.
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "figure.hpp"
#include "learning_rate_decay.hpp"

namespace {

using namespace scratchnet;

constexpr std::size_t kEpochs = 200;
constexpr double kLr = 0.1;

struct Named {
    std::string name;
    Schedule schedule;
};

}  // namespace

int main(int argc, char** argv)
{
    scratchnet::figure::Output fig(argc, argv);
    const std::vector<Named> schedules = {
        {"constant_lr(0.1)", constant_lr(kLr)},
        {"step_decay(0.1, 0.95, 100)", step_decay(kLr, 0.95, 100)},
        {"step_decay(0.1, 0.5, 50)", step_decay(kLr, 0.5, 50)},
        {"exponential_decay(0.1, 0.98)", exponential_decay(kLr, 0.98)},
        {"inverse_time_decay(0.1, 0.05)", inverse_time_decay(kLr, 0.05)},
        {"cosine_with_warmup(0.1, 10, 200)", cosine_with_warmup(kLr, 10, kEpochs)},
    };
    std::fprintf(stderr, "rates at epochs 0, 1, 9, 10, 49, 50, 99, 100, 150, 199:\n");
    for (const auto& s : schedules) {
        std::fprintf(stderr, "  %-34s", s.name.c_str());
        for (std::size_t e : {0, 1, 9, 10, 49, 50, 99, 100, 150, 199})
            std::fprintf(stderr, " %.4g", s.schedule(e));
        std::fprintf(stderr, "\n");
    }

    // The seed notebook's loop decays before the epoch's step, and 0 % 100 == 0.
    std::fprintf(stderr, "seed loop (lr = 0.1; for epoch: if epoch %% 100 == 0: lr *= 0.95; step) "
                         "vs step_decay(0.1, 0.95, 100):\n");
    const Schedule step = step_decay(kLr, 0.95, 100);
    double seed_lr = kLr;
    std::size_t decays = 0;
    for (std::size_t e = 0; e < 1000; ++e) {
        if (e % 100 == 0) {
            seed_lr *= 0.95;
            ++decays;
        }
        if (e == 0 || e == 9 || e == 99 || e == 100 || e == 999)
            std::fprintf(stderr, "  epoch %4zu: seed %.6g, step_decay %.6g\n", e, seed_lr, step(e));
    }
    std::fprintf(stderr, "  over 1000 epochs the seed decays %zu times, step_decay %zu times\n",
                 decays, static_cast<std::size_t>(999 / 100));

    // After T, PyTorch's closed form keeps following the cosine; ours stays at min_lr.
    const Schedule cosine = cosine_with_warmup(kLr, 0, 100);
    for (std::size_t e : {100, 150, 200}) {
        const double torch = 0.5 * kLr * (1.0 + std::cos(M_PI * static_cast<double>(e) / 100.0));
        std::fprintf(stderr, "cosine T = 100, epoch %zu: ours %.4g, PyTorch's formula %.4g\n", e,
                     cosine(e), torch);
    }

    // ReduceOnPlateau on made-up losses: patience 2, factor 0.5, cooldown 1.
    PlateauOptions options;
    options.patience = 2;
    options.factor = 0.5;
    options.cooldown = 1;
    ReduceOnPlateau plateau(kLr, options);
    std::fprintf(stderr, "plateau trace (lr 0.1, patience 2, factor 0.5, cooldown 1):\n"
                         "  epoch  loss   best   bad  cooldown  lr for next epoch\n");
    const std::vector<double> losses = {1.0, 0.8, 0.8, 0.9, 0.85, 0.81, 0.82, 0.83, 0.84, 0.7};
    for (std::size_t e = 0; e < losses.size(); ++e) {
        const double lr = plateau.step(losses[e]);
        std::fprintf(stderr, "  %5zu  %.2f   %.2f   %zu    %zu         %.4g\n", e, losses[e],
                     plateau.best(), plateau.bad_epochs(), plateau.cooldown_left(), lr);
    }

    std::FILE* out = fig.file();
    std::fprintf(out,
                 "# epoch constant step_0.95_100 step_0.5_50 exponential inverse_time cosine\n");
    for (std::size_t e = 0; e < kEpochs; ++e) {
        std::fprintf(out, "%zu", e);
        for (const auto& s : schedules)
            std::fprintf(out, " %.9g", s.schedule(e));
        std::fprintf(out, "\n");
    }
    return fig.close();
}
