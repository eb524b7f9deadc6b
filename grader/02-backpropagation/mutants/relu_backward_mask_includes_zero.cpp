// mutant: ReLU backward masks with Z >= 0, so the gradient flows through units whose
//         pre-activation is exactly 0 (chapter 01 takes g'(0) = 0).
// rejected-by: ActivationBackward.MatchesFiniteDifferences
// rejected-by: TwoLayerNet.LearnsXor
#include "backpropagation.hpp"

#include <xtensor/xmath.hpp>

namespace scratchnet {
Matrix activation_backward(const Matrix& dA, const Matrix& Z, const std::string& name)
{
    if (name == "relu")
        return dA * xt::where(Z >= 0.0, 1.0, 0.0);
    return dA * activation(name).derivative(Z);
}
}  // namespace scratchnet
