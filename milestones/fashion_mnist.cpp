// Milestone fashion-mnist: the 784-256-10 ReLU network, He-initialized (chapter 03), trained by
// mini-batch SGD (chapter 06: B = 64, η = 0.1, reshuffled every epoch) for 5 epochs on the
// 60 000 Fashion-MNIST training images, then evaluated on the 10 000 test images. Built against
// your own chapters 01, 02, 03 and 06 by `./grade milestone run fashion-mnist` (optimized);
// against the references with --reference.
#include <cmath>

#include "idx.hpp"
#include "milestone.hpp"
#include "mini_batching.hpp"

using namespace scratchnet;

int main(int argc, char** argv)
{
    return milestone::run(argc, argv, [](const milestone::Options& o) {
        const std::size_t epochs = o.epochs > 0 ? o.epochs : 5;
        const std::size_t limit =
            o.train_limit > 0 ? o.train_limit : std::numeric_limits<std::size_t>::max();
        milestone::Clock clock;
        const data::ImageSet train = data::fashion_mnist("train", limit);
        const data::ImageSet test = data::fashion_mnist("test");
        const std::size_t N = train.y.size();
        std::cout << "Fashion-MNIST: " << N << " training images, " << test.y.size()
                  << " test images (read in " << milestone::format("%.1f", clock.seconds())
                  << " s)\n784-256-10 ReLU, He init, SGD lr 0.1, batches of 64, " << epochs
                  << " epochs\n";

        Rng rng(o.seed >= 0 ? static_cast<std::uint64_t>(o.seed) : 2017);
        Network net = init_network({{784, 256, "relu"}, {256, 10, "identity"}}, "he_normal", rng);
        nlohmann::json history = nlohmann::json::array();
        Evaluation result;
        milestone::Clock training;
        for (std::size_t epoch = 1; epoch <= epochs; ++epoch) {
            milestone::Clock epoch_clock;
            milestone::ProgressBar bar(milestone::format("epoch %zu/%zu", epoch, epochs), N);
            double loss_sum = 0.0;  // for the bar: the running per-sample mean
            std::size_t seen = 0;
            EpochOptions options;
            options.batch_size = 64;
            options.lr = 0.1;
            options.on_batch = [&](std::size_t done, double batch_loss) {
                loss_sum += batch_loss * static_cast<double>(done - seen);
                seen = done;
                bar.update(done, milestone::format("%6.0f samples/s  loss %.4f",
                                                   done / epoch_clock.seconds(), loss_sum / done));
            };
            const double train_loss = train_epoch(net, train.X, train.y, options, rng);
            if (!std::isfinite(train_loss))
                throw std::runtime_error("the training loss is " + std::to_string(train_loss) +
                                         " after epoch " + std::to_string(epoch));
            const double seconds = epoch_clock.seconds();
            result = evaluate(net, test.X, test.y);
            bar.finish(milestone::format("%6.0f samples/s  loss %.4f  test accuracy %.4f",
                                         N / seconds, train_loss, result.accuracy));
            history.push_back({{"epoch", epoch},
                               {"train_loss", train_loss},
                               {"test_loss", result.loss},
                               {"test_accuracy", result.accuracy},
                               {"seconds", seconds}});
        }
        const double seconds = training.seconds();
        std::cout << milestone::format("test accuracy %.4f after %zu epoch%s, %.1f s\n",
                                       result.accuracy, epochs, epochs == 1 ? "" : "s", seconds);
        milestone::write_result(o, {{"test_accuracy", result.accuracy},
                                    {"test_loss", result.loss},
                                    {"epochs", epochs},
                                    {"train_images", N},
                                    {"seconds", seconds},
                                    {"history", history}});
    });
}
