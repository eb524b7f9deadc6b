// Drill solution: stable sigmoid and its derivative.
#include "core.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>

namespace scratchnet::activations {

Matrix sigmoid(const Matrix& Z)
{
    // exp only ever sees -|z| <= 0, so it lies in (0, 1] and cannot overflow.
    Matrix e = xt::exp(-xt::abs(Z));
    return xt::where(Z >= 0.0, 1.0 / (1.0 + e), e / (1.0 + e));
}

Matrix sigmoid_derivative(const Matrix& Z)
{
    Matrix s = sigmoid(Z);
    return s * (1.0 - s);
}

}  // namespace scratchnet::activations
