// The course's data sets. The IDX loader (chapters/core/idx.hpp) on small files the test
// writes, plain and gzip-compressed: the values, the limit, and one clear error per way a file
// can be wrong; then the real Fashion-MNIST files when Debian's package is installed (./test
// installs it). And core's data::spiral, point by point.
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <zlib.h>

#include "idx.hpp"

namespace fs = std::filesystem;
using namespace scratchnet;

namespace {

std::vector<unsigned char> u32(std::uint32_t v)
{
    return {static_cast<unsigned char>(v >> 24), static_cast<unsigned char>(v >> 16),
            static_cast<unsigned char>(v >> 8), static_cast<unsigned char>(v)};
}

// An IDX file: magic, sizes, then the bytes (as given, so a test can cut them short).
std::vector<unsigned char> idx(std::uint32_t magic, const std::vector<std::uint32_t>& sizes,
                               const std::vector<unsigned char>& data)
{
    std::vector<unsigned char> out = u32(magic);
    for (auto s : sizes) {
        const auto b = u32(s);
        out.insert(out.end(), b.begin(), b.end());
    }
    out.insert(out.end(), data.begin(), data.end());
    return out;
}

class DataTest : public testing::Test {
protected:
    fs::path dir =
        fs::temp_directory_path() / ("scratchnet-data-test-" + std::to_string(::getpid()));
    void SetUp() override { fs::create_directories(dir); }
    void TearDown() override { fs::remove_all(dir); }

    std::string write(const std::string& name, const std::vector<unsigned char>& bytes,
                      bool gzip = true)
    {
        const std::string path = (dir / name).string();
        if (gzip) {
            gzFile f = gzopen(path.c_str(), "wb");
            gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size()));
            gzclose(f);
        } else {
            std::ofstream(path, std::ios::binary)
                .write(reinterpret_cast<const char*>(bytes.data()),
                       static_cast<std::streamsize>(bytes.size()));
        }
        return path;
    }
};

// Expects `call` to throw std::runtime_error whose message contains every one of `parts`.
template <class F>
void expect_error(F call, const std::vector<std::string>& parts)
{
    try {
        call();
        ADD_FAILURE() << "no exception";
    } catch (const std::runtime_error& e) {
        for (const auto& part : parts)
            EXPECT_NE(std::string(e.what()).find(part), std::string::npos)
                << "the message \"" << e.what() << "\" lacks \"" << part << "\"";
    }
}

const std::vector<unsigned char> kPixels{0, 255, 51, 102, 204, 1, 2, 3, 4, 5, 6, 7};  // 2 of 2x3

}  // namespace

TEST_F(DataTest, ReadsImagesScaledToOneRowEach)
{
    for (bool gzip : {true, false}) {
        const auto path = write(gzip ? "i.gz" : "i", idx(0x803, {2, 2, 3}, kPixels), gzip);
        const Matrix X = data::read_idx_images(path);
        ASSERT_EQ(X.shape(0), 2u);
        ASSERT_EQ(X.shape(1), 6u);
        for (std::size_t k = 0; k < kPixels.size(); ++k)
            EXPECT_EQ(X.flat(k), kPixels[k] / 255.0) << "entry " << k << (gzip ? " (gzip)" : "");
        EXPECT_EQ(X(0, 1), 1.0);
    }
}

TEST_F(DataTest, ReadsLabelsAndHonoursTheLimit)
{
    const auto path = write("l.gz", idx(0x801, {5}, {9, 0, 3, 3, 7}));
    EXPECT_EQ(data::read_idx_labels(path), (Labels{9, 0, 3, 3, 7}));
    EXPECT_EQ(data::read_idx_labels(path, 2), (Labels{9, 0}));
    EXPECT_EQ(data::read_idx_labels(path, 99).size(), 5u);
    const auto images = write("i.gz", idx(0x803, {2, 2, 3}, kPixels));
    EXPECT_EQ(data::read_idx_images(images, 1).shape(0), 1u);
    EXPECT_EQ(data::read_idx_images(images, 0).shape(0), 0u);
}

TEST_F(DataTest, MissingFileIsAClearError)
{
    const std::string path = (dir / "nothing-here.gz").string();
    expect_error([&] { data::read_idx_images(path); }, {path, "cannot open"});
    expect_error([&] { data::fashion_mnist("test", 1, dir.string()); },
                 {"t10k-images-idx3-ubyte.gz", "cannot open"});
}

TEST_F(DataTest, BadMagicNumberIsAClearError)
{
    const auto labels = write("l.gz", idx(0x801, {1}, {4}));
    expect_error([&] { data::read_idx_images(labels); },
                 {labels, "magic number is 0x00000801", "expected 0x00000803"});
    const auto images = write("i.gz", idx(0x803, {2, 2, 3}, kPixels));
    expect_error([&] { data::read_idx_labels(images); },
                 {images, "magic number is 0x00000803", "expected 0x00000801"});
    const auto text = write("t", {'h', 'e', 'l', 'l', 'o', '!', '!', '!'}, false);
    expect_error([&] { data::read_idx_labels(text); }, {text, "magic number"});
}

TEST_F(DataTest, TruncatedFileIsAClearError)
{
    auto cut = kPixels;
    cut.pop_back();  // one byte short of 2 images of 2x3
    const auto images = write("i.gz", idx(0x803, {2, 2, 3}, cut));
    expect_error([&] { data::read_idx_images(images); }, {images, "truncated", "12", "11"});
    EXPECT_EQ(data::read_idx_images(images, 1).shape(0), 1u);  // the first image is whole
    const auto header = write("h.gz", {0, 0, 8, 3, 0, 0});     // cut inside the header
    expect_error([&] { data::read_idx_images(header); }, {header, "truncated", "image count"});
    const auto labels = write("l.gz", idx(0x801, {4}, {1, 2}));
    expect_error([&] { data::read_idx_labels(labels); }, {labels, "truncated", "4", "2"});
}

TEST_F(DataTest, MismatchedCountsAreAClearError)
{
    // A Fashion-MNIST folder whose test split has 2 images and 3 labels: an error even when
    // fewer are asked for.
    write("t10k-images-idx3-ubyte.gz", idx(0x803, {2, 2, 3}, kPixels));
    write("t10k-labels-idx1-ubyte.gz", idx(0x801, {3}, {1, 2, 3}));
    for (std::size_t limit : {std::size_t{1}, std::size_t{100}})
        expect_error([&] { data::fashion_mnist("test", limit, dir.string()); },
                     {"2 images", "3 labels"});
    write("t10k-labels-idx1-ubyte.gz", idx(0x801, {2}, {1, 2}));
    const auto set = data::fashion_mnist("test", 100, dir.string());
    EXPECT_EQ(set.X.shape(0), 2u);
    EXPECT_EQ(set.y, (Labels{1, 2}));
    EXPECT_THROW(data::fashion_mnist("validation", 1, dir.string()), std::invalid_argument);
}

TEST(FashionMnist, DebianFilesLoad)
{
    if (!fs::exists(data::kFashionMnistDir))
        GTEST_SKIP() << data::kFashionMnistDir << " is not installed (dataset-fashion-mnist)";
    const auto train = data::fashion_mnist("train", 100);
    const auto test = data::fashion_mnist("test");
    EXPECT_EQ(train.X.shape(0), 100u);
    EXPECT_EQ(train.X.shape(1), 784u);
    EXPECT_EQ(test.X.shape(0), 10000u);
    EXPECT_EQ(test.y.size(), 10000u);
    for (std::size_t label : test.y)
        EXPECT_LT(label, 10u);
    EXPECT_GE(xt::amin(test.X)(), 0.0);
    EXPECT_LE(xt::amax(test.X)(), 1.0);
    EXPECT_EQ(data::fashion_mnist_class(9), "Ankle boot");
}

TEST(Spiral, ArmsOfPointsAtTheirRadii)
{
    Rng rng(7), same(7);
    const data::Dataset s = data::spiral(50, 3, rng);
    ASSERT_EQ(s.X.shape(0), 150u);
    ASSERT_EQ(s.X.shape(1), 2u);
    ASSERT_EQ(s.y.size(), 150u);
    for (std::size_t k = 0; k < 3; ++k)
        for (std::size_t i = 0; i < 50; ++i) {
            const std::size_t n = k * 50 + i;
            EXPECT_EQ(s.y[n], k);
            const double r = std::hypot(s.X(n, 0), s.X(n, 1));
            EXPECT_NEAR(r, i / 49.0, 1e-12) << "point " << i << " of arm " << k;
            // the angle: 4k + 4r + one normal draw per point, in row order
            if (i > 0) {
                const double t = 4.0 * k + 4.0 * r + same.normal(0.0, 0.2);
                EXPECT_NEAR(s.X(n, 0), r * std::sin(t), 1e-12);
                EXPECT_NEAR(s.X(n, 1), r * std::cos(t), 1e-12);
            } else {
                same.normal(0.0, 0.2);
            }
        }
    EXPECT_THROW(data::spiral(1, 3, rng), std::invalid_argument);
    EXPECT_THROW(data::spiral(5, 0, rng), std::invalid_argument);
}

TEST(AddingProblem, TwoMarkersOneInEachHalfAndTheirSum)
{
    for (std::size_t T : {2, 3, 50}) {
        Rng rng(11), same(11);
        const data::SequenceSet s = data::adding_problem(20, T, rng);
        ASSERT_EQ(s.xs.size(), T);
        ASSERT_EQ(s.y.shape(0), 20u);
        ASSERT_EQ(s.y.shape(1), 1u);
        for (std::size_t n = 0; n < 20; ++n) {
            double sum = 0.0;
            std::vector<std::size_t> marked;
            for (std::size_t t = 0; t < T; ++t) {
                ASSERT_EQ(s.xs[t].shape(1), 2u);
                EXPECT_EQ(s.xs[t](n, 0), same.uniform(0.0, 1.0)) << "value " << t << " of " << n;
                if (s.xs[t](n, 1) != 0.0) {
                    EXPECT_EQ(s.xs[t](n, 1), 1.0);
                    marked.push_back(t);
                    sum += s.xs[t](n, 0);
                }
            }
            ASSERT_EQ(marked.size(), 2u) << "sequence " << n << ", T = " << T;
            EXPECT_EQ(marked[0], same.integer(0, T / 2 - 1));
            EXPECT_EQ(marked[1], same.integer(T / 2, T - 1));
            EXPECT_LT(marked[0], T / 2);
            EXPECT_GE(marked[1], T / 2);
            EXPECT_DOUBLE_EQ(s.y(n, 0), sum);
        }
    }
    Rng rng(1);
    EXPECT_THROW(data::adding_problem(0, 10, rng), std::invalid_argument);
    EXPECT_THROW(data::adding_problem(5, 1, rng), std::invalid_argument);
}
