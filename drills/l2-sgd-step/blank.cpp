// Drill: an L2-regularized SGD step (penalty, gradient, weight decay). ./grade drill check
//
// A network is a list of layers, each with W (inputs, outputs), b (outputs) and an activation
// name (forward_propagation.hpp). loss_and_gradients(net, X, y) (given) returns the mean
// cross-entropy of the network's output and Gradients {dW[l], db[l]} for every layer.
//
// Write:
//   l2_penalty(net, lambda)   (lambda / 2) times the sum of the squares of every entry of every
//                             layer's W. Biases are not penalized.
//   l2_loss_and_gradients(net, X, y, lambda)
//                             loss_and_gradients(net, X, y) with the penalty added to its loss
//                             and the penalty's gradient added to every dW; every db unchanged.
//   weight_decay_step(net, grads, lr, lambda)
//                             in place: W <- (1 - lr * lambda) * W - lr * dW for every layer,
//                             b <- b - lr * db (biases never decay); grads are the gradients of
//                             the data loss. For plain SGD this equals sgd_step with the L2
//                             gradients.
//
// Errors, all std::invalid_argument: lambda negative, NaN or infinite (0 and -0.0 are valid),
// in every function, with the value in the message; weight_decay_step also when grads does not
// hold exactly one dW and one db per layer. Check before changing anything: after a throw the
// network is exactly as it was.
//
// The hidden checks: penalties and steps against the checks' own sums (1e-12 relative), the
// regularized gradient against central differences of the regularized loss, lambda = 0 giving
// loss_and_gradients exactly, nonzero biases and bias gradients, networks of one and several
// layers, widths of 1, lr * lambda >= 1.
//
// Matrix is xt::xtensor<double, 2> (core.hpp); xt::sum(A)() gives a double, xt::square(A)
// squares every entry; + - * work entry by entry with scalars and matrices of one shape.
#include "backpropagation.hpp"
#include "core.hpp"
#include "l2_regularization.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include <xtensor/xmath.hpp>

namespace scratchnet {

double l2_penalty(const Network& net, double lambda)
{
    // your code
    throw not_implemented("l2_penalty");
}

LossAndGradients l2_loss_and_gradients(const Network& net, const Matrix& X, const Labels& y,
                                       double lambda)
{
    // your code
    throw not_implemented("l2_loss_and_gradients");
}

void weight_decay_step(Network& net, const Gradients& grads, double lr, double lambda)
{
    // your code
    throw not_implemented("weight_decay_step");
}

}  // namespace scratchnet
