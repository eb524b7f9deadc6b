// mutant: modern_mlp_init draws the weights first and checks dropout afterwards: it throws, but the
// generator has moved.
// rejected-by: ModernMlp.InitBadArgumentsDrawNothing
#include "going_further.hpp"

#include <cmath>
#include <stdexcept>
#include <string>
#include <type_traits>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {

ModernMlp modern_mlp_init(const std::vector<std::size_t>& sizes, double dropout, Rng& rng)
{
    if (sizes.size() < 2)
        throw std::invalid_argument("modern_mlp_init: needs at least two sizes");
    for (std::size_t s : sizes)
        if (s == 0)
            throw std::invalid_argument("modern_mlp_init: a size is 0");
    ModernMlp model;
    for (std::size_t l = 0; l + 1 < sizes.size(); ++l) {
        model.linear.push_back({he_normal(sizes[l], sizes[l + 1], rng), zero_bias(sizes[l + 1]),
                                l + 2 < sizes.size() ? "relu" : "identity"});
        if (l + 2 < sizes.size())
            model.norm.push_back(batchnorm_init(sizes[l + 1]));
    }
    if (!(dropout >= 0 && dropout < 1))  // the slip: after the draws
        throw std::invalid_argument("modern_mlp_init: dropout must be in [0, 1)");
    model.dropout = dropout;
    return model;
}

}  // namespace scratchnet
