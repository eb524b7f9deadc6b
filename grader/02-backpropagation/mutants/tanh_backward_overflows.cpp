// mutant: tanh written out as (e^z - e^{-z}) / (e^z + e^{-z}) in the backward pass: for
//         |z| = 1000 that is inf / inf, NaN.
// rejected-by: ActivationBackward.FiniteForLargeInputs
#include "backpropagation.hpp"

#include <xtensor/xmath.hpp>

namespace scratchnet {
Matrix activation_backward(const Matrix& dA, const Matrix& Z, const std::string& name)
{
    if (name == "tanh") {
        Matrix t = (xt::exp(Z) - xt::exp(-Z)) / (xt::exp(Z) + xt::exp(-Z));
        return dA * (1.0 - t * t);
    }
    return dA * activation(name).derivative(Z);
}
}  // namespace scratchnet
