// mutant: rnn_cell_backward forgets tanh's derivative: da = dh instead of dh ⊙ (1 − h_t²).
// rejected-by: RnnCellBackward.GradientMatchesFiniteDifferences
// rejected-by: RnnCellBackward.BiasGradientSumsOverRows
// rejected-by: RnnCellBackward.SaturatedUnitsPassNothing
// rejected-by: RnnBptt.GradientMatchesFiniteDifferences
// rejected-by: RnnBptt.LossAtTheLastStepOnly
// rejected-by: RnnBptt.GradientEntersAtMiddleSteps
// rejected-by: RnnBptt.WeightGradientsSumOverSteps
// rejected-by: TimeSignal.RnnNormsMatchFiniteDifferences
// rejected-by: TimeSignal.RnnLongSequenceMatchesOracle
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
    const Matrix da = dh;  // the slip: no (1 − h²)
    RnnCellGradients g;
    g.dx = dot(da, transposed(p.Wx));
    g.dh_prev = dot(da, transposed(p.Wh));
    g.dparams.Wx = dot(transposed(k.x), da);
    g.dparams.Wh = dot(transposed(k.h_prev), da);
    g.dparams.b = xt::sum(da, {0}, xt::evaluation_strategy::immediate);
    return g;
}

}  // namespace scratchnet
