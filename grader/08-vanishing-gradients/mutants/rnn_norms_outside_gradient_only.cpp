// mutant: rnn_hidden_gradient_norms records the gradient entering from outside at each step
// (dh_last at T, zeros before) instead of the whole gradient reaching h_t: the carried gradient is
// never added.
// rejected-by: TimeSignal.RnnNormsMatchFiniteDifferences
// rejected-by: TimeSignal.RnnLongSequenceMatchesOracle
#include "vanishing_gradients.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include <xtensor/xbuilder.hpp>
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
    Matrix carried = xt::zeros_like(dh_last);
    for (std::size_t t = T; t-- > 0;) {
        const Matrix outside = t + 1 == T ? dh_last : Matrix(xt::zeros_like(dh_last));
        norms[t] = std::sqrt(xt::sum(outside * outside)());  // the slip: before adding `carried`
        carried = rnn_cell_backward(outside + carried, seq.caches[t], p).dh_prev;
    }
    return norms;
}

}  // namespace scratchnet
