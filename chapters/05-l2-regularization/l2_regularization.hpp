/// @file l2_regularization.hpp
/// @brief Chapter 05 contract: the L2 penalty on the weights, the regularized loss and its
///        gradients, and decoupled weight decay as an update rule.
///
/// The penalty is \f$ R(\theta) = \tfrac{\lambda}{2} \sum_l \lVert W_l \rVert_F^2 \f$: weights
/// only, never biases. It is added to the mean cross-entropy of chapter 02, so λ is "per
/// sample": the same λ means the same trade-off whatever the batch size (with a summed loss,
/// λ would have to grow with N).
///
/// **Errors.** Every function throws `std::invalid_argument` when lambda is negative or not
/// finite (the message gives it); λ = 0 is valid and gives chapter 02's results exactly.
#pragma once

#include "learning_rate_decay.hpp"

namespace scratchnet {

/// \f$ \tfrac{\lambda}{2} \sum_l \sum_{ij} (W_l)_{ij}^2 \f$ over every layer's W (no biases).
double l2_penalty(const Network& net, double lambda);

/// The regularized loss and its gradients: loss = `loss_and_gradients(net, X, y).loss` +
/// `l2_penalty(net, lambda)`; every \f$ dW_l \f$ gets \f$ + \lambda W_l \f$, every
/// \f$ db_l \f$ is chapter 02's unchanged. Throws what loss_and_gradients() throws, too.
LossAndGradients l2_loss_and_gradients(const Network& net, const Matrix& X, const Labels& y,
                                       double lambda);

/// Decoupled weight decay, in place, as PyTorch's optimizers apply it (the decay scaled by the
/// learning rate; Loshchilov & Hutter scale it by the schedule multiplier instead):
/// \f$ W_l \leftarrow (1 - \eta\lambda)\,W_l - \eta\, dW_l \f$ and
/// \f$ b_l \leftarrow b_l - \eta\, db_l \f$ (biases never decay), with `grads` the gradients of
/// the *data* loss. For plain SGD this is the same step as sgd_step() on
/// l2_loss_and_gradients(): \f$ W - \eta (dW + \lambda W) = (1 - \eta\lambda) W - \eta\, dW \f$.
/// Throws `std::invalid_argument`, before changing anything, when grads does not hold one dW
/// and one db per layer (as sgd_step() does) and for a bad lambda.
void weight_decay_step(Network& net, const Gradients& grads, double lr, double lambda);

}  // namespace scratchnet
