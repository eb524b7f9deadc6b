// mutant: the label check is y[n] >= classes - 1, so the last class, a valid label, is
//         rejected.
// rejected-by: OneHot.MarksTheLabel
// rejected-by: OneHot.LabelOutOfRangeIsAClearError
// rejected-by: CrossEntropy.GradientMatchesFiniteDifferences
// rejected-by: CrossEntropy.GradientFiniteForExtremeLogits
// rejected-by: Backprop.LossMatchesReference
// rejected-by: Backprop.GradientsMatchFiniteDifferences
// rejected-by: Backprop.FiniteForExtremeLogits
// rejected-by: Train.LossHistoryMatchesReference
// rejected-by: TwoLayerNet.LearnsXor
// rejected-by: PyTorch.TwoLayerGradientsMatchGoldenValues
#include "backpropagation.hpp"

#include <xtensor/xmath.hpp>

namespace scratchnet {
Matrix one_hot(const Labels& y, std::size_t classes)
{
    Matrix Y = xt::zeros<double>({y.size(), classes});
    for (std::size_t n = 0; n < y.size(); ++n) {
        if (y[n] >= classes - 1)
            throw std::invalid_argument("one_hot: label " + std::to_string(y[n]) + " at position " +
                                        std::to_string(n) + " is out of range for " +
                                        std::to_string(classes) + " classes");
        Y(n, y[n]) = 1.0;
    }
    return Y;
}
}  // namespace scratchnet
