// mutant: the error for a bad label names the label and the number of classes but not where in
//         y it is.
// rejected-by: OneHot.LabelOutOfRangeIsAClearError
#include "backpropagation.hpp"

#include <xtensor/xmath.hpp>

namespace scratchnet {
Matrix one_hot(const Labels& y, std::size_t classes)
{
    Matrix Y = xt::zeros<double>({y.size(), classes});
    for (std::size_t n = 0; n < y.size(); ++n) {
        if (y[n] >= classes)
            throw std::invalid_argument("one_hot: label " + std::to_string(y[n]) +
                                        " is out of range for " + std::to_string(classes) +
                                        " classes");
        Y(n, y[n]) = 1.0;
    }
    return Y;
}
}  // namespace scratchnet
