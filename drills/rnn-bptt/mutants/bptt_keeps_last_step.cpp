// mutant: BPTT keeps one step's parameter gradients instead of summing them over time
// rejected-by: RnnBptt.GradientEntersAtMiddleSteps
// rejected-by: RnnBptt.GradientMatchesFiniteDifferences
// rejected-by: RnnBptt.LossAtTheLastStepOnly
// rejected-by: RnnBptt.WeightGradientsSumOverSteps
#include "core.hpp"
#include "vanishing_gradients.hpp"

#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>

namespace scratchnet {

namespace {

void expect(bool ok, const char* function, const std::string& what)
{
    if (!ok)
        throw std::invalid_argument(std::string(function) + ": " + what);
}

void check_params(const char* function, const RnnParams& p)
{
    const std::size_t H = p.Wx.shape(1);
    expect(p.Wh.shape(0) == H && p.Wh.shape(1) == H, function,
           "Wh is " + shape_str(p.Wh) + ", expected (" + std::to_string(H) + ", " +
               std::to_string(H) + ")");
    expect(p.b.size() == H, function, "b is " + shape_str(p.b));
}

}  // namespace

RnnCellGradients rnn_cell_backward(const Matrix& dh, const RnnCache& cache, const RnnParams& p)
{
    check_params("rnn_cell_backward", p);
    expect(dh.shape(0) == cache.h.shape(0) && dh.shape(1) == p.Wx.shape(1), "rnn_cell_backward",
           "dh is " + shape_str(dh) + ", expected the shape of h " + shape_str(cache.h));
    const Matrix da = dh * (1.0 - cache.h * cache.h);  // through tanh, from its output
    RnnCellGradients g;
    g.dx = dot(da, transposed(p.Wx));
    g.dh_prev = dot(da, transposed(p.Wh));
    g.dparams.Wx = dot(transposed(cache.x), da);
    g.dparams.Wh = dot(transposed(cache.h_prev), da);
    g.dparams.b = xt::sum(da, {0});
    return g;
}

RnnSequenceGradients rnn_backward(const std::vector<Matrix>& dh, const RnnSequence& seq,
                                  const RnnParams& p)
{
    const std::size_t T = seq.caches.size();
    expect(T > 0, "rnn_backward", "the sequence is empty");
    expect(dh.size() == T, "rnn_backward",
           "dh holds " + std::to_string(dh.size()) + " matrices for " + std::to_string(T) +
               " steps");
    RnnSequenceGradients out;
    out.dx.resize(T);
    out.dparams = {xt::zeros_like(p.Wx), xt::zeros_like(p.Wh), xt::zeros_like(p.b)};
    Matrix carried = xt::zeros_like(seq.caches.back().h);
    for (std::size_t t = T; t-- > 0;) {
        expect(dh[t].shape() == carried.shape(), "rnn_backward",
               "dh[" + std::to_string(t) + "] is " + shape_str(dh[t]) + ", expected " +
                   shape_str(carried));
        RnnCellGradients g = rnn_cell_backward(dh[t] + carried, seq.caches[t], p);
        out.dx[t] = std::move(g.dx);
        out.dparams.Wx = g.dparams.Wx;
        out.dparams.Wh = g.dparams.Wh;
        out.dparams.b = g.dparams.b;
        carried = std::move(g.dh_prev);
    }
    out.dh0 = std::move(carried);
    return out;
}

}  // namespace scratchnet
