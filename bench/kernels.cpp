// The reference kernels under Google Benchmark (bench/compare runs them beside NumPy and
// PyTorch). Built only in the optimized preset `release` (build-release/, -O3 -march=native),
// never in the -O0 course build. Shapes: the 784-256-10 ReLU network of Fashion-MNIST, batches
// of 64 (B), double precision, OPENBLAS_NUM_THREADS set by the caller.
//
// Each benchmark reports FLOP/s of its matrix products (2·M·N·K per product) as the counter
// "FLOPS", so that it can be set against the DGEMM ceiling: BM_GemmCeiling runs the matrix
// products one training step needs (forward, then dW and db of both layers and dA of the hidden
// layer) straight through BLAS on preallocated matrices — what no implementation of the same
// maths can beat on this BLAS.
//
// Chapter 06 adds the batch iterator (an epoch's shuffle and gathers, no maths) and the epoch as
// its train_epoch() runs it, on Fashion-MNIST when the data is there (see epoch_data()).
//
// Chapter 07 adds one LSTM cell, forward and backward (lstm_cell_forward, lstm_cell_backward)
// at N = 64, D = 128, H = 256, and beside it the same cell's matrix products straight through
// BLAS: as one fused (N, H + D)·(H + D, 4H) product per direction (PyTorch's layout) and as four
// (N, H + D)·(H + D, H) products per direction (the course's layout).
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <cblas.h>
#include <xtensor/xview.hpp>

#include "initialization.hpp"
#include "lstm.hpp"
#include "mini_batching.hpp"
#if SCRATCHNET_BENCH_FASHION_MNIST
#include "idx.hpp"
#endif

extern "C" char* openblas_get_corename(void);

namespace {

using namespace scratchnet;

constexpr std::size_t B = 64, D = 784, H = 256, C = 10, N = 60000;

constexpr double gemm_flops(std::size_t m, std::size_t n, std::size_t k) { return 2.0 * m * n * k; }

// The products of one training step: Z1 = X W1, Z2 = A1 W2 (forward); dW2 = A1ᵀ dZ2,
// dA1 = dZ2 W2ᵀ, dW1 = Xᵀ dZ1 (backward; the input's gradient dX is not needed).
constexpr double step_flops = gemm_flops(B, H, D) + gemm_flops(B, C, H) + gemm_flops(H, C, B) +
                              gemm_flops(B, H, C) + gemm_flops(D, H, B);

Network mlp(Rng& rng)
{
    // He initialization: N(0, 2 / fan_in) for both layers, zero biases (chapter 03).
    return init_network({{D, H, "relu"}, {H, C, "identity"}}, "he_normal", rng);
}

Labels random_labels(Rng& rng, std::size_t n)
{
    Labels y(n);
    for (auto& label : y)
        label = rng.integer(0, C - 1);
    return y;
}

void set_flops(benchmark::State& state, double flops_per_iteration)
{
    state.counters["FLOPS"] =
        benchmark::Counter(flops_per_iteration, benchmark::Counter::kIsIterationInvariantRate);
}

void BM_GemmCeiling(benchmark::State& state)
{
    Rng rng(1);
    const Matrix X = rng.normal(B, D, 0, 1), W1 = rng.normal(D, H, 0, 0.05),
                 W2 = rng.normal(H, C, 0, 0.1), dZ2 = rng.normal(B, C, 0, 0.01);
    Matrix Z1({B, H}), Z2({B, C}), dW2({H, C}), dA1({B, H}), dW1({D, H});
    auto gemm = [](CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, std::size_t m, std::size_t n,
                   std::size_t k, const Matrix& A, const Matrix& Bm, Matrix& Cm) {
        cblas_dgemm(CblasRowMajor, ta, tb, static_cast<int>(m), static_cast<int>(n),
                    static_cast<int>(k), 1.0, A.data(), static_cast<int>(A.shape(1)), Bm.data(),
                    static_cast<int>(Bm.shape(1)), 0.0, Cm.data(), static_cast<int>(Cm.shape(1)));
    };
    for (auto _ : state) {
        gemm(CblasNoTrans, CblasNoTrans, B, H, D, X, W1, Z1);
        gemm(CblasNoTrans, CblasNoTrans, B, C, H, Z1, W2, Z2);
        gemm(CblasTrans, CblasNoTrans, H, C, B, Z1, dZ2, dW2);
        gemm(CblasNoTrans, CblasTrans, B, H, C, dZ2, W2, dA1);
        gemm(CblasTrans, CblasNoTrans, D, H, B, X, dA1, dW1);
        benchmark::DoNotOptimize(dW1.data());
        benchmark::ClobberMemory();
    }
    set_flops(state, step_flops);
}
BENCHMARK(BM_GemmCeiling);

void BM_DenseForward(benchmark::State& state)
{
    Rng rng(2);
    const Matrix X = rng.normal(B, D, 0, 1), W = rng.normal(D, H, 0, 0.05);
    const Vector b = xt::zeros<double>({H});
    for (auto _ : state) {
        Matrix Z = dense_forward(X, W, b);
        benchmark::DoNotOptimize(Z.data());
    }
    set_flops(state, gemm_flops(B, H, D));
}
BENCHMARK(BM_DenseForward);

void BM_DenseBackward(benchmark::State& state)
{
    Rng rng(3);
    const Matrix X = rng.normal(B, D, 0, 1), W = rng.normal(D, H, 0, 0.05),
                 dZ = rng.normal(B, H, 0, 0.01);
    for (auto _ : state) {
        DenseGradients g = dense_backward(dZ, X, W);
        benchmark::DoNotOptimize(g.dW.data());
    }
    set_flops(state, gemm_flops(D, H, B) + gemm_flops(B, D, H));  // dW and dX
}
BENCHMARK(BM_DenseBackward);

void BM_SoftmaxCrossEntropy(benchmark::State& state)
{
    Rng rng(4);
    const Matrix S = rng.normal(B, C, 0, 3);
    const Labels y = random_labels(rng, B);
    for (auto _ : state) {
        Matrix P = softmax(S);
        double loss = cross_entropy(S, y);
        Matrix dS = cross_entropy_gradient(S, y);
        benchmark::DoNotOptimize(P.data());
        benchmark::DoNotOptimize(loss);
        benchmark::DoNotOptimize(dS.data());
    }
}
BENCHMARK(BM_SoftmaxCrossEntropy);

void BM_TrainStep(benchmark::State& state)
{
    Rng rng(5);
    Network net = mlp(rng);
    const Matrix X = rng.normal(B, D, 0, 1);
    const Labels y = random_labels(rng, B);
    for (auto _ : state) {
        LossAndGradients lg = loss_and_gradients(net, X, y);
        sgd_step(net, lg.grads, 0.0);  // lr 0: the same work every iteration, no drift
        benchmark::DoNotOptimize(lg.loss);
    }
    set_flops(state, step_flops);
}
BENCHMARK(BM_TrainStep);

// ---- chapter 06: mini-batches ------------------------------------------------------------

// The batch iterator: one epoch's data movement without the maths — shuffled_indices over
// 60 000 rows, batch_ranges of 64 (the last one partial: 60 000 = 937 × 64 + 32) and a
// gather_batch for each. The values do not matter, only the shape (60 000 × 784 doubles,
// 376 MB), so the matrix is filled cheaply: the -O0 smoke run of ./test runs this too.
void BM_BatchIterator(benchmark::State& state)
{
    static const data::Dataset shape_only{Matrix({N, D}, 1.0), Labels(N, 1)};
    Rng rng(7);
    for (auto _ : state) {
        const std::vector<std::size_t> order = shuffled_indices(N, rng);
        for (const BatchRange& range : batch_ranges(N, B)) {
            const data::Dataset batch = gather_batch(shape_only.X, shape_only.y, order, range);
            benchmark::DoNotOptimize(batch.X.data());
            benchmark::DoNotOptimize(batch.y.data());
        }
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(N));  // samples/s
}
BENCHMARK(BM_BatchIterator)->Unit(benchmark::kMillisecond)->UseRealTime();

// The data of the epochs: Fashion-MNIST's 60 000 training images (and its 10 000 test images, for
// the accuracy after the epoch) when the benchmarks were built with the data loader (zlib) and
// Debian's dataset-fashion-mnist is installed; otherwise random data of the same shape, which
// costs the same arithmetic. SCRATCHNET_BENCH_DATA=random forces random data;
// SCRATCHNET_BENCH_DATA=fashion-mnist makes a missing data set an error instead of a fallback.
// `source` says which it is, and why: each epoch benchmark reports it as its label.
struct EpochData {
    Matrix X;
    Labels y;
    Matrix X_test;  // empty for random data: no accuracy then
    Labels y_test;
    std::string source;
};

EpochData random_epoch_data(const std::string& why)
{
    Rng rng(6);
    Matrix X = rng.normal(N, D, 0, 1);
    Labels y = random_labels(rng, N);
    return {std::move(X), std::move(y), Matrix(), Labels(), "random data (" + why + ")"};
}

EpochData load_epoch_data()
{
    const char* wanted = std::getenv("SCRATCHNET_BENCH_DATA");
    const std::string want = wanted ? wanted : "";
    if (want == "random")
        return random_epoch_data("SCRATCHNET_BENCH_DATA=random");
#if SCRATCHNET_BENCH_FASHION_MNIST
    try {
        data::ImageSet train = data::fashion_mnist("train"), test = data::fashion_mnist("test");
        return {std::move(train.X), std::move(train.y), std::move(test.X), std::move(test.y),
                "fashion-mnist"};
    } catch (const std::exception& e) {
        if (want == "fashion-mnist")
            throw;
        std::fprintf(stderr, "bench-kernels: %s; the epochs use random data\n", e.what());
        return random_epoch_data("Fashion-MNIST is not installed");
    }
#else
    if (want == "fashion-mnist")
        throw std::runtime_error("bench-kernels was built without the data loader (zlib1g-dev)");
    return random_epoch_data("built without zlib, no data loader");
#endif
}

const EpochData& epoch_data()
{
    static const EpochData data = load_epoch_data();  // once per process, outside the timings
    return data;
}

// After the timed epoch(s), untimed: the data's source as the label, the loss of the last epoch
// and, on Fashion-MNIST, the accuracy on the 10 000 test images — a check that the epoch trained.
void report_epoch(benchmark::State& state, const Network& net, const EpochData& data, double loss)
{
    state.SetLabel(data.source);
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(data.y.size()));
    state.counters["epoch_loss"] = loss;
    if (!data.y_test.empty())
        state.counters["test_accuracy"] = evaluate(net, data.X_test, data.y_test).accuracy;
    set_flops(state, step_flops * static_cast<double>(data.y.size()) / B);
}

// One epoch as chapter 06 trains it: train_epoch() — a new shuffle, 938 gathered batches of 64
// (the last one of 32), a step of SGD with learning rate 0.1 on each.
void BM_Epoch(benchmark::State& state)
{
    const EpochData& data = epoch_data();
    Rng rng(8);
    Network net = mlp(rng);
    EpochOptions options;
    options.batch_size = B;
    options.lr = 0.1;
    double loss = 0;
    for (auto _ : state) {
        loss = train_epoch(net, data.X, data.y, options, rng);
        benchmark::DoNotOptimize(loss);
    }
    report_epoch(state, net, data, loss);
}

// The same epoch with the loop written by hand and no shuffle: batch k is rows [64k, 64k + 64)
// in the data's order, copied from a contiguous slice. Against BM_Epoch it shows what the shuffle
// and the scattered reads of the gathers cost inside an epoch (Fashion-MNIST's files are not
// sorted by class, so one epoch in file order trains about as well).
void BM_EpochInOrder(benchmark::State& state)
{
    const EpochData& data = epoch_data();
    Rng rng(8);
    Network net = mlp(rng);
    const std::size_t n = data.y.size();
    double loss = 0;
    for (auto _ : state) {
        double sum = 0;
        for (std::size_t start = 0; start < n; start += B) {
            const std::size_t end = std::min(start + B, n);
            const Matrix Xb = xt::view(data.X, xt::range(start, end), xt::all());
            const Labels yb(data.y.begin() + static_cast<std::ptrdiff_t>(start),
                            data.y.begin() + static_cast<std::ptrdiff_t>(end));
            LossAndGradients lg = loss_and_gradients(net, Xb, yb);
            sgd_step(net, lg.grads, 0.1);
            sum += lg.loss * static_cast<double>(end - start);
        }
        loss = sum / static_cast<double>(n);
        benchmark::DoNotOptimize(loss);
    }
    report_epoch(state, net, data, loss);
}

// One iteration per run: bench/compare runs them several times, alternating with NumPy's and
// PyTorch's epochs, and takes the median of the paired ratios (the machine's speed drifts over
// minutes). The ./test smoke run leaves them out (--benchmark_filter=-BM_Epoch).
BENCHMARK(BM_Epoch)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();
BENCHMARK(BM_EpochInOrder)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

// ---- chapter 07: the LSTM cell -----------------------------------------------------------

constexpr std::size_t LN = 64, LD = 128, LH = 256;  // batch, input, state

// One cell's matrix products, forward and backward: a = z W (N, H + D)·(H + D, 4H), then
// dW = zᵀ da and dz = da Wᵀ — three products of 2·N·(H + D)·4H FLOPs each.
constexpr double lstm_flops = 3 * gemm_flops(LN, 4 * LH, LH + LD);

// One step forward and backward through the reference: z = [h, x], four gates, c and h, then
// every gradient (dx, dh_prev, dc_prev and the eight parameters' gradients), from a given dh
// and dc.
void BM_LstmCell(benchmark::State& state)
{
    Rng rng(9);
    const LstmParams p = lstm_init(LD, LH, rng);
    const Matrix x = rng.normal(LN, LD, 0, 1), h = rng.normal(LN, LH, 0, 0.5),
                 c = rng.normal(LN, LH, 0, 0.5), dh = rng.normal(LN, LH, 0, 0.01),
                 dc = rng.normal(LN, LH, 0, 0.01);
    for (auto _ : state) {
        LstmStep step = lstm_cell_forward(x, h, c, p);
        LstmCellGradients g = lstm_cell_backward(dh, dc, step.cache, p);
        benchmark::DoNotOptimize(step.h.data());
        benchmark::DoNotOptimize(g.dx.data());
    }
    set_flops(state, lstm_flops);
}
BENCHMARK(BM_LstmCell);

// The same step's two halves apart, to see where its time goes.
void BM_LstmCellForward(benchmark::State& state)
{
    Rng rng(9);
    const LstmParams p = lstm_init(LD, LH, rng);
    const Matrix x = rng.normal(LN, LD, 0, 1), h = rng.normal(LN, LH, 0, 0.5),
                 c = rng.normal(LN, LH, 0, 0.5);
    for (auto _ : state) {
        LstmStep step = lstm_cell_forward(x, h, c, p);
        benchmark::DoNotOptimize(step.h.data());
    }
    set_flops(state, lstm_flops / 3);
}
BENCHMARK(BM_LstmCellForward);

void BM_LstmCellBackward(benchmark::State& state)
{
    Rng rng(9);
    const LstmParams p = lstm_init(LD, LH, rng);
    const Matrix x = rng.normal(LN, LD, 0, 1), h = rng.normal(LN, LH, 0, 0.5),
                 c = rng.normal(LN, LH, 0, 0.5), dh = rng.normal(LN, LH, 0, 0.01),
                 dc = rng.normal(LN, LH, 0, 0.01);
    const LstmStep step = lstm_cell_forward(x, h, c, p);
    for (auto _ : state) {
        LstmCellGradients g = lstm_cell_backward(dh, dc, step.cache, p);
        benchmark::DoNotOptimize(g.dx.data());
    }
    set_flops(state, 2 * lstm_flops / 3);
}
BENCHMARK(BM_LstmCellBackward);

// The cell's products alone, on preallocated matrices: `fused` as one (H + D, 4H) weight matrix
// (forward a = z W; backward dW = zᵀ da, dz = da Wᵀ), otherwise as four (H + D, H) ones, each
// with its own three products.
void lstm_gemms(benchmark::State& state, bool fused)
{
    Rng rng(10);
    const std::size_t K = LH + LD, G = fused ? 4 * LH : LH, parts = fused ? 1 : 4;
    const Matrix z = rng.normal(LN, K, 0, 1), da = rng.normal(LN, G, 0, 0.01);
    std::vector<Matrix> W, a, dW;
    for (std::size_t k = 0; k < parts; ++k) {
        W.push_back(rng.normal(K, G, 0, 0.05));
        a.emplace_back(Matrix({LN, G}));
        dW.emplace_back(Matrix({K, G}));
    }
    Matrix dz({LN, K});
    const int n = static_cast<int>(LN), k_ = static_cast<int>(K), g_ = static_cast<int>(G);
    for (auto _ : state) {
        for (std::size_t k = 0; k < parts; ++k)  // a = z W
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, g_, k_, 1.0, z.data(), k_,
                        W[k].data(), g_, 0.0, a[k].data(), g_);
        for (std::size_t k = 0; k < parts; ++k) {
            // dW = zᵀ da; dz (+)= da Wᵀ
            cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, k_, g_, n, 1.0, z.data(), k_,
                        da.data(), g_, 0.0, dW[k].data(), g_);
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, k_, g_, 1.0, da.data(), g_,
                        W[k].data(), g_, k == 0 ? 0.0 : 1.0, dz.data(), k_);
        }
        benchmark::DoNotOptimize(dz.data());
        benchmark::ClobberMemory();
    }
    set_flops(state, lstm_flops);
}
void BM_LstmGemmsFused(benchmark::State& state) { lstm_gemms(state, true); }
void BM_LstmGemmsSeparate(benchmark::State& state) { lstm_gemms(state, false); }
BENCHMARK(BM_LstmGemmsFused);
BENCHMARK(BM_LstmGemmsSeparate);

}  // namespace

int main(int argc, char** argv)
{
    benchmark::AddCustomContext("openblas_core", openblas_get_corename());
    const char* threads = std::getenv("OPENBLAS_NUM_THREADS");
    benchmark::AddCustomContext("openblas_threads", threads ? threads : "(unset)");
    // bench/compare runs every program with malloc keeping freed memory; run alone, the LSTM
    // cell's fresh weight gradients cost page faults (bench/README.md).
    const char* tunables = std::getenv("GLIBC_TUNABLES");
    benchmark::AddCustomContext("glibc_tunables", tunables ? tunables : "(unset: glibc defaults)");
#ifdef XTENSOR_USE_XSIMD
    benchmark::AddCustomContext("xtensor_simd", "xsimd");
#else
    benchmark::AddCustomContext("xtensor_simd", "off");
#endif
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
