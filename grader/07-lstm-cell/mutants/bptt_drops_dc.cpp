// mutant: BPTT does not carry dc: each step gets dc = 0 instead of the dc_prev of step t + 1.
// rejected-by: Bptt.GradientMatchesFiniteDifferences
// rejected-by: Bptt.LongSequenceStaysFinite
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

LstmSequenceGradients lstm_backward(const std::vector<Matrix>& dh, const LstmSequence& seq,
                                    const LstmParams& p)
{
    const std::size_t T = seq.caches.size();
    if (dh.size() != T)
        throw std::invalid_argument("lstm_backward: dh holds " + std::to_string(dh.size()) +
                                    " matrices but the sequence has " + std::to_string(T) +
                                    " steps");
    if (T == 0)
        throw std::invalid_argument("lstm_backward: the sequence is empty (T = 0)");
    const Sizes s = sizes_of("lstm_backward", p);
    const std::size_t N = seq.caches.front().z.shape(0);

    LstmSequenceGradients g;
    g.dx.resize(T);
    g.dparams = LstmParams{xt::zeros_like(p.Wf), xt::zeros_like(p.bf), xt::zeros_like(p.Wi),
                           xt::zeros_like(p.bi), xt::zeros_like(p.Wo), xt::zeros_like(p.bo),
                           xt::zeros_like(p.Wc), xt::zeros_like(p.bc)};
    Matrix dh_next = xt::zeros<double>({N, s.H});  // carried back from step t + 1
    Matrix dc_next = xt::zeros<double>({N, s.H});
    for (std::size_t t = T; t-- > 0;) {
        expect_shape("lstm_backward", "dh[t]", dh[t], N, s.H);
        LstmCellGradients step =
            lstm_cell_backward(dh[t] + dh_next, xt::zeros_like(dh_next), seq.caches[t], p);
        g.dx[t] = std::move(step.dx);
        g.dparams.Wf += step.dparams.Wf;  // the same parameters at every step: sum
        g.dparams.bf += step.dparams.bf;
        g.dparams.Wi += step.dparams.Wi;
        g.dparams.bi += step.dparams.bi;
        g.dparams.Wo += step.dparams.Wo;
        g.dparams.bo += step.dparams.bo;
        g.dparams.Wc += step.dparams.Wc;
        g.dparams.bc += step.dparams.bc;
        dh_next = std::move(step.dh_prev);
        dc_next = std::move(step.dc_prev);
    }
    g.dh0 = std::move(dh_next);
    g.dc0 = std::move(dc_next);
    return g;
}

}  // namespace scratchnet
