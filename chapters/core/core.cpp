// Compiled once into scratchnet_core: xt::linalg::dot is the most expensive template to
// instantiate, and keeping it out of exercise files keeps the edit→verdict loop short.
#include "core.hpp"

#include <xtensor-blas/xlinalg.hpp>

namespace scratchnet {

Matrix dot(const Matrix& A, const Matrix& B)
{
    if (A.shape(1) != B.shape(0))
        throw std::invalid_argument("dot: inner sizes differ: A is " + shape_str(A) + " but B is " +
                                    shape_str(B) + " (A's columns must equal B's rows)");
    if (A.size() == 0 || B.size() == 0)  // BLAS rejects empty operands; the product is all zeros
        return Matrix(std::array<std::size_t, 2>{A.shape(0), B.shape(1)}, 0.0);
    return xt::linalg::dot(A, B);
}

}  // namespace scratchnet
