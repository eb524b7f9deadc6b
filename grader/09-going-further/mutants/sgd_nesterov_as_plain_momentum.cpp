// mutant: Nesterov written as plain momentum: p − ηv instead of p − η(g + μv).
// rejected-by: PyTorch.SgdMatchesGoldenValues
// rejected-by: Sgd.FirstVelocityIsTheGradient
// rejected-by: Sgd.MomentumMatchesTheRecurrence
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

void SgdMomentum::step(const ParamList& params, const Gradients& grads)
{
    check_step("SgdMomentum::step", params, grads);
    if (steps_ > 0)
        check_state("SgdMomentum::step", velocity_, grads);
    const double lr = options_.lr, mu = options_.momentum, wd = options_.weight_decay;
    auto update = [&](auto& p, const auto& grad, auto& v) {
        using Tensor = std::decay_t<decltype(p)>;
        const Tensor g = grad + wd * p;
        if (steps_ == 0)
            v = g;
        else
            v = mu * v + g;
        p -= lr * v;  // the slip: options_.nesterov ignored
    };
    if (steps_ == 0)
        velocity_ = zeros_like(params);
    for (std::size_t k = 0; k < grads.dW.size(); ++k)
        update(*params.matrices[k], grads.dW[k], velocity_.dW[k]);
    for (std::size_t k = 0; k < grads.db.size(); ++k)
        update(*params.vectors[k], grads.db[k], velocity_.db[k]);
    ++steps_;
}

}  // namespace scratchnet
