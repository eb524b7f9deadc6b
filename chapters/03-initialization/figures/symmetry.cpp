// Data for the figure "symmetry.svg", and the symmetry demonstration the chapter text quotes.
// Chapter 02's XOR network, 2 -> 10 tanh -> 2 (lr 0.1, 1000 epochs of full-batch train()), from
// four starting points: all zeros (chapter 01's make_network), every weight 0.5 (biases 0), and
// he_normal and glorot_uniform drawn from Rng(0) by init_network. Writes columns: epoch, then
// the loss of each run. On stderr: for each run, the loss before and after training, the
// gradient norms of the starting weights, hidden units 0 and 1 after training (their two input
// weights, bias and two output weights), how many of the 10 hidden units are different, and the
// predictions. The same for the ReLU version started from zeros (its gradients are exactly 0).
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "figure.hpp"
#include "initialization.hpp"

namespace {

using namespace scratchnet;

constexpr std::size_t kHidden = 10;

std::vector<LayerSpec> xor_spec(const std::string& act)
{
    return {{2, kHidden, act}, {kHidden, 2, "identity"}};
}

Network start(const std::string& how, const std::string& act)
{
    if (how == "zeros")
        return make_network(xor_spec(act));
    if (how == "constant 0.5") {
        Network net = make_network(xor_spec(act));
        for (auto& layer : net.layers)
            layer.W.fill(0.5);
        return net;
    }
    Rng rng(0);
    return init_network(xor_spec(act), how, rng);
}

// Hidden unit j: its weights from x1 and x2, its bias, its weights to outputs 0 and 1.
std::vector<double> unit(const Network& net, std::size_t j)
{
    const Layer& h = net.layers[0];
    const Layer& o = net.layers[1];
    return {h.W(0, j), h.W(1, j), h.b(j), o.W(j, 0), o.W(j, 1)};
}

std::vector<double> report(const std::string& how, const std::string& act)
{
    const Matrix X = data::xor_inputs();
    const Labels y = data::xor_labels();
    Network net = start(how, act);
    const auto g0 = gradient_norms(net, X, y);
    const auto history = train(net, X, y, 0.1, 1000);
    std::vector<std::vector<double>> units;
    for (std::size_t j = 0; j < kHidden; ++j) {
        const auto u = unit(net, j);
        if (std::find(units.begin(), units.end(), u) == units.end())
            units.push_back(u);
    }
    const Labels p = predict(net, X);
    std::fprintf(stderr,
                 "%s, %s: loss %.4f -> %.4f; ||dW|| at the start %.3g, %.3g; "
                 "distinct hidden units %zu of %zu; predictions [%zu %zu %zu %zu]\n",
                 act.c_str(), how.c_str(), history.front(), history.back(), g0[0], g0[1],
                 units.size(), kHidden, p[0], p[1], p[2], p[3]);
    for (std::size_t j = 0; j < 2; ++j) {
        const auto u = unit(net, j);
        std::fprintf(
            stderr,
            "    unit %zu: w(x1) %+.4f  w(x2) %+.4f  b %+.4f  w(out0) %+.4f  w(out1) %+.4f\n", j,
            u[0], u[1], u[2], u[3], u[4]);
    }
    return history;
}

}  // namespace

int main(int argc, char** argv)
{
    scratchnet::figure::Output fig(argc, argv);
    const std::vector<std::string> starts = {"zeros", "constant 0.5", "he_normal",
                                             "glorot_uniform"};
    std::vector<std::vector<double>> histories;
    for (const auto& how : starts)
        histories.push_back(report(how, "tanh"));
    report("zeros", "relu");

    std::FILE* out = fig.file();
    std::fprintf(out, "# epoch zeros constant he_normal glorot_uniform\n");
    for (std::size_t e = 0; e < histories[0].size(); ++e) {
        std::fprintf(out, "%zu", e);
        for (const auto& h : histories)
            std::fprintf(out, " %.9g", h[e]);
        std::fprintf(out, "\n");
    }
    return fig.close();
}
