// mutant: rnn_forward starts every step from h0 instead of the state the step before returned.
// rejected-by: RnnSequence.ForwardChainsTheSteps
// rejected-by: TimeSignal.RnnNormsMatchFiniteDifferences
// rejected-by: TimeSignal.RnnLongSequenceMatchesOracle
#include "vanishing_gradients.hpp"

#include <stdexcept>

namespace scratchnet {

RnnSequence rnn_forward(const std::vector<Matrix>& xs, const Matrix& h0, const RnnParams& p)
{
    if (xs.empty())
        throw std::invalid_argument("rnn_forward: the sequence is empty (T = 0)");
    RnnSequence seq;
    for (const Matrix& x : xs)
        seq.caches.push_back(rnn_cell_forward(x, h0, p));  // the slip: always h0
    return seq;
}

}  // namespace scratchnet
