// The course's IDX reader (see idx.hpp). zlib's gzread reads gzip files and plain files alike.
#include "idx.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <utility>
#include <vector>

#include <zlib.h>

namespace scratchnet::data {

namespace {

using File = std::unique_ptr<gzFile_s, int (*)(gzFile)>;

File open(const std::string& path)
{
    File file(gzopen(path.c_str(), "rb"), gzclose);
    if (!file) {
        std::string message = path + ": cannot open the file";
        if (path.rfind(kFashionMnistDir, 0) == 0)
            message += " (Fashion-MNIST comes from Debian's package dataset-fashion-mnist: "
                       "sudo apt-get install dataset-fashion-mnist)";
        throw std::runtime_error(message);
    }
    return file;
}

// Reads exactly `size` bytes or throws, naming what was being read.
void read_exactly(gzFile file, const std::string& path, void* into, std::size_t size,
                  const std::string& what)
{
    std::size_t done = 0;
    while (done < size) {
        const unsigned chunk = static_cast<unsigned>(std::min<std::size_t>(size - done, 1u << 30));
        const int got = gzread(file, static_cast<char*>(into) + done, chunk);
        if (got < 0) {
            int code = 0;
            throw std::runtime_error(path + ": cannot read " + what + ": " + gzerror(file, &code));
        }
        if (got == 0)
            throw std::runtime_error(path + ": the file is truncated: " + what + " needs " +
                                     std::to_string(size) + " bytes, only " + std::to_string(done) +
                                     " could be read");
        done += static_cast<std::size_t>(got);
    }
}

std::uint32_t big_endian(const std::array<unsigned char, 4>& b)
{
    return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) |
           std::uint32_t{b[3]};
}

std::uint32_t read_u32(gzFile file, const std::string& path, const std::string& what)
{
    std::array<unsigned char, 4> bytes{};
    read_exactly(file, path, bytes.data(), bytes.size(), what);
    return big_endian(bytes);
}

std::string hex(std::uint32_t v)
{
    static const char* digits = "0123456789abcdef";
    std::string s = "0x";
    for (int shift = 28; shift >= 0; shift -= 4)
        s += digits[(v >> shift) & 0xf];
    return s;
}

void expect_magic(gzFile file, const std::string& path, std::uint32_t expected,
                  const std::string& kind)
{
    const std::uint32_t magic = read_u32(file, path, "the magic number");
    if (magic != expected)
        throw std::runtime_error(path + ": not an IDX " + kind + " file: the magic number is " +
                                 hex(magic) + ", expected " + hex(expected));
}

// An IDX file opened, its magic number checked and its count (first dimension) read: the rest
// of the header and the data come next.
struct Idx {
    File file;
    std::size_t count;
};

Idx open_idx(const std::string& path, std::uint32_t magic, const std::string& kind)
{
    File file = open(path);
    expect_magic(file.get(), path, magic, kind);
    const std::size_t count = read_u32(file.get(), path, "the " + kind + " count");
    return {std::move(file), count};
}

Matrix read_images(Idx& idx, const std::string& path, std::size_t limit)
{
    const std::size_t rows = read_u32(idx.file.get(), path, "the row count");
    const std::size_t cols = read_u32(idx.file.get(), path, "the column count");
    const std::size_t n = std::min(idx.count, limit), pixels = rows * cols;
    std::vector<unsigned char> bytes(n * pixels);
    read_exactly(idx.file.get(), path, bytes.data(), bytes.size(),
                 std::to_string(n) + " images of " + std::to_string(rows) + "x" +
                     std::to_string(cols) + " pixels");
    Matrix X(std::array<std::size_t, 2>{n, pixels});
    for (std::size_t k = 0; k < bytes.size(); ++k)
        X.flat(k) = bytes[k] / 255.0;
    return X;
}

Labels read_labels(Idx& idx, const std::string& path, std::size_t limit)
{
    const std::size_t n = std::min(idx.count, limit);
    std::vector<unsigned char> bytes(n);
    read_exactly(idx.file.get(), path, bytes.data(), bytes.size(), std::to_string(n) + " labels");
    return Labels(bytes.begin(), bytes.end());
}

constexpr std::uint32_t kImageMagic = 0x00000803, kLabelMagic = 0x00000801;

}  // namespace

Matrix read_idx_images(const std::string& path, std::size_t limit)
{
    Idx idx = open_idx(path, kImageMagic, "image");
    return read_images(idx, path, limit);
}

Labels read_idx_labels(const std::string& path, std::size_t limit)
{
    Idx idx = open_idx(path, kLabelMagic, "label");
    return read_labels(idx, path, limit);
}

ImageSet fashion_mnist(const std::string& split, std::size_t limit, const std::string& dir)
{
    if (split != "train" && split != "test")
        throw std::invalid_argument("fashion_mnist: the split is \"train\" or \"test\", not \"" +
                                    split + "\"");
    const std::string prefix = dir + "/" + (split == "train" ? "train" : "t10k");
    const std::string images = prefix + "-images-idx3-ubyte.gz",
                      labels = prefix + "-labels-idx1-ubyte.gz";
    Idx image_file = open_idx(images, kImageMagic, "image");
    Idx label_file = open_idx(labels, kLabelMagic, "label");
    // The counts in the two headers must agree, whatever the limit.
    if (image_file.count != label_file.count)
        throw std::runtime_error(images + " holds " + std::to_string(image_file.count) +
                                 " images but " + labels + " holds " +
                                 std::to_string(label_file.count) + " labels");
    return {read_images(image_file, images, limit), read_labels(label_file, labels, limit)};
}

const std::string& fashion_mnist_class(std::size_t label)
{
    static const std::array<std::string, 10> names{
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    return names.at(label);
}

}  // namespace scratchnet::data
