// Milestone xor-1986: Rumelhart, Hinton & Williams (1986) showed that backpropagation trains a
// hidden layer to compute XOR, which no network without one can. The same experiment with your
// chapters 01–03: two sigmoid hidden units, a softmax over the two classes, full-batch gradient
// descent (chapter 02's train) from chapter 03's default initialization — repeated from 20
// seeds, because with only two hidden units some starting points end in a local minimum.
#include <algorithm>
#include <cmath>
#include <vector>

#include "initialization.hpp"
#include "milestone.hpp"

using namespace scratchnet;

int main(int argc, char** argv)
{
    return milestone::run(argc, argv, [](const milestone::Options& o) {
        const std::size_t seeds = 20;
        const std::size_t max_epochs = o.epochs > 0 ? o.epochs : 5000;
        const double lr = 1.0;
        const Matrix X = data::xor_inputs();
        const Labels y = data::xor_labels();
        std::cout << "XOR: 2-2-2 network (sigmoid hidden units, softmax output), full-batch "
                     "gradient descent, lr "
                  << lr << ", at most " << max_epochs << " epochs, " << seeds << " seeds\n";
        milestone::Clock clock;
        std::vector<double> solved_at;  // epochs to learn XOR, for the seeds that did
        nlohmann::json runs = nlohmann::json::array();
        milestone::ProgressBar bar("seeds", seeds);
        for (std::size_t s = 0; s < seeds; ++s) {
            Rng rng(1986 + s + (o.seed >= 0 ? 1000 * static_cast<std::size_t>(o.seed) : 0));
            Network net = init_network({{2, 2, "sigmoid"}, {2, 2, "identity"}}, "default", rng);
            std::size_t epoch = 0;
            double loss = 0.0;
            bool learned = false;
            while (epoch < max_epochs) {  // learned: every input right, loss below 0.1
                loss = train(net, X, y, lr, 10).front();
                epoch += 10;
                if (predict(net, X) == y && loss < 0.1) {
                    learned = true;
                    break;
                }
            }
            if (!std::isfinite(loss))
                throw std::runtime_error("the loss became " + std::to_string(loss) + " (seed " +
                                         std::to_string(s) + ")");
            if (learned)
                solved_at.push_back(static_cast<double>(epoch));
            runs.push_back({{"seed", s}, {"learned", learned}, {"epochs", epoch}, {"loss", loss}});
            bar.update(s + 1, milestone::format("%zu learned XOR so far", solved_at.size()));
        }
        bar.finish(milestone::format("%zu of %zu learned XOR", solved_at.size(), seeds));
        std::sort(solved_at.begin(), solved_at.end());
        const double median = solved_at.empty() ? 0.0 : solved_at[solved_at.size() / 2];
        const double seconds = clock.seconds();
        std::cout << milestone::format(
            "learned XOR from %zu of %zu seeds (median %.0f epochs), %.1f s\n", solved_at.size(),
            seeds, median, seconds);
        milestone::write_result(o, {{"seeds_learned", solved_at.size()},
                                    {"seeds", seeds},
                                    {"median_epochs", median},
                                    {"seconds", seconds},
                                    {"runs", runs}});
    });
}
