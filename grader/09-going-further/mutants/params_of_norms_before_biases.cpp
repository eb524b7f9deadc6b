// mutant: params_of(ModernMlp&) lists every γ and β before the biases: vectors = γ₀, β₀, …, b₀, b₁,
// ….
// rejected-by: ParamList.ModernMlpWeightsThenBiasesThenNorms
#include "going_further.hpp"

#include <cmath>
#include <stdexcept>
#include <string>
#include <type_traits>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {

ParamList params_of(ModernMlp& model)
{
    ParamList p;
    for (Layer& layer : model.linear)
        p.matrices.push_back(&layer.W);
    for (BatchNorm& bn : model.norm) {
        p.vectors.push_back(&bn.gamma);
        p.vectors.push_back(&bn.beta);
    }
    for (Layer& layer : model.linear)
        p.vectors.push_back(&layer.b);
    return p;
}

}  // namespace scratchnet
