// mutant: z = [x, h_prev]: the concatenation in the wrong order (x first), against the layout whose first H rows of W multiply h.
// rejected-by: LstmCell.ForwardMatchesTheEquations
// rejected-by: LstmCell.CacheHoldsWhatBackwardNeeds
// rejected-by: LstmSequence.ForwardChainsTheSteps
// rejected-by: LstmSequence.LongSequenceStaysFinite
// rejected-by: PyTorch.LstmCellForwardMatchesGoldenValues
// rejected-by: PyTorch.LstmSequenceMatchesGoldenValues
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

LstmStep lstm_cell_forward(const Matrix& x, const Matrix& h_prev, const Matrix& c_prev,
                           const LstmParams& p)
{
    const Sizes s = sizes_of("lstm_cell_forward", p);
    const std::size_t N = x.shape(0);
    expect_shape("lstm_cell_forward", "x", x, N, s.D);
    expect_shape("lstm_cell_forward", "h_prev", h_prev, N, s.H);
    expect_shape("lstm_cell_forward", "c_prev", c_prev, N, s.H);

    LstmStep step;
    LstmCache& k = step.cache;
    k.z =
        xt::concatenate(xt::xtuple(x, h_prev), 1);  // x first    // z = [h_{t-1}, x_t]: (N, H + D)
    k.f = activations::sigmoid(dot(k.z, p.Wf) + p.bf);  // f = σ(z Wf + bf)
    k.i = activations::sigmoid(dot(k.z, p.Wi) + p.bi);  // i = σ(z Wi + bi)
    k.o = activations::sigmoid(dot(k.z, p.Wo) + p.bo);  // o = σ(z Wo + bo)
    k.c_tilde = xt::tanh(dot(k.z, p.Wc) + p.bc);        // c̃ = tanh(z Wc + bc)
    k.c_prev = c_prev;
    step.c = k.f * c_prev + k.i * k.c_tilde;  // c = f ⊙ c_{t-1} + i ⊙ c̃
    k.tanh_c = xt::tanh(step.c);
    step.h = k.o * k.tanh_c;  // h = o ⊙ tanh(c)
    return step;
}

}  // namespace scratchnet
