// mutant: the sigmoid's derivative written as e^{-z} / (1 + e^{-z})^2: for z = -1000 that is
//         inf / inf, NaN.
// rejected-by: ActivationBackward.FiniteForLargeInputs
#include "backpropagation.hpp"

#include <xtensor/xmath.hpp>

namespace scratchnet {
Matrix activation_backward(const Matrix& dA, const Matrix& Z, const std::string& name)
{
    if (name == "sigmoid") {
        Matrix e = xt::exp(-Z);
        return dA * e / ((1.0 + e) * (1.0 + e));
    }
    return dA * activation(name).derivative(Z);
}
}  // namespace scratchnet
