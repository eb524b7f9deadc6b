// mutant: rnn_hidden_gradient_norms records each norm after stepping back through step t instead of
// before: entry t − 1 holds ‖∂L/∂h_{t−1}‖ (entry 0 is ‖dh0‖, ‖dh_last‖ is missing).
// rejected-by: TimeSignal.RnnNormsMatchFiniteDifferences
// rejected-by: TimeSignal.RnnLongSequenceMatchesOracle
#include "vanishing_gradients.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include <xtensor/xmath.hpp>

namespace scratchnet {

std::vector<double> rnn_hidden_gradient_norms(const std::vector<Matrix>& xs, const Matrix& h0,
                                              const RnnParams& p, const Matrix& dh_last)
{
    const RnnSequence seq = rnn_forward(xs, h0, p);
    if (dh_last.shape(0) != h0.shape(0) || dh_last.shape(1) != p.Wx.shape(1))
        throw std::invalid_argument("rnn_hidden_gradient_norms: dh_last is " + shape_str(dh_last));
    const std::size_t T = xs.size();
    std::vector<double> norms(T);
    Matrix dh = dh_last;
    for (std::size_t t = T; t-- > 0;) {
        dh = rnn_cell_backward(dh, seq.caches[t], p).dh_prev;
        norms[t] = std::sqrt(xt::sum(dh * dh)());  // the slip: after the step back
    }
    return norms;
}

}  // namespace scratchnet
