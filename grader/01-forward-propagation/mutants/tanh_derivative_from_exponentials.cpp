// mutant: tanh'(z) = 1 - t^2 with t written as (e^z - e^-z) / (e^z + e^-z) instead of xt::tanh:
//         NaN for |z| > 710.
// rejected-by: Activations.TanhDerivativeMatchesFiniteDifferences
#include "forward_propagation.hpp"

namespace scratchnet::activations {
Matrix tanh_derivative(const Matrix& Z)
{
    Matrix p = xt::exp(Z), m = xt::exp(-Z);
    Matrix t = (p - m) / (p + m);
    return 1.0 - t * t;
}
}  // namespace scratchnet::activations
