/// @file going_further.hpp
/// @brief Chapter 09 contract: the pieces of the seed course's "modern" MLP, from scratch —
///        optimizers with state (SGD with momentum and Nesterov, Adam, AdamW), inverted dropout,
///        batch normalization, and the model that assembles them with every earlier chapter's
///        pieces (784-512-256-128-10: Linear, BatchNorm, ReLU, Dropout; Kaiming init; Adam with
///        weight decay 1e-5, as the seed's torch.optim.Adam; clipping at 1.0; reduce-on-plateau).
///
/// Every formula follows PyTorch's (torch.optim.SGD, Adam, AdamW; nn.Dropout; nn.BatchNorm1d),
/// so that PyTorch's values are the goldens; where PyTorch's documentation and a textbook differ,
/// the contract says which one it follows.
///
/// **Errors.** Functions throw `std::invalid_argument` when shapes do not fit or an option is out
/// of its range; the message names the function, the argument and its value or shape (as
/// shape_str() writes it). When they throw, nothing has changed: no parameter, no optimizer
/// state, no running statistic, no draw from the generator.
#pragma once

#include <cstddef>
#include <vector>

#include "vanishing_gradients.hpp"

namespace scratchnet {

// [param_list]
/// What an optimizer updates: pointers to a model's parameter tensors, matrices and vectors
/// apart, in a fixed order. `Gradients` lists their gradients in the same order: `dW[k]` belongs
/// to `*matrices[k]`, `db[k]` to `*vectors[k]`.
struct ParamList {
    std::vector<Matrix*> matrices;  ///< e.g. every layer's W
    std::vector<Vector*> vectors;   ///< e.g. every layer's b
};

/// A network's parameters: `matrices[l] = &layers[l].W`, `vectors[l] = &layers[l].b`, matching
/// loss_and_gradients()'s Gradients.
ParamList params_of(Network& net);
// [param_list]

// [sgd_momentum]
/// SGD with momentum, as `torch.optim.SGD(lr, momentum, nesterov=..., weight_decay=...)`
/// (dampening 0). For every parameter p with gradient g, at step t = 1, 2, …:
/// \f[ g \leftarrow g + \lambda p,\qquad v \leftarrow \mu v + g \ (\text{at } t = 1:\ v = g),\qquad
///     p \leftarrow p - \eta\,(g + \mu v) \text{ (Nesterov) or } p - \eta\, v. \f]
struct SgdOptions {
    double lr = 0.01;           ///< η > 0, finite
    double momentum = 0.9;      ///< μ in [0, 1)
    bool nesterov = false;      ///< needs momentum > 0
    double weight_decay = 0.0;  ///< λ ≥ 0 (L2 added to the gradient, chapter 05's)
};

/// Momentum's state: one velocity per parameter, made at the first step.
class SgdMomentum {
public:
    /// Throws for an option out of its range (the message names it and its value).
    explicit SgdMomentum(const SgdOptions& options);

    /// One step on `params` with `grads` (the same count and shapes, checked first). The first
    /// step sizes the velocities; later steps must pass the same shapes.
    void step(const ParamList& params, const Gradients& grads);

    const Gradients& velocity() const { return velocity_; }  ///< empty before the first step
    std::size_t steps() const { return steps_; }             ///< steps taken

private:
    SgdOptions options_;
    Gradients velocity_;
    std::size_t steps_ = 0;
};
// [sgd_momentum]

// [adam]
/// Adam (Kingma & Ba 2015) and AdamW (Loshchilov & Hutter 2019), as `torch.optim.Adam` and
/// `torch.optim.AdamW`. At step t = 1, 2, …, for every parameter p with gradient g:
/// \f[ \text{Adam: } g \leftarrow g + \lambda p \qquad\qquad
///     \text{AdamW: } p \leftarrow p\,(1 - \eta\lambda) \f]
/// \f[ m \leftarrow \beta_1 m + (1 - \beta_1) g,\quad v \leftarrow \beta_2 v + (1 - \beta_2) g^2,
///     \quad \hat m = \frac{m}{1 - \beta_1^t},\quad \hat v = \frac{v}{1 - \beta_2^t},\quad
///     p \leftarrow p - \eta\,\frac{\hat m}{\sqrt{\hat v} + \epsilon}. \f]
/// m and v start at 0. With λ = 0 the two are the same optimizer.
struct AdamOptions {
    double lr = 1e-3;           ///< η > 0, finite
    double beta1 = 0.9;         ///< β₁ in [0, 1)
    double beta2 = 0.999;       ///< β₂ in [0, 1)
    double eps = 1e-8;          ///< ε > 0
    double weight_decay = 0.0;  ///< λ ≥ 0
    bool decoupled = false;     ///< false: Adam (λp added to g); true: AdamW (p shrunk first)
};

/// Adam's state: the first and second moments of every parameter, made at the first step, and
/// the step count t (for the bias corrections).
class Adam {
public:
    /// Throws for an option out of its range (the message names it and its value).
    explicit Adam(const AdamOptions& options);

    /// One step, as SgdMomentum::step() (same checks; the first step sizes m and v).
    void step(const ParamList& params, const Gradients& grads);

    const Gradients& first_moment() const { return m_; }   ///< m, empty before the first step
    const Gradients& second_moment() const { return v_; }  ///< v, empty before the first step
    std::size_t steps() const { return steps_; }           ///< t
    double lr() const { return options_.lr; }              ///< η
    void set_lr(double lr);  ///< for a schedule (reduce-on-plateau); throws like the constructor

private:
    AdamOptions options_;
    Gradients m_, v_;
    std::size_t steps_ = 0;
};
// [adam]

// [dropout]
/// Inverted dropout's result: the output and the mask it was multiplied by.
struct DropoutForward {
    Matrix out;   ///< X ⊙ mask (N, H)
    Matrix mask;  ///< 0 (dropped) or 1/(1 − p) (kept), (N, H)
};

/// Inverted dropout (Srivastava et al. 2014; PyTorch's nn.Dropout). Training: one
/// `rng.uniform(0, 1)` per entry, row-major; the entry is kept when the draw is ≥ p, and kept
/// entries are scaled by 1/(1 − p), so that the expected output is X. Evaluation
/// (`training = false`) or p = 0: the output is X, the mask all ones, nothing is drawn. Throws
/// when p is not in [0, 1) (nothing drawn).
DropoutForward dropout_forward(const Matrix& X, double p, bool training, Rng& rng);

/// ∂L/∂X = ∂L/∂out ⊙ mask. Throws when the shapes differ.
Matrix dropout_backward(const Matrix& dout, const Matrix& mask);
// [dropout]

// [batchnorm]
/// Batch normalization over a batch's rows (Ioffe & Szegedy 2015; PyTorch's nn.BatchNorm1d).
struct BatchNorm {
    Vector gamma;           ///< scale (H), 1 at the start
    Vector beta;            ///< shift (H), 0 at the start
    Vector running_mean;    ///< (H), 0 at the start
    Vector running_var;     ///< (H), 1 at the start
    double momentum = 0.1;  ///< running ← (1 − momentum)·running + momentum·batch, in (0, 1]
    double eps = 1e-5;      ///< added to the variance, > 0
};

/// A batch norm for H features with PyTorch's defaults. Throws when H is 0.
BatchNorm batchnorm_init(std::size_t H);

/// What the backward pass needs.
struct BatchNormCache {
    Matrix x_hat;    ///< the normalized input (N, H)
    Vector inv_std;  ///< 1/√(σ² + ε) per feature, of the statistics that were used (H)
    bool training;   ///< which statistics: the batch's (true) or the running ones (false)
};

/// What batchnorm_forward() returns: the output and what the backward pass needs.
struct BatchNormForward {
    Matrix y;              ///< γ ⊙ x̂ + β (N, H)
    BatchNormCache cache;  ///< for batchnorm_backward()
};

/// Training: per feature, the batch mean μ and the *biased* variance σ² (divided by N) normalize
/// the batch, \f$ \hat x = (x - \mu)/\sqrt{\sigma^2 + \epsilon} \f$, and the running statistics
/// move towards μ and the *unbiased* variance (divided by N − 1), as PyTorch does. Needs N ≥ 2
/// (throws for N = 1, as PyTorch does). Evaluation: the running statistics normalize, nothing
/// is updated, any N ≥ 1. Throws when X is not (N, H).
BatchNormForward batchnorm_forward(const Matrix& X, BatchNorm& bn, bool training);

/// The gradients of a batch norm: with respect to its input and its two parameters.
struct BatchNormGradients {
    Matrix dX;      ///< ∂L/∂X (N, H)
    Vector dgamma;  ///< ∂L/∂γ = Σ_rows dY ⊙ x̂ (H)
    Vector dbeta;   ///< ∂L/∂β = Σ_rows dY (H)
};

/// The backward pass. Training mode: the batch statistics depend on every row, so
/// \f$ dX = \frac{\mathrm{inv\_std}}{N}\bigl(N\,d\hat x - \textstyle\sum d\hat x
///     - \hat x \sum d\hat x \odot \hat x\bigr) \f$ with \f$ d\hat x = dY \odot \gamma \f$ (sums
/// over rows); evaluation mode: the statistics are constants, \f$ dX = dY \odot \gamma \cdot
/// \mathrm{inv\_std} \f$. Throws when dY is not the cache's shape or γ is not (H).
BatchNormGradients batchnorm_backward(const Matrix& dY, const BatchNormCache& cache,
                                      const BatchNorm& bn);
// [batchnorm]

// [modern_mlp]
/// The seed course's modern MLP: hidden layer k is Linear → BatchNorm → ReLU → Dropout; the
/// last layer is Linear alone (its output: logits).
struct ModernMlp {
    std::vector<Layer> linear;    ///< every layer's W (in, out) and b (out); activation unused
    std::vector<BatchNorm> norm;  ///< one per hidden layer (linear.size() − 1 of them)
    double dropout = 0.5;         ///< p of every hidden layer's dropout (the seed's 0.5)
};

/// `sizes` = {784, 512, 256, 128, 10} for the seed's model (at least two sizes, none 0): layer
/// l's W is he_normal(sizes[l], sizes[l + 1], rng) (chapter 03, Kaiming normal for ReLU), drawn
/// layer by layer; biases 0; batch norms from batchnorm_init. Throws for fewer than two sizes, a
/// size 0, or p not in [0, 1) (nothing drawn).
ModernMlp modern_mlp_init(const std::vector<std::size_t>& sizes, double dropout, Rng& rng);

/// Its parameters for an optimizer: matrices = every W in layer order; vectors = every b in
/// layer order, then every batch norm's γ and β (γ₀, β₀, γ₁, β₁, …).
ParamList params_of(ModernMlp& model);

/// One forward and backward pass on a batch: the mean cross-entropy of the logits and the
/// gradients in params_of()'s order. Training: batch statistics (the running ones are updated)
/// and dropout drawn from `rng` (layer by layer, after each ReLU); evaluation: running statistics,
/// no dropout, nothing drawn and nothing updated.
LossAndGradients modern_mlp_loss_and_gradients(ModernMlp& model, const Matrix& X, const Labels& y,
                                               bool training, Rng& rng);

/// The logits in evaluation mode (running statistics, no dropout): (N, classes).
Matrix modern_mlp_logits(const ModernMlp& model, const Matrix& X);
// [modern_mlp]

}  // namespace scratchnet
