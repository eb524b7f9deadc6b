// Chapter 09 reference solution. Open by design: read it after your own attempt passes.
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

namespace {

std::string num(double v) { return std::to_string(v); }

void require(bool ok, const std::string& message)
{
    if (!ok)
        throw std::invalid_argument(message);
}

bool finite_positive(double v) { return std::isfinite(v) && v > 0; }
bool in_unit_interval(double v) { return v >= 0 && v < 1; }  // [0, 1); false for NaN

// The same count and shapes of gradients as parameters; and, after the first step, of state.
void check_step(const char* function, const ParamList& params, const Gradients& grads)
{
    require(grads.dW.size() == params.matrices.size() && grads.db.size() == params.vectors.size(),
            std::string(function) + ": " + std::to_string(params.matrices.size()) +
                " matrices and " + std::to_string(params.vectors.size()) +
                " vectors to update, but " + std::to_string(grads.dW.size()) + " dW and " +
                std::to_string(grads.db.size()) + " db");
    for (std::size_t k = 0; k < grads.dW.size(); ++k)
        require(grads.dW[k].shape() == params.matrices[k]->shape(),
                std::string(function) + ": dW[" + std::to_string(k) + "] is " +
                    shape_str(grads.dW[k]) + " but its parameter is " +
                    shape_str(*params.matrices[k]));
    for (std::size_t k = 0; k < grads.db.size(); ++k)
        require(grads.db[k].shape() == params.vectors[k]->shape(),
                std::string(function) + ": db[" + std::to_string(k) + "] is " +
                    shape_str(grads.db[k]) + " but its parameter is " +
                    shape_str(*params.vectors[k]));
}

// Zeros shaped like the parameters: an optimizer's state before its first step.
Gradients zeros_like(const ParamList& params)
{
    Gradients z;
    for (const Matrix* W : params.matrices)
        z.dW.push_back(xt::zeros_like(*W));
    for (const Vector* b : params.vectors)
        z.db.push_back(xt::zeros_like(*b));
    return z;
}

void check_state(const char* function, const Gradients& state, const Gradients& grads)
{
    bool same = state.dW.size() == grads.dW.size() && state.db.size() == grads.db.size();
    for (std::size_t k = 0; same && k < grads.dW.size(); ++k)
        same = state.dW[k].shape() == grads.dW[k].shape();
    for (std::size_t k = 0; same && k < grads.db.size(); ++k)
        same = state.db[k].shape() == grads.db[k].shape();
    require(same, std::string(function) +
                      ": the parameters are not those of the first step (other count or shapes)");
}

void check_adam_options(const AdamOptions& o)
{
    require(finite_positive(o.lr), "Adam: lr must be positive and finite, got " + num(o.lr));
    require(in_unit_interval(o.beta1), "Adam: beta1 must be in [0, 1), got " + num(o.beta1));
    require(in_unit_interval(o.beta2), "Adam: beta2 must be in [0, 1), got " + num(o.beta2));
    require(finite_positive(o.eps), "Adam: eps must be positive and finite, got " + num(o.eps));
    require(std::isfinite(o.weight_decay) && o.weight_decay >= 0,
            "Adam: weight_decay must be >= 0 and finite, got " + num(o.weight_decay));
}

}  // namespace

// [param_list]
ParamList params_of(Network& net)
{
    ParamList p;
    for (Layer& layer : net.layers) {
        p.matrices.push_back(&layer.W);
        p.vectors.push_back(&layer.b);
    }
    return p;
}
// [param_list]

// [sgd_momentum]
SgdMomentum::SgdMomentum(const SgdOptions& o) : options_(o)
{
    require(finite_positive(o.lr), "SgdMomentum: lr must be positive and finite, got " + num(o.lr));
    require(in_unit_interval(o.momentum),
            "SgdMomentum: momentum must be in [0, 1), got " + num(o.momentum));
    require(!o.nesterov || o.momentum > 0, "SgdMomentum: nesterov needs momentum > 0");
    require(std::isfinite(o.weight_decay) && o.weight_decay >= 0,
            "SgdMomentum: weight_decay must be >= 0 and finite, got " + num(o.weight_decay));
}

void SgdMomentum::step(const ParamList& params, const Gradients& grads)
{
    check_step("SgdMomentum::step", params, grads);
    if (steps_ > 0)
        check_state("SgdMomentum::step", velocity_, grads);
    const double lr = options_.lr, mu = options_.momentum, wd = options_.weight_decay;
    // One parameter: g += λp; v = μv + g (v = g at the first step); p -= η(g + μv) or ηv.
    auto update = [&](auto& p, const auto& grad, auto& v) {
        using Tensor = std::decay_t<decltype(p)>;
        const Tensor g = grad + wd * p;
        if (steps_ == 0)
            v = g;
        else
            v = mu * v + g;
        if (options_.nesterov)
            p -= lr * (g + mu * v);
        else
            p -= lr * v;
    };
    if (steps_ == 0)
        velocity_ = zeros_like(params);
    for (std::size_t k = 0; k < grads.dW.size(); ++k)
        update(*params.matrices[k], grads.dW[k], velocity_.dW[k]);
    for (std::size_t k = 0; k < grads.db.size(); ++k)
        update(*params.vectors[k], grads.db[k], velocity_.db[k]);
    ++steps_;
}
// [sgd_momentum]

// [adam]
Adam::Adam(const AdamOptions& o) : options_(o) { check_adam_options(o); }

void Adam::set_lr(double lr)
{
    AdamOptions o = options_;
    o.lr = lr;
    check_adam_options(o);
    options_ = o;
}

void Adam::step(const ParamList& params, const Gradients& grads)
{
    check_step("Adam::step", params, grads);
    if (steps_ > 0) {
        check_state("Adam::step", m_, grads);
    } else {
        m_ = zeros_like(params);
        v_ = zeros_like(params);
    }
    const AdamOptions& o = options_;
    const double t = static_cast<double>(steps_ + 1);
    const double correction1 = 1 - std::pow(o.beta1, t);  // m̂ = m / (1 − β₁ᵗ)
    const double correction2 = 1 - std::pow(o.beta2, t);  // v̂ = v / (1 − β₂ᵗ)
    auto update = [&](auto& p, const auto& grad, auto& m, auto& v) {
        using Tensor = std::decay_t<decltype(p)>;
        Tensor g = grad;
        if (o.decoupled)
            p *= 1 - o.lr * o.weight_decay;  // AdamW: shrink p; g stays the loss's gradient
        else
            g += o.weight_decay * p;  // Adam: L2's gradient added to g (chapter 05)
        m = o.beta1 * m + (1 - o.beta1) * g;
        v = o.beta2 * v + (1 - o.beta2) * g * g;
        p -= o.lr * (m / correction1) / (xt::sqrt(v / correction2) + o.eps);
    };
    for (std::size_t k = 0; k < grads.dW.size(); ++k)
        update(*params.matrices[k], grads.dW[k], m_.dW[k], v_.dW[k]);
    for (std::size_t k = 0; k < grads.db.size(); ++k)
        update(*params.vectors[k], grads.db[k], m_.db[k], v_.db[k]);
    ++steps_;
}
// [adam]

// [dropout]
DropoutForward dropout_forward(const Matrix& X, double p, bool training, Rng& rng)
{
    require(in_unit_interval(p), "dropout_forward: p must be in [0, 1), got " + num(p));
    DropoutForward out;
    if (!training || p == 0) {
        out.mask = xt::ones_like(X);
        out.out = X;
        return out;
    }
    out.mask = Matrix(X.shape());
    const double keep_scale = 1 / (1 - p);  // kept entries are scaled: E[out] = X
    for (double& m : out.mask)              // row-major: one draw per entry
        m = rng.uniform(0.0, 1.0) >= p ? keep_scale : 0.0;
    out.out = X * out.mask;
    return out;
}

Matrix dropout_backward(const Matrix& dout, const Matrix& mask)
{
    require(dout.shape() == mask.shape(),
            "dropout_backward: dout is " + shape_str(dout) + " but mask is " + shape_str(mask));
    return dout * mask;
}
// [dropout]

// [batchnorm]
BatchNorm batchnorm_init(std::size_t H)
{
    require(H > 0, "batchnorm_init: H must be at least 1");
    BatchNorm bn;
    bn.gamma = xt::ones<double>({H});
    bn.beta = xt::zeros<double>({H});
    bn.running_mean = xt::zeros<double>({H});
    bn.running_var = xt::ones<double>({H});
    return bn;
}

BatchNormForward batchnorm_forward(const Matrix& X, BatchNorm& bn, bool training)
{
    const std::size_t N = X.shape(0), H = bn.gamma.size();
    require(X.shape(1) == H && bn.beta.size() == H && bn.running_mean.size() == H &&
                bn.running_var.size() == H,
            "batchnorm_forward: X is " + shape_str(X) + " for a batch norm of " +
                std::to_string(H) + " features");
    require(!training || N >= 2,
            "batchnorm_forward: training needs at least 2 rows, X is " + shape_str(X));
    BatchNormForward f;
    f.cache.training = training;
    Vector mean, var;
    if (training) {
        mean = xt::mean(X, {0}, xt::evaluation_strategy::immediate);
        var = xt::mean(xt::square(X - mean), {0}, xt::evaluation_strategy::immediate);  // ÷ N
        const double n = static_cast<double>(N);
        bn.running_mean = (1 - bn.momentum) * bn.running_mean + bn.momentum * mean;
        bn.running_var = (1 - bn.momentum) * bn.running_var + bn.momentum * var * n / (n - 1);
    } else {
        mean = bn.running_mean;
        var = bn.running_var;
    }
    f.cache.inv_std = 1.0 / xt::sqrt(var + bn.eps);
    f.cache.x_hat = (X - mean) * f.cache.inv_std;  // x̂ = (x − μ) / √(σ² + ε)
    f.y = bn.gamma * f.cache.x_hat + bn.beta;      // y = γ x̂ + β
    return f;
}

BatchNormGradients batchnorm_backward(const Matrix& dY, const BatchNormCache& cache,
                                      const BatchNorm& bn)
{
    require(dY.shape() == cache.x_hat.shape(),
            "batchnorm_backward: dY is " + shape_str(dY) + ", expected " + shape_str(cache.x_hat));
    require(bn.gamma.size() == dY.shape(1),
            "batchnorm_backward: gamma is " + shape_str(bn.gamma) + " for dY " + shape_str(dY));
    const double N = static_cast<double>(dY.shape(0));
    BatchNormGradients g;
    g.dbeta = xt::sum(dY, {0}, xt::evaluation_strategy::immediate);  // y = γ x̂ + β
    g.dgamma = xt::sum(dY * cache.x_hat, {0}, xt::evaluation_strategy::immediate);
    const Matrix dx_hat = dY * bn.gamma;
    if (!cache.training) {
        g.dX = dx_hat * cache.inv_std;  // μ and σ² are constants
        return g;
    }
    // x̂ = (x − μ)·inv_std with μ and σ² functions of every row of the batch
    const Vector sum_dx_hat = xt::sum(dx_hat, {0}, xt::evaluation_strategy::immediate);
    const Vector sum_dx_hat_x_hat =
        xt::sum(dx_hat * cache.x_hat, {0}, xt::evaluation_strategy::immediate);
    g.dX = (cache.inv_std / N) * (N * dx_hat - sum_dx_hat - cache.x_hat * sum_dx_hat_x_hat);
    return g;
}
// [batchnorm]

// [modern_mlp]
ModernMlp modern_mlp_init(const std::vector<std::size_t>& sizes, double dropout, Rng& rng)
{
    require(sizes.size() >= 2, "modern_mlp_init: needs at least two sizes (input and output)");
    for (std::size_t s : sizes)
        require(s > 0, "modern_mlp_init: a size is 0");
    require(in_unit_interval(dropout),
            "modern_mlp_init: dropout must be in [0, 1), got " + num(dropout));
    ModernMlp model;
    model.dropout = dropout;
    for (std::size_t l = 0; l + 1 < sizes.size(); ++l) {
        model.linear.push_back({he_normal(sizes[l], sizes[l + 1], rng), zero_bias(sizes[l + 1]),
                                l + 2 < sizes.size() ? "relu" : "identity"});
        if (l + 2 < sizes.size())
            model.norm.push_back(batchnorm_init(sizes[l + 1]));
    }
    return model;
}

ParamList params_of(ModernMlp& model)
{
    ParamList p;
    for (Layer& layer : model.linear) {
        p.matrices.push_back(&layer.W);
        p.vectors.push_back(&layer.b);
    }
    for (BatchNorm& bn : model.norm) {
        p.vectors.push_back(&bn.gamma);
        p.vectors.push_back(&bn.beta);
    }
    return p;
}

LossAndGradients modern_mlp_loss_and_gradients(ModernMlp& model, const Matrix& X, const Labels& y,
                                               bool training, Rng& rng)
{
    const std::size_t L = model.linear.size();
    require(L >= 1 && model.norm.size() + 1 == L,
            "modern_mlp_loss_and_gradients: the model has " + std::to_string(L) +
                " linear layers and " + std::to_string(model.norm.size()) +
                " batch norms; it needs one batch norm per hidden layer");
    // Forward: A_k → Z = A_k W + b → batch norm → ReLU → dropout → A_{k+1}.
    std::vector<Matrix> A{X}, Y;
    std::vector<BatchNormCache> norm_caches;
    std::vector<Matrix> masks;
    for (std::size_t k = 0; k + 1 < L; ++k) {
        const Matrix Z = dense_forward(A[k], model.linear[k].W, model.linear[k].b);
        BatchNormForward n = batchnorm_forward(Z, model.norm[k], training);
        Y.push_back(std::move(n.y));
        norm_caches.push_back(std::move(n.cache));
        DropoutForward d = dropout_forward(activations::relu(Y[k]), model.dropout, training, rng);
        masks.push_back(std::move(d.mask));
        A.push_back(std::move(d.out));
    }
    const Matrix logits = dense_forward(A[L - 1], model.linear[L - 1].W, model.linear[L - 1].b);

    LossAndGradients out;
    out.loss = cross_entropy(logits, y);
    Gradients& g = out.grads;
    g.dW.resize(L);
    g.db.resize(L + 2 * (L - 1));
    DenseGradients last =
        dense_backward(cross_entropy_gradient(logits, y), A[L - 1], model.linear[L - 1].W, L > 1);
    g.dW[L - 1] = std::move(last.dW);
    g.db[L - 1] = std::move(last.db);
    Matrix dA = std::move(last.dX);
    for (std::size_t k = L - 1; k-- > 0;) {
        const Matrix dR = dropout_backward(dA, masks[k]);
        const Matrix dY = activation_backward(dR, Y[k], "relu");
        BatchNormGradients n = batchnorm_backward(dY, norm_caches[k], model.norm[k]);
        DenseGradients d = dense_backward(n.dX, A[k], model.linear[k].W, k > 0);
        g.dW[k] = std::move(d.dW);
        g.db[k] = std::move(d.db);
        g.db[L + 2 * k] = std::move(n.dgamma);
        g.db[L + 2 * k + 1] = std::move(n.dbeta);
        dA = std::move(d.dX);
    }
    return out;
}

Matrix modern_mlp_logits(const ModernMlp& model, const Matrix& X)
{
    const std::size_t L = model.linear.size();
    Matrix A = X;
    for (std::size_t k = 0; k + 1 < L; ++k) {
        BatchNorm bn = model.norm[k];  // evaluation reads the running statistics, changes nothing
        const Matrix Z = dense_forward(A, model.linear[k].W, model.linear[k].b);
        A = activations::relu(batchnorm_forward(Z, bn, false).y);  // no dropout in evaluation
    }
    return dense_forward(A, model.linear[L - 1].W, model.linear[L - 1].b);
}
// [modern_mlp]

}  // namespace scratchnet
