// Drill: Adam and AdamW, one step at a time (torch.optim.Adam / AdamW).  ./grade drill check
//
// ParamList holds pointers to the parameters: matrices (Matrix*) and vectors (Vector*);
// Gradients holds their gradients in the same order: dW[k] for *matrices[k], db[k] for
// *vectors[k]. The class Adam (declared in the header) keeps options_ (lr, beta1, beta2, eps,
// weight_decay, decoupled), the moments m_ and v_ (Gradients, empty before the first step) and
// steps_ (t, the steps taken).
//
// Write Adam::step(params, grads). At step t = 1, 2, …, for every parameter p with gradient g:
//   Adam  (decoupled = false):  g <- g + weight_decay * p
//   AdamW (decoupled = true):   p <- p * (1 - lr * weight_decay)      (g is left as it is)
//   m <- beta1 m + (1 - beta1) g          v <- beta2 v + (1 - beta2) g*g      (m, v start at 0)
//   m_hat = m / (1 - beta1^t)             v_hat = v / (1 - beta2^t)
//   p <- p - lr * m_hat / (sqrt(v_hat) + eps)
// then steps_ goes up by one.
//
// Errors: throw std::invalid_argument, changing nothing, when grads does not hold one gradient
// of the right shape per parameter, and when a later step's parameters differ in count or shape
// from the first step's. (The constructor and set_lr are given.)
//
// The hidden checks: values PyTorch's Adam and AdamW wrote in float64 over several steps, with
// and without weight decay (1e-12 relative); the moments after each step; bias correction at
// t = 1; matrices and vectors together; each error alone.
//
// Matrix is xt::xtensor<double, 2>, Vector xt::xtensor<double, 1> (core.hpp); element-wise
// +, -, *, / and xt::sqrt; xt::zeros_like(M).
#include "core.hpp"
#include "going_further.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>

namespace scratchnet {

void Adam::step(const ParamList& params, const Gradients& grads)
{
    // your code
    throw not_implemented("Adam::step");
}

}  // namespace scratchnet
