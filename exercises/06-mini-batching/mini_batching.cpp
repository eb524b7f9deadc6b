// Chapter 06 — mini-batching. Your file: replace each `throw not_implemented(...)` with your
// code, then run `./grade 06`. The contract (what each function takes and returns) is in
// chapters/06-mini-batching/mini_batching.hpp; the text is chapters/06-mini-batching/README.md.
// `./grade hint 06` gives hints one at a time. The earlier chapters' functions (forward,
// loss_and_gradients, sgd_step, cross_entropy, …) are available.
#include "mini_batching.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

#include <xtensor/xsort.hpp>

namespace scratchnet {

std::vector<std::size_t> shuffled_indices(std::size_t n, Rng& rng)
{
    // TODO: Fisher–Yates with rng.integer, in the contract's order. Which j may position i
    // swap with — and may it stay where it is?
    throw not_implemented("shuffled_indices");
}

std::vector<BatchRange> batch_ranges(std::size_t n, std::size_t batch_size, bool drop_last)
{
    // TODO: consecutive ranges of batch_size positions covering 0 … n − 1. What happens to the
    // last few positions when batch_size does not divide n?
    throw not_implemented("batch_ranges");
}

data::Dataset gather_batch(const Matrix& X, const Labels& y, const std::vector<std::size_t>& order,
                           BatchRange range)
{
    // TODO: copy the rows order[range.begin] … order[range.end − 1] of X, and their labels.
    throw not_implemented("gather_batch");
}

double train_epoch(Network& net, const Matrix& X, const Labels& y, const EpochOptions& options,
                   Rng& rng)
{
    // TODO: shuffle, cut into batches, and take one SGD step per batch. The epoch's loss is a
    // mean per sample: how much should a batch of 3 samples count next to one of 64?
    throw not_implemented("train_epoch");
}

Evaluation evaluate(const Network& net, const Matrix& X, const Labels& y, std::size_t batch_size)
{
    // TODO: forward in batches, in order; add up each batch's loss (weighted by its size) and
    // its correct predictions.
    throw not_implemented("evaluate");
}

}  // namespace scratchnet
