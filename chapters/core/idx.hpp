/// @file idx.hpp
/// @brief The course's data loader (course code, not an exercise): IDX files, the format of
///        MNIST and Fashion-MNIST, plain or gzip-compressed, and Fashion-MNIST as Debian's
///        `dataset-fashion-mnist` package installs it.
///
/// IDX (LeCun et al.'s MNIST format): a 4-byte magic number (two zero bytes, a type byte —
/// 0x08 for unsigned bytes — and the number of dimensions), one 4-byte big-endian size per
/// dimension, then the data, row-major, one byte per entry. Images are magic 0x00000803
/// (count, rows, columns), labels 0x00000801 (count).
///
/// Every error is a `std::runtime_error` whose message names the file and what is wrong: a file
/// that cannot be opened (for the Fashion-MNIST folder, with the package that installs it), a
/// wrong magic number (expected and found), a file shorter than its header says (the bytes
/// expected and read), and images and labels of different counts.
#pragma once

#include <cstddef>
#include <limits>
#include <string>

#include "core.hpp"

namespace scratchnet::data {

/// Where Debian's `dataset-fashion-mnist` puts its four files.
inline const std::string kFashionMnistDir = "/usr/share/datasets/fashion-mnist";

/// The first `limit` images of an IDX image file (all when it holds fewer), one image per row:
/// `(N, rows · columns)`, each pixel divided by 255 (so in [0, 1]).
Matrix read_idx_images(const std::string& path,
                       std::size_t limit = std::numeric_limits<std::size_t>::max());

/// The first `limit` labels of an IDX label file (all when it holds fewer).
Labels read_idx_labels(const std::string& path,
                       std::size_t limit = std::numeric_limits<std::size_t>::max());

/// Images and their labels: `X: (N, 784)` in [0, 1], `y[n]` in 0 … 9.
struct ImageSet {
    Matrix X;
    Labels y;
};

/// The Fashion-MNIST split "train" (60 000 images) or "test" (10 000), its first `limit`
/// images and labels, read from `dir`. Throws `std::invalid_argument` for another split name,
/// and `std::runtime_error` when the two files' counts differ.
ImageSet fashion_mnist(const std::string& split,
                       std::size_t limit = std::numeric_limits<std::size_t>::max(),
                       const std::string& dir = kFashionMnistDir);

/// The ten class names of Fashion-MNIST, by label: "T-shirt/top", "Trouser", … "Ankle boot".
const std::string& fashion_mnist_class(std::size_t label);

}  // namespace scratchnet::data
