// mutant: the second moment accumulates |g| instead of g squared
// rejected-by: Adam.BiasCorrectionAtTheFirstStep
// rejected-by: Adam.MatchesTheRecurrence
// rejected-by: PyTorch.AdamMatchesGoldenValues
// rejected-by: PyTorch.AdamWMatchesGoldenValues
#include "core.hpp"
#include "going_further.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>

namespace scratchnet {

namespace {

template <class T>
bool same_shapes(const std::vector<T>& a, const std::vector<T>& b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t k = 0; k < a.size(); ++k)
        if (a[k].shape() != b[k].shape())
            return false;
    return true;
}

template <class P, class T>
void adam_update(P& p, const T& grad, T& m, T& v, const AdamOptions& o, double t)
{
    T g = grad;
    if (o.decoupled)
        p *= 1 - o.lr * o.weight_decay;
    else
        g += o.weight_decay * p;
    m = o.beta1 * m + (1 - o.beta1) * g;
    v = o.beta2 * v + (1 - o.beta2) * xt::abs(g);
    const T m_hat = m / (1 - std::pow(o.beta1, t));
    const T v_hat = v / (1 - std::pow(o.beta2, t));
    p -= o.lr * m_hat / (xt::sqrt(v_hat) + o.eps);
}

}  // namespace

void Adam::step(const ParamList& params, const Gradients& grads)
{
    if (grads.dW.size() != params.matrices.size() || grads.db.size() != params.vectors.size())
        throw std::invalid_argument("Adam::step: " + std::to_string(grads.dW.size()) + " dW and " +
                                    std::to_string(grads.db.size()) + " db for " +
                                    std::to_string(params.matrices.size()) + " matrices and " +
                                    std::to_string(params.vectors.size()) + " vectors");
    for (std::size_t k = 0; k < grads.dW.size(); ++k)
        if (grads.dW[k].shape() != params.matrices[k]->shape())
            throw std::invalid_argument("Adam::step: dW[" + std::to_string(k) + "] is " +
                                        shape_str(grads.dW[k]));
    for (std::size_t k = 0; k < grads.db.size(); ++k)
        if (grads.db[k].shape() != params.vectors[k]->shape())
            throw std::invalid_argument("Adam::step: db[" + std::to_string(k) + "] is " +
                                        shape_str(grads.db[k]));
    if (steps_ == 0) {
        m_ = v_ = Gradients{};
        for (const Matrix& g : grads.dW) {
            m_.dW.push_back(xt::zeros_like(g));
            v_.dW.push_back(xt::zeros_like(g));
        }
        for (const Vector& g : grads.db) {
            m_.db.push_back(xt::zeros_like(g));
            v_.db.push_back(xt::zeros_like(g));
        }
    } else if (!same_shapes(m_.dW, grads.dW) || !same_shapes(m_.db, grads.db)) {
        throw std::invalid_argument("Adam::step: other parameters than at the first step");
    }
    const double t = static_cast<double>(steps_ + 1);
    for (std::size_t k = 0; k < grads.dW.size(); ++k)
        adam_update(*params.matrices[k], grads.dW[k], m_.dW[k], v_.dW[k], options_, t);
    for (std::size_t k = 0; k < grads.db.size(); ++k)
        adam_update(*params.vectors[k], grads.db[k], m_.db[k], v_.db[k], options_, t);
    ++steps_;
}

}  // namespace scratchnet
