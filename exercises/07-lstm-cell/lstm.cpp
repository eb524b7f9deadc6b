// Chapter 07 — the LSTM cell. Your file: replace each `throw not_implemented(...)` with your
// code, then run `./grade 07`. The contract (what each function takes and returns) is in
// chapters/07-lstm-cell/lstm.hpp; the text is chapters/07-lstm-cell/README.md. `./grade hint 07` gives
// hints one at a time. The earlier chapters' functions (activations::sigmoid, dot,
// transposed, …) are available.
#include "lstm.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {

LstmParams lstm_init(std::size_t D, std::size_t H, Rng& rng, double forget_bias)
{
    // TODO: four (H + D, H) weight matrices, uniform in [-1/√H, 1/√H), drawn Wf, Wi, Wo, Wc;
    // the biases. Which bias is not zero?
    throw not_implemented("lstm_init");
}

LstmStep lstm_cell_forward(const Matrix& x, const Matrix& h_prev, const Matrix& c_prev,
                           const LstmParams& p)
{
    // TODO: z = [h_prev, x] (xt::concatenate(xt::xtuple(A, B), 1)), the four gates, then c
    // and h. Keep in the cache what the backward pass will need.
    throw not_implemented("lstm_cell_forward");
}

LstmCellGradients lstm_cell_backward(const Matrix& dh, const Matrix& dc, const LstmCache& cache,
                                     const LstmParams& p)
{
    // TODO: restate each forward line, then write its backward line below it, from h back to z.
    // How many paths lead from c_t to the loss?
    throw not_implemented("lstm_cell_backward");
}

LstmSequence lstm_forward(const std::vector<Matrix>& xs, const Matrix& h0, const Matrix& c0,
                          const LstmParams& p)
{
    // TODO: the cell, step after step, each taking the previous step's h and c.
    throw not_implemented("lstm_forward");
}

LstmSequenceGradients lstm_backward(const std::vector<Matrix>& dh, const LstmSequence& seq,
                                    const LstmParams& p)
{
    // TODO: from the last step back to the first. What does step t receive from step t + 1,
    // and what happens to the parameter gradients of the T steps?
    throw not_implemented("lstm_backward");
}

}  // namespace scratchnet
