/// @file mini_batching.hpp
/// @brief Chapter 06 contract: a seeded shuffle, the batches of an epoch, gathering a batch's
///        rows, one epoch of mini-batch SGD, and evaluation (mean loss and accuracy).
///
/// An **epoch** visits every training sample exactly once, in a new random order each time:
/// shuffle the indices 0 … N − 1, cut the shuffled order into consecutive batches of B, and
/// take one SGD step per batch. When B does not divide N the last batch is partial (N mod B
/// samples) — or dropped, with `drop_last`, as PyTorch's DataLoader does.
///
/// **Errors.** Every function that takes a batch size throws `std::invalid_argument` for 0;
/// gather_batch(), train_epoch() and evaluate() also for X and y of different lengths (the
/// message gives both) and when there is nothing to do (no samples, an empty range, or every
/// sample dropped). Each throws before anything is drawn from the generator or changed.
/// (shuffled_indices(0) and batch_ranges(0, B) are not errors: they return nothing.)
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "l2_regularization.hpp"

namespace scratchnet {

// [shuffled_indices]
/// A random order of 0, 1, …, n − 1 (every index exactly once: drawn *without* replacement),
/// by Fisher–Yates with the course's draw order: start from 0, 1, …, n − 1; then for
/// i = n − 1 down to 1, j = `rng.integer(0, i)` and entries i and j swap. That is n − 1 draws
/// (none for n ≤ 1), the same numbers as Rng::permutation — which the grader uses to check
/// yours, so write it yourself.
std::vector<std::size_t> shuffled_indices(std::size_t n, Rng& rng);
// [shuffled_indices]

// [batch_ranges]
/// The positions `[begin, end)` of one batch in an epoch's order.
struct BatchRange {
    std::size_t begin = 0;  ///< first position of the batch
    std::size_t end = 0;    ///< one past its last position
    /// How many samples the batch holds.
    std::size_t size() const { return end - begin; }
};

/// The batches of an epoch over n samples, in order: [0, B), [B, 2B), …; every position in
/// exactly one batch. When B does not divide n the last batch is [B·⌊n/B⌋, n), holding
/// n mod B; `drop_last` leaves it out (PyTorch's `DataLoader(drop_last=True)`). n = 0 gives no
/// batches; so does drop_last with n < B. Throws `std::invalid_argument` when batch_size is 0.
std::vector<BatchRange> batch_ranges(std::size_t n, std::size_t batch_size, bool drop_last = false);
// [batch_ranges]

// [gather_batch]
/// The batch at `range` of `order`: row k of the result's X is row `order[range.begin + k]` of
/// `X`, and its label is `y[order[range.begin + k]]` — labels follow their rows.
///
/// - `X: (N, D)`, `y`: N labels, `order`: indices into X (usually shuffled_indices(N, rng))
/// - returns `{X: (range.size(), D), y: range.size() labels}`
///
/// Throws `std::invalid_argument` when X has not y.size() rows, when the range is empty or
/// reaches past the end of `order`, or when an index in the range is not below N.
data::Dataset gather_batch(const Matrix& X, const Labels& y, const std::vector<std::size_t>& order,
                           BatchRange range);
// [gather_batch]

// [train_epoch]
/// How train_epoch() runs.
struct EpochOptions {
    std::size_t batch_size = 64;  ///< B
    double lr = 0.1;              ///< the SGD learning rate η
    bool drop_last = false;       ///< leave out a partial last batch
    /// Called after each batch's step with the samples trained on so far in this epoch and that
    /// batch's loss (e.g. for a progress bar); may be empty.
    std::function<void(std::size_t samples_done, double batch_loss)> on_batch;
};

/// One epoch of mini-batch SGD on (X, y), updating `net` in place:
/// `order = shuffled_indices(N, rng)`; then for each of `batch_ranges(N, B, drop_last)`, in
/// order: gather the batch, `loss_and_gradients` on it, `sgd_step` with `lr`, `on_batch`.
///
/// Returns the epoch's loss: the mean **per sample** of the batch losses, each computed before
/// its batch's step, \f$ \sum_b n_b L_b / \sum_b n_b \f$ — a partial last batch of
/// \f$ n_b \f$ samples weighs \f$ n_b \f$, not B (the batch loss is already a mean over its
/// rows). Draws exactly the shuffle's n − 1 numbers from `rng`, so each call (each epoch)
/// draws a new order. Throws as the file's header says (net and rng untouched), and what
/// loss_and_gradients() throws (a label not below the number of classes) — that one only when
/// its batch comes, so the order has been drawn and earlier batches' steps taken.
double train_epoch(Network& net, const Matrix& X, const Labels& y, const EpochOptions& options,
                   Rng& rng);
// [train_epoch]

// [evaluate]
/// A network's mean loss and accuracy on a data set.
struct Evaluation {
    double loss = 0.0;      ///< mean cross-entropy over every row
    double accuracy = 0.0;  ///< fraction of rows whose predicted class is their label
};

/// Mean cross-entropy and accuracy of `net` on every row of (X, y), in batches of `batch_size`
/// rows in order (no shuffle: memory stays bounded on 10 000 images and the result does not
/// depend on the batch size, up to rounding). The predicted class is the largest logit, the
/// first one on a tie, as predict() says. Throws as the file's header says.
Evaluation evaluate(const Network& net, const Matrix& X, const Labels& y,
                    std::size_t batch_size = 1000);
// [evaluate]

}  // namespace scratchnet
