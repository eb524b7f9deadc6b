// mutant: the output gate's sigmoid' is taken as sigma(o) (1 - sigma(o)) of the gate's output o, applying the sigmoid twice.
// rejected-by: LstmCellBackward.BiasGradientsSumOverRows
// rejected-by: LstmCellBackward.GradientMatchesFiniteDifferences
// rejected-by: LstmCellBackward.HiddenPathAlone
// rejected-by: PyTorch.LstmCellBackwardMatchesGoldenValues
#include "core.hpp"
#include "forward_propagation.hpp"
#include "lstm.hpp"

#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {

namespace {

void expect(bool ok, const std::string& name, const std::string& shape)
{
    if (!ok)
        throw std::invalid_argument("lstm_cell_backward: " + name + " is " + shape);
}

}  // namespace

LstmCellGradients lstm_cell_backward(const Matrix& dh, const Matrix& dc, const LstmCache& k,
                                     const LstmParams& p)
{
    const std::size_t H = p.Wf.shape(1);
    expect(H >= 1 && p.Wf.shape(0) > H, "Wf", shape_str(p.Wf));
    const std::size_t D = p.Wf.shape(0) - H, N = k.z.shape(0);
    for (auto [name, W] :
         {std::pair<const char*, const Matrix*>{"Wi", &p.Wi}, {"Wo", &p.Wo}, {"Wc", &p.Wc}})
        expect(W->shape(0) == H + D && W->shape(1) == H, name, shape_str(*W));
    for (auto [name, b] : {std::pair<const char*, const Vector*>{"bf", &p.bf},
                           {"bi", &p.bi},
                           {"bo", &p.bo},
                           {"bc", &p.bc}})
        expect(b->size() == H, name, shape_str(*b));
    expect(dh.shape(0) == N && dh.shape(1) == H, "dh", shape_str(dh));
    expect(dc.shape(0) == N && dc.shape(1) == H, "dc", shape_str(dc));

    // h = o * tanh(c)
    const Matrix d_o = dh * k.tanh_c;
    const Matrix d_c = dc + dh * k.o * (1.0 - k.tanh_c * k.tanh_c);
    // c = f * c_prev + i * c~
    const Matrix da_f = d_c * k.c_prev * k.f * (1.0 - k.f);
    const Matrix da_i = d_c * k.c_tilde * k.i * (1.0 - k.i);
    const Matrix da_c = d_c * k.i * (1.0 - k.c_tilde * k.c_tilde);
    const Matrix so = activations::sigmoid(k.o);
    const Matrix da_o = d_o * so * (1.0 - so);

    LstmCellGradients g;
    g.dc_prev = d_c * k.f;
    g.dparams.Wf = dot(transposed(k.z), da_f);
    g.dparams.Wi = dot(transposed(k.z), da_i);
    g.dparams.Wo = dot(transposed(k.z), da_o);
    g.dparams.Wc = dot(transposed(k.z), da_c);
    g.dparams.bf = xt::sum(da_f, {0});
    g.dparams.bi = xt::sum(da_i, {0});
    g.dparams.bo = xt::sum(da_o, {0});
    g.dparams.bc = xt::sum(da_c, {0});
    const Matrix dz = dot(da_f, transposed(p.Wf)) + dot(da_i, transposed(p.Wi)) +
                      dot(da_o, transposed(p.Wo)) + dot(da_c, transposed(p.Wc));
    g.dh_prev = xt::view(dz, xt::all(), xt::range(0, H));
    g.dx = xt::view(dz, xt::all(), xt::range(H, H + D));
    return g;
}

}  // namespace scratchnet
