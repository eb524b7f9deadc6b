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
// Later chapters add their kernels here (the LSTM step, the batch iterator).
#include <cmath>
#include <cstdio>
#include <vector>

#include <benchmark/benchmark.h>
#include <cblas.h>
#include <xtensor/xview.hpp>

#include "backpropagation.hpp"

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
    // He initialization: N(0, 2 / fan_in), zero biases (chapter 03).
    Network net;
    for (auto [in, out, g] : {std::tuple{D, H, "relu"}, std::tuple{H, C, "identity"}})
        net.layers.push_back({rng.normal(in, out, 0.0, std::sqrt(2.0 / static_cast<double>(in))),
                              xt::zeros<double>({out}), g});
    return net;
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

// One epoch: 60 000 samples of Fashion-MNIST's shape (random data), batches of 64 in order, the
// last one partial (60 000 = 937 × 64 + 32), SGD with learning rate 0.1.
void BM_Epoch(benchmark::State& state)
{
    Rng rng(6);
    const Matrix X = rng.normal(N, D, 0, 1);
    const Labels y = random_labels(rng, N);
    Network net = mlp(rng);
    for (auto _ : state) {
        double total = 0;
        for (std::size_t start = 0; start < N; start += B) {
            const std::size_t end = std::min(start + B, N);
            const Matrix Xb = xt::view(X, xt::range(start, end), xt::all());
            const Labels yb(y.begin() + static_cast<std::ptrdiff_t>(start),
                            y.begin() + static_cast<std::ptrdiff_t>(end));
            LossAndGradients lg = loss_and_gradients(net, Xb, yb);
            sgd_step(net, lg.grads, 0.1);
            total += lg.loss;
        }
        benchmark::DoNotOptimize(total);
    }
    set_flops(state, step_flops * static_cast<double>(N) / B);
}
// One iteration per run: bench/compare runs it several times, alternating with NumPy's epoch,
// and takes the median of the paired ratios (the machine's speed drifts over minutes).
BENCHMARK(BM_Epoch)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace

int main(int argc, char** argv)
{
    benchmark::AddCustomContext("openblas_core", openblas_get_corename());
    const char* threads = std::getenv("OPENBLAS_NUM_THREADS");
    benchmark::AddCustomContext("openblas_threads", threads ? threads : "(unset)");
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
