// mutant: predict starts its running maximum at a score of 0, so a row whose logits are all
//         negative is predicted as class 0.
// rejected-by: Predict.ArgmaxOfEachRow
// rejected-by: Predict.FirstOnTie
#include "backpropagation.hpp"

namespace scratchnet {
Labels predict(const Network& net, const Matrix& X)
{
    const Matrix S = forward(net, X).output();
    Labels out(S.shape(0), 0);
    for (std::size_t n = 0; n < S.shape(0); ++n) {
        double best = 0.0;
        for (std::size_t k = 0; k < S.shape(1); ++k)
            if (S(n, k) > best) {
                best = S(n, k);
                out[n] = k;
            }
    }
    return out;
}
}  // namespace scratchnet
