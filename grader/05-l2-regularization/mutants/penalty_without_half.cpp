// mutant: the penalty is lambda times the sum of squares, without the 1/2 (while the gradient stays lambda W, the derivative of the 1/2 form).
// rejected-by: L2Penalty.MatchesOwnSum
// rejected-by: L2Loss.LossAddsThePenalty
#include "l2_regularization.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>

#include <xtensor/xmath.hpp>

namespace scratchnet {
namespace {
void check_lambda(const char* function, double lambda)
{
    if (!(lambda >= 0.0) || std::isinf(lambda)) {
        std::ostringstream text;
        text << function << ": lambda must be a finite number >= 0, not " << lambda;
        throw std::invalid_argument(text.str());
    }
}
}  // namespace

double l2_penalty(const Network& net, double lambda)
{
    check_lambda("l2_penalty", lambda);
    double squares = 0.0;
    for (const Layer& layer : net.layers)
        squares += xt::sum(xt::square(layer.W))();
    return lambda * squares;
}
}  // namespace scratchnet
