// mutant: lstm_hidden_gradient_norms does not carry dc: every step back gets dc = 0 instead of the
// dc_prev of the step after it.
// rejected-by: TimeSignal.LstmNormsMatchFiniteDifferences
// rejected-by: TimeSignal.LstmLongSequenceMatchesOracle
#include "vanishing_gradients.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>

namespace scratchnet {

std::vector<double> lstm_hidden_gradient_norms(const std::vector<Matrix>& xs, const Matrix& h0,
                                               const Matrix& c0, const LstmParams& p,
                                               const Matrix& dh_last)
{
    const LstmSequence seq = lstm_forward(xs, h0, c0, p);
    if (dh_last.shape(0) != h0.shape(0) || dh_last.shape(1) != p.Wf.shape(1))
        throw std::invalid_argument("lstm_hidden_gradient_norms: dh_last is " + shape_str(dh_last));
    const std::size_t T = xs.size();
    std::vector<double> norms(T);
    Matrix dh = dh_last;
    const Matrix dc = xt::zeros_like(dh_last);  // the slip: never updated
    for (std::size_t t = T; t-- > 0;) {
        norms[t] = std::sqrt(xt::sum(dh * dh)());
        if (t > 0)
            dh = lstm_cell_backward(dh, dc, seq.caches[t], p).dh_prev;
    }
    return norms;
}

}  // namespace scratchnet
