// mutant: rnn_cell_forward leaves out the bias: h_t = tanh(x Wx + h_{t−1} Wh).
// rejected-by: RnnCell.ForwardMatchesTheEquation
// rejected-by: RnnCell.SaturatedStaysFinite
// rejected-by: RnnSequence.ForwardChainsTheSteps
// rejected-by: TimeSignal.RnnNormsMatchFiniteDifferences
// rejected-by: TimeSignal.RnnLongSequenceMatchesOracle
#include "vanishing_gradients.hpp"

#include <stdexcept>
#include <string>

#include <xtensor/xmath.hpp>

namespace scratchnet {

RnnCache rnn_cell_forward(const Matrix& x, const Matrix& h_prev, const RnnParams& p)
{
    const std::size_t N = x.shape(0), D = p.Wx.shape(0), H = p.Wx.shape(1);
    if (D == 0 || H == 0)
        throw std::invalid_argument("rnn_cell_forward: Wx is " + shape_str(p.Wx));
    if (p.Wh.shape(0) != H || p.Wh.shape(1) != H)
        throw std::invalid_argument("rnn_cell_forward: Wh is " + shape_str(p.Wh));
    if (p.b.size() != H)
        throw std::invalid_argument("rnn_cell_forward: b is " + shape_str(p.b));
    if (x.shape(1) != D)
        throw std::invalid_argument("rnn_cell_forward: x is " + shape_str(x));
    if (h_prev.shape(0) != N || h_prev.shape(1) != H)
        throw std::invalid_argument("rnn_cell_forward: h_prev is " + shape_str(h_prev));
    RnnCache k{x, h_prev, {}};
    k.h = xt::tanh(dot(x, p.Wx) + dot(h_prev, p.Wh));  // the slip: no + b
    return k;
}

}  // namespace scratchnet
