// Data for the figure "l2_accuracy.svg": one small network trained on the first 500
// Fashion-MNIST training images with five L2 strengths, from the same start: 784 -> 32 ReLU -> 10,
// he_normal weights from Rng(1), full batch, 250 epochs at a rate of 0.3, each epoch
// l2_loss_and_gradients() then sgd_step(). After training: the accuracy and the mean
// cross-entropy (without the penalty) on the 500 training images and on all 10 000 test images.
// During training: the weight norm sqrt(sum_l ||W_l||_F^2) after every epoch. A last, short run
// checks that weight_decay_step() takes the same steps as sgd_step() on the L2 gradients.
// Writes two blocks (gnuplot indices): 0 = one row per lambda (index, lambda, train accuracy,
// test accuracy, train loss, test loss, final norm); 1 = one row per epoch (epoch, the norm under
// each lambda). On stderr it prints the numbers the chapter text quotes. About 40 s of CPU at -O0.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include <xtensor/xmath.hpp>

#include "figure.hpp"
#include "idx.hpp"
#include "l2_regularization.hpp"

namespace {

using namespace scratchnet;

constexpr std::size_t kTrain = 500, kHidden = 32, kEpochs = 250;
constexpr double kLr = 0.3;
const std::vector<double> kLambdas{0.0, 1e-4, 1e-3, 1e-2, 1e-1};

Network start()
{
    Rng rng(1);
    return init_network({{784, kHidden, "relu"}, {kHidden, 10, "identity"}}, "he_normal", rng);
}

double accuracy(const Network& net, const Matrix& X, const Labels& y)
{
    const Labels p = predict(net, X);
    std::size_t right = 0;
    for (std::size_t n = 0; n < y.size(); ++n)
        right += p[n] == y[n];
    return static_cast<double>(right) / y.size();
}

double weight_norm(const Network& net)  // sqrt(sum over layers of ||W||_F^2); biases left out
{
    double squares = 0.0;
    for (const Layer& layer : net.layers)
        squares += xt::sum(xt::square(layer.W))();
    return std::sqrt(squares);
}

}  // namespace

int main(int argc, char** argv)
{
    scratchnet::figure::Output fig(argc, argv);
    const data::ImageSet train = data::fashion_mnist("train", kTrain);
    const data::ImageSet test = data::fashion_mnist("test");
    std::vector<std::size_t> count(10, 0);
    for (std::size_t label : train.y)
        ++count[label];
    std::fprintf(stderr,
                 "Fashion-MNIST: %zu training images (per class %zu to %zu), %zu test images; "
                 "784 -> %zu relu -> 10, he_normal Rng(1), %zu epochs full batch, rate %g\n",
                 train.y.size(), *std::min_element(count.begin(), count.end()),
                 *std::max_element(count.begin(), count.end()), test.y.size(), kHidden, kEpochs,
                 kLr);

    std::FILE* out = fig.file();
    std::fprintf(out, "# lambda index, lambda, train accuracy, test accuracy, train loss, test "
                      "loss, final weight norm\n");
    std::vector<std::vector<double>> norms;  // norms[k][e]: after epoch e (entry 0: the start)
    for (std::size_t k = 0; k < kLambdas.size(); ++k) {
        const double lambda = kLambdas[k];
        Network net = start();
        std::vector<double> norm{weight_norm(net)};
        double penalty_share = 0.0;  // the penalty's part of the last epoch's loss
        double previous = 0.0, train_200 = 0.0, test_200 = 0.0;
        std::size_t rises = 0;  // epochs of the last 100 whose loss is above the previous one's
        for (std::size_t e = 0; e < kEpochs; ++e) {
            const LossAndGradients lg = l2_loss_and_gradients(net, train.X, train.y, lambda);
            penalty_share = l2_penalty(net, lambda) / lg.loss;
            rises += e >= kEpochs - 100 && lg.loss > previous;
            previous = lg.loss;
            sgd_step(net, lg.grads, kLr);
            norm.push_back(weight_norm(net));
            if (e + 1 == 200) {  // where a shorter run would have stopped
                train_200 = accuracy(net, train.X, train.y);
                test_200 = accuracy(net, test.X, test.y);
            }
        }
        const double train_acc = accuracy(net, train.X, train.y);
        const double test_acc = accuracy(net, test.X, test.y);
        const double train_loss = cross_entropy(forward(net, train.X).output(), train.y);
        const double test_loss = cross_entropy(forward(net, test.X).output(), test.y);
        const auto peak = std::max_element(norm.begin(), norm.end());
        std::fprintf(stderr,
                     "  lambda %-6g train acc %.3f  test acc %.4f  gap %.3f  train loss %.4f  "
                     "test loss %.4f  penalty share of the last loss %.3f  norm: start %.2f, after "
                     "50 epochs %.2f, 100 %.2f, end %.2f, largest %.2f (after %td epochs)\n",
                     lambda, train_acc, test_acc, train_acc - test_acc, train_loss, test_loss,
                     penalty_share, norm[0], norm[50], norm[100], norm.back(), *peak,
                     peak - norm.begin());
        std::fprintf(stderr,
                     "               the regularized loss rose in %zu of the last 100 epochs; "
                     "after 200 epochs: train acc %.3f, test acc %.4f\n",
                     rises, train_200, test_200);
        std::fprintf(out, "%zu %g %.6f %.6f %.6f %.6f %.6f\n", k, lambda, train_acc, test_acc,
                     train_loss, test_loss, norm.back());
        norms.push_back(norm);
    }
    std::fprintf(out, "\n\n# epoch, weight norm under each lambda\n");
    for (std::size_t e = 0; e <= kEpochs; ++e) {
        std::fprintf(out, "%zu", e);
        for (const auto& n : norms)
            std::fprintf(out, " %.9g", n[e]);
        std::fprintf(out, "\n");
    }

    // Decoupled weight decay is the same step for plain SGD: 20 epochs at lambda = 0.01 both ways.
    Network coupled = start(), decoupled = start();
    for (std::size_t e = 0; e < 20; ++e) {
        sgd_step(coupled, l2_loss_and_gradients(coupled, train.X, train.y, 1e-2).grads, kLr);
        weight_decay_step(decoupled, loss_and_gradients(decoupled, train.X, train.y).grads, kLr,
                          1e-2);
    }
    double largest = 0.0;
    for (std::size_t l = 0; l < coupled.layers.size(); ++l)
        largest =
            std::max({largest, xt::amax(xt::abs(coupled.layers[l].W - decoupled.layers[l].W))(),
                      xt::amax(xt::abs(coupled.layers[l].b - decoupled.layers[l].b))()});
    std::fprintf(stderr,
                 "  after 20 epochs at lambda 0.01, L2 + sgd_step vs weight_decay_step: largest "
                 "difference %.3g (weights up to %.3g)\n",
                 largest, xt::amax(xt::abs(coupled.layers[0].W))());
    std::fprintf(stderr, "  time %.1f s\n", fig.seconds());
    return fig.close();
}
