// mutant: the label check is y[n] > classes, so a label equal to the number of classes gets
//         through and its 1 spills into the next row.
// rejected-by: OneHot.LabelOutOfRangeIsAClearError
#include "backpropagation.hpp"

#include <xtensor/xmath.hpp>

namespace scratchnet {
Matrix one_hot(const Labels& y, std::size_t classes)
{
    Matrix Y = xt::zeros<double>({y.size(), classes});
    for (std::size_t n = 0; n < y.size(); ++n) {
        if (y[n] > classes)
            throw std::invalid_argument("one_hot: label " + std::to_string(y[n]) + " at position " +
                                        std::to_string(n) + " is out of range for " +
                                        std::to_string(classes) + " classes");
        const std::size_t flat = n * classes + y[n];  // label C lands on the next row's column 0
        if (flat < Y.size())
            Y.data()[flat] = 1.0;
    }
    return Y;
}
}  // namespace scratchnet
