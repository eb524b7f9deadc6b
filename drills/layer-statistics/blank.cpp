// Drill: measure a deep network layer by layer.                    ./grade drill check
//
// Row convention: a batch X (N, D), one input per row. The network's layers, forward pass and
// backward pass are the course's (given): forward(net, X) returns a ForwardCache with
// A[0] = X and A[l + 1] = g_l(Z[l]), the output of layer l; loss_and_gradients(net, X, y)
// returns the mean cross-entropy of the last layer's output (read as logits) and
// grads.dW[l], grads.db[l] for every layer.
//
// Write:
//   activation_stats(net, X)   one LayerStats {mean, std} per layer, in layer order: entry l
//                              describes the output of layer l, A[l + 1] (not its
//                              pre-activation Z[l], and nothing for the input X), over all of
//                              its N * H entries together. std is the population standard
//                              deviation, sqrt(mean of (a - mean)^2): divide by N * H, not by
//                              N * H - 1 (a single entry has std 0).
//   gradient_norms(net, X, y)  one number per layer, in layer order: the Frobenius norm of
//                              dW[l], sqrt(sum of its squared entries). Biases are left out.
//
// Accuracy: compute the mean first, then the squared deviations from it. Entries 1e6 + d with
// |d| <= 1e-3 must give the std of d to 1e-6 relative (mean(a^2) - mean^2 does not).
// Errors: whatever forward and loss_and_gradients throw, let through.
//
// The hidden checks: random networks of 1 to 4 layers, ReLU layers among them, batches of one
// row and layers of one unit, columns whose means differ, the large-mean case above; values
// against the checks' own computation on the course's forward and backward passes (1e-12
// relative).
//
// Matrix is xt::xtensor<double, 2> (core.hpp); xt::mean(A)() and xt::sum(A)() give a double;
// xt::square(A) squares every entry; std::sqrt.
#include "backpropagation.hpp"
#include "core.hpp"
#include "initialization.hpp"

#include <cmath>
#include <vector>

#include <xtensor/xmath.hpp>

namespace scratchnet {

std::vector<LayerStats> activation_stats(const Network& net, const Matrix& X)
{
    // your code
    throw not_implemented("activation_stats");
}

std::vector<double> gradient_norms(const Network& net, const Matrix& X, const Labels& y)
{
    // your code
    throw not_implemented("gradient_norms");
}

}  // namespace scratchnet
