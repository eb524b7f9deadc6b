// Data for the figure "init_training.svg": the same small network trained from each
// initialization scheme. The task is the three-arm spiral of CS231n (3 classes x 50 points in
// the plane, data::spiral from Rng(0)); the network is 2 -> 32 -> 32 -> 32 -> 32 -> 3 with ReLU
// hidden layers, trained with chapter 02's train() (full batch, lr 0.1, 300 epochs: small enough
// to run in seconds at -O0 when the site is built). The weights of every scheme come from Rng(1). Writes columns: epoch, then the loss per scheme. On stderr it prints
// the numbers the chapter text quotes: the largest loss, the loss at a few epochs, and after
// training the accuracy on the training set, the largest |logit| and the number of dead hidden
// units, per scheme.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <xtensor/xsort.hpp>
#include <xtensor/xview.hpp>

#include "figure.hpp"
#include "initialization.hpp"
#include "schemes.hpp"

namespace {

using namespace scratchnet;

constexpr std::size_t kPerClass = 50, kClasses = 3, kHidden = 4, kWidth = 32, kEpochs = 300;
constexpr double kLr = 0.1;

Network start(const std::string& scheme)
{
    std::vector<LayerSpec> spec{{2, kWidth, "relu"}};
    for (std::size_t l = 1; l < kHidden; ++l)
        spec.push_back({kWidth, kWidth, "relu"});
    spec.push_back({kWidth, kClasses, "identity"});
    Rng rng(1);
    return figures::init_for_figure(spec, scheme, rng);
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
                 "spiral %zu x %zu, 2 -> %zu x %zu relu -> %zu, lr %g, %zu epochs; "
                 "ln 3 = %.4f\n",
                 kClasses, kPerClass, kHidden, kWidth, kClasses, kLr, kEpochs, std::log(3.0));
    std::vector<std::vector<double>> histories;
    for (const auto& scheme : figures::kSchemes) {
        Network net = start(scheme);
        const auto h = train(net, X, y, kLr, kEpochs);
        const Labels p = predict(net, X);
        std::size_t right = 0;
        for (std::size_t n = 0; n < y.size(); ++n)
            right += p[n] == y[n];
        // After training: the largest |logit|, and the hidden units that output 0 for every
        // input (dead ReLUs), per hidden layer.
        const ForwardCache cache = forward(net, X);
        const double logit_max = xt::amax(xt::abs(cache.output()))();
        std::string dead;
        for (std::size_t l = 1; l < cache.A.size() - 1; ++l) {
            const Matrix& A = cache.A[l];
            std::size_t count = 0;
            for (std::size_t j = 0; j < A.shape()[1]; ++j)
                count += xt::amax(xt::view(A, xt::all(), j))() == 0.0;
            dead += (dead.empty() ? "" : " ") + std::to_string(count);
        }
        const auto worst = std::max_element(h.begin(), h.end());
        std::fprintf(stderr, "  %-18s largest loss %.3g at epoch %td\n", scheme.c_str(), *worst,
                     worst - h.begin());
        std::fprintf(stderr,
                     "  %-18s loss at epoch 0: %.4g, 100: %.4g, 200: %.4g, %zu: %.4g; "
                     "accuracy %.3f; max |logit| %.3g; dead units per hidden layer %s\n",
                     scheme.c_str(), h[0], h[100], h[200], kEpochs - 1, h.back(),
                     static_cast<double>(right) / y.size(), logit_max, dead.c_str());
        histories.push_back(h);
    }

    std::FILE* out = fig.file();
    std::fprintf(out, "# epoch");
    for (const auto& scheme : figures::kSchemes)
        std::fprintf(out, " %s", scheme.c_str());
    std::fprintf(out, "\n");
    for (std::size_t e = 0; e < kEpochs; ++e) {
        std::fprintf(out, "%zu", e);
        for (const auto& h : histories)
            std::fprintf(out, " %.9g", h[e]);
        std::fprintf(out, "\n");
    }
    return fig.close();
}
