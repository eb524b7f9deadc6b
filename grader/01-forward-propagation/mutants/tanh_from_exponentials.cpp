// mutant: tanh written from its definition, (e^z - e^-z) / (e^z + e^-z): for |z| > 710 both
//         exponentials overflow and inf / inf is NaN.
// rejected-by: Activations.TanhMatchesReference
#include "forward_propagation.hpp"

namespace scratchnet::activations {
Matrix tanh(const Matrix& Z)
{
    Matrix p = xt::exp(Z), m = xt::exp(-Z);
    return (p - m) / (p + m);
}
}  // namespace scratchnet::activations
