// mutant: init_weights maps "xavier_uniform" and "xavier_normal" to LeCun normal (the seed notebook's "Xavier").
// rejected-by: InitWeights.DispatchesByName
// rejected-by: InitNetwork.MatchesDrawOrder
#include "initialization.hpp"

#include <cmath>
#include <map>

namespace scratchnet {
namespace {
using Initializer = Matrix (*)(std::size_t, std::size_t, Rng&);
Matrix scaled_normal_default(std::size_t fan_in, std::size_t fan_out, Rng& rng)
{
    return scaled_normal(fan_in, fan_out, rng);
}
const std::map<std::string, Initializer>& table()
{
    static const std::map<std::string, Initializer> t{
        {"scaled_normal", scaled_normal_default},
        {"lecun_normal", lecun_normal},
        {"glorot_uniform", glorot_uniform},
        {"glorot_normal", glorot_normal},
        {"he_normal", he_normal},
        {"he_uniform", he_uniform},
        {"xavier_uniform", lecun_normal},
        {"xavier_normal", lecun_normal},
        {"kaiming_normal", he_normal},
        {"kaiming_uniform", he_uniform},
    };
    return t;
}
std::string known()
{
    std::string names;
    for (const auto& e : table())
        names += (names.empty() ? "" : ", ") + e.first;
    return names;
}
}  // namespace

Matrix init_weights(const std::string& scheme, std::size_t fan_in, std::size_t fan_out, Rng& rng)
{
    const auto found = table().find(scheme);
    if (found == table().end())
        throw std::invalid_argument("init_weights: unknown scheme \"" + scheme +
                                    "\"; the known schemes are " + known());
    return found->second(fan_in, fan_out, rng);
}
}  // namespace scratchnet
