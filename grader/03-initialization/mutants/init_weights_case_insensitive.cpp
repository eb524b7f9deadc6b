// mutant: init_weights lower-cases the name first: "He_normal" and "KAIMING_UNIFORM" are accepted.
// rejected-by: InitWeights.UnknownSchemeIsAClearError
#include "initialization.hpp"

#include <cctype>
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
        {"xavier_uniform", glorot_uniform},
        {"xavier_normal", glorot_normal},
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
    std::string lower = scheme;
    for (auto& ch : lower)
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const auto found = table().find(lower);
    if (found == table().end())
        throw std::invalid_argument("init_weights: unknown scheme \"" + scheme +
                                    "\"; the known schemes are " + known());
    return found->second(fan_in, fan_out, rng);
}
}  // namespace scratchnet
