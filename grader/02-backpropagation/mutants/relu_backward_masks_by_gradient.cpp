// mutant: ReLU backward masks by the sign of the incoming gradient dA instead of by the
//         pre-activation Z.
// rejected-by: ActivationBackward.MatchesFiniteDifferences
// rejected-by: ActivationBackward.FiniteForLargeInputs
// rejected-by: Backprop.GradientsMatchFiniteDifferences
// rejected-by: Backprop.FiniteForExtremeLogits
// rejected-by: TwoLayerNet.LearnsXor
// rejected-by: PyTorch.TwoLayerGradientsMatchGoldenValues
#include "backpropagation.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {
Matrix activation_backward(const Matrix& dA, const Matrix& Z, const std::string& name)
{
    if (name == "relu")
        return xt::where(dA > 0.0, dA, 0.0);
    return dA * activation(name).derivative(Z);
}
}  // namespace scratchnet
