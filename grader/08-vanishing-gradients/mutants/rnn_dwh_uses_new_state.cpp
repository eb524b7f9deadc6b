// mutant: rnn_cell_backward computes dWh with the new state h_t instead of h_{t−1}, the state the
// step started from.
// rejected-by: RnnCellBackward.GradientMatchesFiniteDifferences
// rejected-by: RnnBptt.GradientMatchesFiniteDifferences
// rejected-by: RnnBptt.LossAtTheLastStepOnly
// rejected-by: RnnBptt.GradientEntersAtMiddleSteps
// rejected-by: RnnBptt.WeightGradientsSumOverSteps
#include "vanishing_gradients.hpp"

#include <stdexcept>
#include <string>

#include <xtensor/xmath.hpp>

namespace scratchnet {

RnnCellGradients rnn_cell_backward(const Matrix& dh, const RnnCache& k, const RnnParams& p)
{
    const std::size_t N = k.x.shape(0), H = p.Wx.shape(1);
    if (dh.shape(0) != N || dh.shape(1) != H)
        throw std::invalid_argument("rnn_cell_backward: dh is " + shape_str(dh) + ", expected (" +
                                    std::to_string(N) + ", " + std::to_string(H) + ")");
    const Matrix da = dh * (1.0 - k.h * k.h);
    RnnCellGradients g;
    g.dx = dot(da, transposed(p.Wx));
    g.dh_prev = dot(da, transposed(p.Wh));
    g.dparams.Wx = dot(transposed(k.x), da);
    g.dparams.Wh = dot(transposed(k.h), da);  // the slip: h_t, not h_{t-1}
    g.dparams.b = xt::sum(da, {0}, xt::evaluation_strategy::immediate);
    return g;
}

}  // namespace scratchnet
