// mutant: Adam adds ε inside the square root: √(v̂ + ε) instead of √v̂ + ε.
// rejected-by: Adam.BiasCorrectionAtTheFirstStep
// rejected-by: Adam.MatchesTheRecurrence
// rejected-by: Adam.SetLrTakesEffectAndIsChecked
// rejected-by: PyTorch.AdamMatchesGoldenValues
// rejected-by: PyTorch.AdamWMatchesGoldenValues
#include "going_further.hpp"

#include <cmath>
#include <stdexcept>
#include <string>
#include <type_traits>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {

namespace {

void require(bool ok, const std::string& message)
{
    if (!ok)
        throw std::invalid_argument(message);
}

void check_step(const char* f, const ParamList& params, const Gradients& grads)
{
    require(grads.dW.size() == params.matrices.size() && grads.db.size() == params.vectors.size(),
            std::string(f) + ": counts differ");
    for (std::size_t k = 0; k < grads.dW.size(); ++k)
        require(grads.dW[k].shape() == params.matrices[k]->shape(),
                std::string(f) + ": dW[" + std::to_string(k) + "] is " + shape_str(grads.dW[k]));
    for (std::size_t k = 0; k < grads.db.size(); ++k)
        require(grads.db[k].shape() == params.vectors[k]->shape(),
                std::string(f) + ": db[" + std::to_string(k) + "] is " + shape_str(grads.db[k]));
}

Gradients zeros_like(const ParamList& params)
{
    Gradients z;
    for (const Matrix* W : params.matrices)
        z.dW.push_back(xt::zeros_like(*W));
    for (const Vector* b : params.vectors)
        z.db.push_back(xt::zeros_like(*b));
    return z;
}

void check_state(const char* f, const Gradients& state, const Gradients& grads)
{
    bool same = state.dW.size() == grads.dW.size() && state.db.size() == grads.db.size();
    for (std::size_t k = 0; same && k < grads.dW.size(); ++k)
        same = state.dW[k].shape() == grads.dW[k].shape();
    for (std::size_t k = 0; same && k < grads.db.size(); ++k)
        same = state.db[k].shape() == grads.db[k].shape();
    require(same, std::string(f) + ": other parameters than at the first step");
}

}  // namespace

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
    const double correction1 = 1 - std::pow(o.beta1, t);
    const double correction2 = 1 - std::pow(o.beta2, t);
    auto update = [&](auto& p, const auto& grad, auto& m, auto& v) {
        using Tensor = std::decay_t<decltype(p)>;
        Tensor g = grad;
        if (o.decoupled)
            p *= 1 - o.lr * o.weight_decay;
        else
            g += o.weight_decay * p;
        m = o.beta1 * m + (1 - o.beta1) * g;
        v = o.beta2 * v + (1 - o.beta2) * g * g;
        p -= o.lr * (m / correction1) / xt::sqrt(v / correction2 + o.eps);
    };
    for (std::size_t k = 0; k < grads.dW.size(); ++k)
        update(*params.matrices[k], grads.dW[k], m_.dW[k], v_.dW[k]);
    for (std::size_t k = 0; k < grads.db.size(); ++k)
        update(*params.vectors[k], grads.db[k], m_.db[k], v_.db[k]);
    ++steps_;
}

}  // namespace scratchnet
