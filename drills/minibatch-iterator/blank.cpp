// Drill: a mini-batch iterator and one training epoch. ./grade drill check
//
// The course's generator (core.hpp): rng.integer(lo, hi) draws an integer in
// [lo, hi], both ends included. A network, loss_and_gradients(net, X, y) (mean
// cross-entropy and gradients) and sgd_step(net, grads, lr) are given
// (backpropagation.hpp); data::Dataset is {Matrix X; Labels y;} (core.hpp).
//
// Write:
//   shuffled_indices(n, rng)  a random order of 0 … n − 1, every index exactly
//   once, by
//                             Fisher–Yates in this exact draw order: start from
//                             0, 1, …, n − 1; for i = n − 1 down to 1: j =
//                             rng.integer(0, i), swap entries i, j.
//   batch_ranges(n, B, drop_last)
//                             the positions [begin, end) of each batch: [0, B),
//                             [B, 2B), …; a last partial batch holds n mod B
//                             (left out when drop_last).
//   gather_batch(X, y, order, range)
//                             rows order[range.begin] … order[range.end − 1] of
//                             X, in that order, with their labels.
//   train_epoch(net, X, y, options, rng)
//                             order = shuffled_indices(N, rng); for each batch
//                             of batch_ranges(N, B, drop_last): gather it,
//                             loss_and_gradients, sgd_step with options.lr,
//                             then options.on_batch(samples done so far, the
//                             batch's loss) if it is set. Returns the epoch's
//                             loss: the mean per sample of the batch losses (a
//                             batch of n_b samples weighs n_b).
//
// Errors, all std::invalid_argument, thrown before anything is drawn or
// changed: a batch size of 0; X rows != y.size(); no samples; drop_last leaving
// no batch (train_epoch); in gather_batch an empty range, a range past the end
// of order, an index that is not a row of X.
//
// The hidden checks: the permutation and the generator's state against the draw
// order above; batch sizes 1, n − 1, n, n + 1 and larger, n = 0 and 1; every
// sample trained on exactly once per epoch, a new order every epoch, labels
// that follow their rows, the epoch's loss weighting, the callback after each
// step; the network after an epoch against step-by-step SGD (1e-12).
#include "backpropagation.hpp"
#include "core.hpp"
#include "mini_batching.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

namespace scratchnet {

std::vector<std::size_t> shuffled_indices(std::size_t n, Rng& rng)
{
    // your code
    throw not_implemented("shuffled_indices");
}

std::vector<BatchRange> batch_ranges(std::size_t n, std::size_t batch_size, bool drop_last)
{
    // your code
    throw not_implemented("batch_ranges");
}

data::Dataset gather_batch(const Matrix& X, const Labels& y, const std::vector<std::size_t>& order,
                           BatchRange range)
{
    // your code
    throw not_implemented("gather_batch");
}

double train_epoch(Network& net, const Matrix& X, const Labels& y, const EpochOptions& options,
                   Rng& rng)
{
    // your code
    throw not_implemented("train_epoch");
}

}  // namespace scratchnet
