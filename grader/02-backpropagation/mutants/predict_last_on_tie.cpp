// mutant: predict keeps the running maximum with >=, so on a tie it returns the last of the
//         equal logits instead of the first.
// rejected-by: Predict.FirstOnTie
#include "backpropagation.hpp"

namespace scratchnet {
Labels predict(const Network& net, const Matrix& X)
{
    const Matrix S = forward(net, X).output();
    Labels out(S.shape(0), 0);
    for (std::size_t n = 0; n < S.shape(0); ++n)
        for (std::size_t k = 1; k < S.shape(1); ++k)
            if (S(n, k) >= S(n, out[n]))
                out[n] = k;
    return out;
}
}  // namespace scratchnet
