// mutant: the one-hot 1 lands one class to the right of the label (wrapping round).
// rejected-by: OneHot.MarksTheLabel
// rejected-by: OneHot.LabelOutOfRangeIsAClearError
// rejected-by: CrossEntropy.GradientMatchesFiniteDifferences
// rejected-by: CrossEntropy.GradientFiniteForExtremeLogits
// rejected-by: Backprop.GradientsMatchFiniteDifferences
// rejected-by: Backprop.FiniteForExtremeLogits
// rejected-by: Train.LossHistoryMatchesReference
// rejected-by: TwoLayerNet.LearnsXor
// rejected-by: PyTorch.CrossEntropyGradientMatchesGoldenValues
// rejected-by: PyTorch.TwoLayerGradientsMatchGoldenValues
#include "backpropagation.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {
Matrix one_hot(const Labels& y, std::size_t classes)
{
    Matrix Y = xt::zeros<double>({y.size(), classes});
    for (std::size_t n = 0; n < y.size(); ++n) {
        if (y[n] >= classes)
            throw std::invalid_argument("one_hot: label " + std::to_string(y[n]) +
                                        " out of range for " + std::to_string(classes) +
                                        " classes");
        Y(n, (y[n] + 1) % classes) = 1.0;
    }
    return Y;
}
}  // namespace scratchnet
