// mutant: rnn_backward does not carry dh back: step t gets only dh[t], not dh[t] + the dh_prev of
// step t + 1.
// rejected-by: RnnBptt.GradientMatchesFiniteDifferences
// rejected-by: RnnBptt.LossAtTheLastStepOnly
// rejected-by: RnnBptt.GradientEntersAtMiddleSteps
// rejected-by: RnnBptt.WeightGradientsSumOverSteps
#include "vanishing_gradients.hpp"

#include <stdexcept>
#include <string>

#include <xtensor/xbuilder.hpp>

namespace scratchnet {

RnnSequenceGradients rnn_backward(const std::vector<Matrix>& dh, const RnnSequence& seq,
                                  const RnnParams& p)
{
    const std::size_t T = seq.caches.size();
    if (dh.size() != T)
        throw std::invalid_argument("rnn_backward: dh holds " + std::to_string(dh.size()) +
                                    " matrices but the sequence has " + std::to_string(T) +
                                    " steps");
    if (T == 0)
        throw std::invalid_argument("rnn_backward: the sequence is empty (T = 0)");
    const std::size_t N = seq.caches.front().x.shape(0), H = p.Wx.shape(1);
    RnnSequenceGradients g;
    g.dx.resize(T);
    Matrix dh_next = xt::zeros<double>({N, H});
    for (std::size_t t = T; t-- > 0;) {
        if (dh[t].shape(0) != N || dh[t].shape(1) != H)
            throw std::invalid_argument("rnn_backward: dh[t] is " + shape_str(dh[t]));
        RnnCellGradients step = rnn_cell_backward(dh[t], seq.caches[t], p);  // the slip: no carry
        g.dx[t] = step.dx;
        if (t + 1 == T)
            g.dparams = step.dparams;
        else {
            g.dparams.Wx += step.dparams.Wx;
            g.dparams.Wh += step.dparams.Wh;
            g.dparams.b += step.dparams.b;
        }
        dh_next = step.dh_prev;
    }
    g.dh0 = dh_next;
    return g;
}

}  // namespace scratchnet
