// mutant: tanh' of the candidate written 1 − c̃ (the square missing).
// rejected-by: LstmCellBackward.GradientMatchesFiniteDifferences
// rejected-by: LstmCellBackward.CellPathAlone
// rejected-by: LstmCellBackward.HiddenPathAlone
// rejected-by: LstmCellBackward.BiasGradientsSumOverRows
// rejected-by: Bptt.GradientMatchesFiniteDifferences
// rejected-by: Bptt.LongSequenceStaysFinite
// rejected-by: PyTorch.LstmCellBackwardMatchesGoldenValues
// rejected-by: PyTorch.BpttMatchesGoldenValues
#include "lstm.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {

namespace {

struct Sizes {
    std::size_t D, H;
};

void expect_shape(const char* function, const char* name, const Matrix& m, std::size_t rows,
                  std::size_t cols)
{
    if (m.shape(0) != rows || m.shape(1) != cols)
        throw std::invalid_argument(std::string(function) + ": " + name + " is " + shape_str(m) +
                                    ", expected (" + std::to_string(rows) + ", " +
                                    std::to_string(cols) + ")");
}

// D and H from Wf: (H + D, H); every other parameter must agree.
Sizes sizes_of(const char* function, const LstmParams& p)
{
    const std::size_t H = p.Wf.shape(1);
    if (H == 0 || p.Wf.shape(0) <= H)
        throw std::invalid_argument(std::string(function) + ": Wf is " + shape_str(p.Wf) +
                                    "; it must be (H + D, H) with H >= 1 and D >= 1");
    const Sizes s{p.Wf.shape(0) - H, H};
    for (auto [name, W] :
         {std::pair<const char*, const Matrix*>{"Wi", &p.Wi}, {"Wo", &p.Wo}, {"Wc", &p.Wc}})
        expect_shape(function, name, *W, s.H + s.D, s.H);
    for (auto [name, b] : {std::pair<const char*, const Vector*>{"bf", &p.bf},
                           {"bi", &p.bi},
                           {"bo", &p.bo},
                           {"bc", &p.bc}})
        if (b->size() != s.H)
            throw std::invalid_argument(std::string(function) + ": " + name + " is " +
                                        shape_str(*b) + ", expected (" + std::to_string(s.H) + ")");
    return s;
}

Matrix sigmoid_derivative_of(const Matrix& s) { return s * (1.0 - s); }  // σ' from σ
Matrix tanh_derivative_of(const Matrix& t) { return 1.0 - t * t; }       // tanh' from tanh

}  // namespace

LstmCellGradients lstm_cell_backward(const Matrix& dh, const Matrix& dc, const LstmCache& k,
                                     const LstmParams& p)
{
    const Sizes s = sizes_of("lstm_cell_backward", p);
    const std::size_t N = k.z.shape(0);
    expect_shape("lstm_cell_backward", "dh", dh, N, s.H);
    expect_shape("lstm_cell_backward", "dc", dc, N, s.H);

    // h = o ⊙ tanh(c)
    const Matrix d_o = dh * k.tanh_c;
    const Matrix d_c = dc + dh * k.o * tanh_derivative_of(k.tanh_c);  // both paths into c_t
    // c = f ⊙ c_{t-1} + i ⊙ c̃
    const Matrix d_f = d_c * k.c_prev;
    const Matrix d_i = d_c * k.c_tilde;
    const Matrix d_ct = d_c * k.i;
    // each gate's pre-activation: a_g = z W_g + b_g
    const Matrix da_f = d_f * sigmoid_derivative_of(k.f);
    const Matrix da_i = d_i * sigmoid_derivative_of(k.i);
    const Matrix da_o = d_o * sigmoid_derivative_of(k.o);
    const Matrix da_c = d_ct * (1.0 - k.c_tilde);  // not squared

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
    g.dh_prev = xt::view(dz, xt::all(), xt::range(0, s.H));  // z = [h_{t-1}, x_t]
    g.dx = xt::view(dz, xt::all(), xt::range(s.H, s.H + s.D));
    return g;
}

}  // namespace scratchnet
