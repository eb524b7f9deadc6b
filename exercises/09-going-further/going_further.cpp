// Chapter 09 — going further: the modern MLP's pieces. Your file: replace each
// `throw not_implemented(...)` with your code, then run `./grade 09`. The contract (what each
// function takes and returns) is in chapters/09-going-further/going_further.hpp; the text is
// chapters/09-going-further/README.md. `./grade hint 09` gives hints one at a time. The earlier
// chapters' functions (dense_forward, dense_backward, activation_backward, cross_entropy,
// he_normal, clip_by_global_norm, …) are available.
#include "going_further.hpp"

#include <cmath>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {

ParamList params_of(Network& net)
{
    // TODO: a pointer to every layer's W and b, in layer order.
    throw not_implemented("params_of");
}

SgdMomentum::SgdMomentum(const SgdOptions& options) : options_(options)
{
    // TODO: reject every option outside its range, naming it and its value.
    throw not_implemented("SgdMomentum");
}

void SgdMomentum::step(const ParamList& params, const Gradients& grads)
{
    // TODO: check the counts and shapes first; then, per parameter: weight decay, velocity,
    // update (Nesterov looks one step ahead). What is the velocity at the very first step?
    throw not_implemented("SgdMomentum::step");
}

Adam::Adam(const AdamOptions& options) : options_(options)
{
    // TODO: reject every option outside its range, naming it and its value.
    throw not_implemented("Adam");
}

void Adam::set_lr(double lr)
{
    // TODO: the same check as the constructor's for lr.
    throw not_implemented("Adam::set_lr");
}

void Adam::step(const ParamList& params, const Gradients& grads)
{
    // TODO: m and v, their bias corrections at step t, the update. Where does weight decay go
    // in Adam, and where in AdamW?
    throw not_implemented("Adam::step");
}

DropoutForward dropout_forward(const Matrix& X, double p, bool training, Rng& rng)
{
    // TODO: one draw per entry, row-major; keep when the draw is >= p, and scale what you keep.
    // What happens in evaluation?
    throw not_implemented("dropout_forward");
}

Matrix dropout_backward(const Matrix& dout, const Matrix& mask)
{
    // TODO
    throw not_implemented("dropout_backward");
}

BatchNorm batchnorm_init(std::size_t H)
{
    // TODO: PyTorch's starting values for gamma, beta and the running statistics.
    throw not_implemented("batchnorm_init");
}

BatchNormForward batchnorm_forward(const Matrix& X, BatchNorm& bn, bool training)
{
    // TODO: training: the batch's mean and variance (divided by N), and the running statistics
    // updated with the variance divided by N − 1; evaluation: the running statistics only.
    throw not_implemented("batchnorm_forward");
}

BatchNormGradients batchnorm_backward(const Matrix& dY, const BatchNormCache& cache,
                                      const BatchNorm& bn)
{
    // TODO: dgamma and dbeta first; then dX — in training, the mean and the variance depend on
    // every row.
    throw not_implemented("batchnorm_backward");
}

ModernMlp modern_mlp_init(const std::vector<std::size_t>& sizes, double dropout, Rng& rng)
{
    // TODO: Kaiming (He) normal weights layer by layer, zero biases, a batch norm per hidden
    // layer.
    throw not_implemented("modern_mlp_init");
}

ParamList params_of(ModernMlp& model)
{
    // TODO: every W; then every b, then each batch norm's gamma and beta.
    throw not_implemented("params_of");
}

LossAndGradients modern_mlp_loss_and_gradients(ModernMlp& model, const Matrix& X, const Labels& y,
                                               bool training, Rng& rng)
{
    // TODO: Linear → BatchNorm → ReLU → Dropout per hidden layer, Linear for the logits; then
    // the chain rule back through each piece, in reverse.
    throw not_implemented("modern_mlp_loss_and_gradients");
}

Matrix modern_mlp_logits(const ModernMlp& model, const Matrix& X)
{
    // TODO: evaluation mode: running statistics, no dropout, nothing changed.
    throw not_implemented("modern_mlp_logits");
}

}  // namespace scratchnet
