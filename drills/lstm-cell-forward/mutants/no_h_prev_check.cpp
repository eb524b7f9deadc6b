// mutant: h_prev's shape is never checked: a wrong width surfaces as a confusing error inside dot (or not at all).
// rejected-by: LstmCell.BadShapesAreClearErrors
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
        throw std::invalid_argument("lstm_cell_forward: " + name + " is " + shape);
}

}  // namespace

LstmStep lstm_cell_forward(const Matrix& x, const Matrix& h_prev, const Matrix& c_prev,
                           const LstmParams& p)
{
    const std::size_t H = p.Wf.shape(1);
    expect(H >= 1 && p.Wf.shape(0) > H, "Wf", shape_str(p.Wf));
    const std::size_t D = p.Wf.shape(0) - H, N = x.shape(0);
    for (auto [name, W] :
         {std::pair<const char*, const Matrix*>{"Wi", &p.Wi}, {"Wo", &p.Wo}, {"Wc", &p.Wc}})
        expect(W->shape(0) == H + D && W->shape(1) == H, name, shape_str(*W));
    for (auto [name, b] : {std::pair<const char*, const Vector*>{"bf", &p.bf},
                           {"bi", &p.bi},
                           {"bo", &p.bo},
                           {"bc", &p.bc}})
        expect(b->size() == H, name, shape_str(*b));
    expect(x.shape(1) == D, "x", shape_str(x));
    expect(c_prev.shape(0) == N && c_prev.shape(1) == H, "c_prev", shape_str(c_prev));

    LstmStep s;
    s.cache.z = xt::concatenate(xt::xtuple(h_prev, x), 1);
    s.cache.f = activations::sigmoid(dot(s.cache.z, p.Wf) + p.bf);
    s.cache.i = activations::sigmoid(dot(s.cache.z, p.Wi) + p.bi);
    s.cache.o = activations::sigmoid(dot(s.cache.z, p.Wo) + p.bo);
    s.cache.c_tilde = xt::tanh(dot(s.cache.z, p.Wc) + p.bc);
    s.cache.c_prev = c_prev;
    s.c = s.cache.f * c_prev + s.cache.i * s.cache.c_tilde;
    s.cache.tanh_c = xt::tanh(s.c);
    s.h = s.cache.o * s.cache.tanh_c;
    return s;
}

}  // namespace scratchnet
