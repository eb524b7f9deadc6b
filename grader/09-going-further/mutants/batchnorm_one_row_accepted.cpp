// mutant: Batch norm accepts N = 1 in training (variance 0, running variance ÷ 0) instead of
// throwing.
// rejected-by: BatchNorm.BadInputsThrowAndChangeNothing
#include "going_further.hpp"

#include <cmath>
#include <stdexcept>
#include <string>
#include <type_traits>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {

BatchNormForward batchnorm_forward(const Matrix& X, BatchNorm& bn, bool training)
{
    const std::size_t N = X.shape(0), H = bn.gamma.size();
    if (X.shape(1) != H)
        throw std::invalid_argument("batchnorm_forward: X is " + shape_str(X));
    BatchNormForward f;
    f.cache.training = training;
    Vector mean, var;
    const double n = static_cast<double>(N);
    if (training) {
        mean = xt::mean(X, {0}, xt::evaluation_strategy::immediate);
        var = xt::mean(xt::square(X - mean), {0}, xt::evaluation_strategy::immediate);
        bn.running_mean = (1 - bn.momentum) * bn.running_mean + bn.momentum * mean;
        bn.running_var = (1 - bn.momentum) * bn.running_var + bn.momentum * var * n / (n - 1);
    } else {
        mean = bn.running_mean;
        var = bn.running_var;
    }
    f.cache.inv_std = 1.0 / xt::sqrt(var + bn.eps);
    f.cache.x_hat = (X - mean) * f.cache.inv_std;
    f.y = bn.gamma * f.cache.x_hat + bn.beta;
    return f;
}

}  // namespace scratchnet
