"""The benchmark kernels of bench/kernels.cpp, the same maths in NumPy or PyTorch (float64).

Run by bench/compare:
    /usr/bin/python3 bench/py_kernels.py numpy|torch THREADS micro|epoch [fashion-mnist|random]
Prints one JSON object: {"kernel name": seconds per iteration (median of 5 repetitions), ...,
"versions": {...}}; with "epoch", {"BM_Epoch": seconds of one epoch, "epoch_loss": ...,
"test_accuracy": ... (Fashion-MNIST only), "data": ...}.
The maths is written as the course text writes it (chapter 02): Z = X W + b, ReLU, a stable
softmax and log-sum-exp, dZ = (P - Y) / N, dW = Aᵀ dZ, db = the column sums of dZ,
dA = dZ Wᵀ (not for the first layer: the data needs no gradient), then W -= lr dW.
The epoch is chapter 06's train_epoch: a new random order of the 60 000 rows (a permutation:
Fisher–Yates), batches of 64 in that order with the partial last one (32 rows), each gathered
from the shuffled indices, one SGD step per batch; its loss is the per-sample mean of the batch
losses. The data is Fashion-MNIST read from the same gzip IDX files as the C++ loader, /255,
or random data of the same shape.

Chapter 07's LSTM cell (BM_LstmCell: N = 64, D = 128, H = 256), forward and backward from a
given dh and dc. NumPy writes it in the course's layout, as solutions/07-lstm-cell/lstm.cpp does:
z = [h, x], four (H + D, H) weights, four products each way. PyTorch runs its own nn.LSTMCell
(float64; one fused product x W_ihᵀ + h W_hhᵀ with the gates stacked, its C++ kernels) and
autograd backward of the scalar sum(h·dh + c·dc), whose gradient reaching h and c is exactly dh
and dc: the same work — a forward and every gradient (x, h_prev, c_prev, the weights and biases)
— through the path a PyTorch user takes. A hand-written torch backward would be our maths in
torch ops, measuring torch's per-op overhead rather than PyTorch's LSTM.
"""
import gzip
import json
import os
import statistics
import sys
import time

B, D, H, C, N = 64, 784, 256, 10, 60000
LN, LD, LH = 64, 128, 256  # the LSTM cell: batch, input, state
FASHION_MNIST = "/usr/share/datasets/fashion-mnist"  # Debian's dataset-fashion-mnist


def read_idx(path):
    """An IDX file (gzip) as a uint8 array of its shape: the header's magic number gives the
    number of dimensions, then one big-endian 4-byte size each (as chapters/core/idx.cpp reads)."""
    import numpy as np
    with gzip.open(path, "rb") as f:
        raw = f.read()
    if raw[0] != 0 or raw[1] != 0 or raw[2] != 0x08:
        raise ValueError(f"{path}: not an IDX file of unsigned bytes")
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def fashion_mnist(split):
    """(X: (n, 784) float64 in [0, 1], y: (n,) int64) of the split "train" or "t10k"."""
    import numpy as np
    images = read_idx(os.path.join(FASHION_MNIST, f"{split}-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(FASHION_MNIST, f"{split}-labels-idx1-ubyte.gz"))
    return images.reshape(len(images), -1).astype(np.float64) / 255.0, labels.astype(np.int64)


def measure(fn, repetitions=5, min_seconds=0.2):
    """Median seconds per call over `repetitions` runs of a loop that lasts min_seconds."""
    fn()  # warm up
    calls = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(calls):
            fn()
        if time.perf_counter() - t0 >= min_seconds / 4 or calls >= 1 << 20:
            break
        calls *= 2
    calls = max(1, int(calls * (min_seconds / 4) / max(time.perf_counter() - t0, 1e-9)))
    times = []
    for _ in range(repetitions):
        t0 = time.perf_counter()
        for _ in range(calls):
            fn()
        times.append((time.perf_counter() - t0) / calls)
    return statistics.median(times)


def numpy_kernels(threads, epoch_data):
    import numpy as np

    rng = np.random.default_rng(0)

    def softmax(S):
        E = np.exp(S - S.max(axis=1, keepdims=True))
        return E / E.sum(axis=1, keepdims=True)

    def cross_entropy(S, y):
        m = S.max(axis=1, keepdims=True)
        lse = m[:, 0] + np.log(np.exp(S - m).sum(axis=1))
        return np.mean(lse - S[np.arange(len(y)), y])

    def cross_entropy_gradient(S, y):
        P = softmax(S)
        P[np.arange(len(y)), y] -= 1.0
        return P / len(y)

    def dense_forward(X, W, b):
        return X @ W + b

    def dense_backward(dZ, X, W):
        return dZ @ W.T, X.T @ dZ, dZ.sum(axis=0)

    def init():
        return [rng.normal(0, np.sqrt(2 / D), (D, H)), np.zeros(H),
                rng.normal(0, np.sqrt(2 / H), (H, C)), np.zeros(C)]

    def step(params, X, y, lr):
        W1, b1, W2, b2 = params
        Z1 = X @ W1 + b1
        A1 = np.maximum(Z1, 0)
        Z2 = A1 @ W2 + b2
        loss = cross_entropy(Z2, y)
        dZ2 = cross_entropy_gradient(Z2, y)
        dW2, db2 = A1.T @ dZ2, dZ2.sum(axis=0)
        dA1 = dZ2 @ W2.T
        dZ1 = dA1 * (Z1 > 0)
        dW1, db1 = X.T @ dZ1, dZ1.sum(axis=0)
        W1 -= lr * dW1
        b1 -= lr * db1
        W2 -= lr * dW2
        b2 -= lr * db2
        return loss

    def accuracy(params, X, y):
        W1, b1, W2, b2 = params
        correct = 0
        for start in range(0, len(y), 1000):  # in batches, as evaluate() does
            S = np.maximum(X[start:start + 1000] @ W1 + b1, 0) @ W2 + b2
            correct += int((S.argmax(axis=1) == y[start:start + 1000]).sum())
        return correct / len(y)

    if epoch_data:
        if epoch_data == "fashion-mnist":
            XN, yN = fashion_mnist("train")
            X_test, y_test = fashion_mnist("t10k")
        else:
            XN, yN = rng.normal(0, 1, (N, D)), rng.integers(0, C, N)
        params = init()
        t0 = time.perf_counter()
        order = rng.permutation(len(yN))  # a new order every epoch
        loss_sum = 0.0
        for start in range(0, len(yN), B):
            idx = order[start:start + B]  # the last batch is partial
            loss_sum += step(params, XN[idx], yN[idx], 0.1) * len(idx)
        seconds = time.perf_counter() - t0
        result = {"BM_Epoch": seconds, "epoch_loss": loss_sum / len(yN), "data": epoch_data,
                  "versions": {"numpy": np.__version__}}
        if epoch_data == "fashion-mnist":
            result["test_accuracy"] = accuracy(params, X_test, y_test)
        return result

    X = rng.normal(0, 1, (B, D))
    W = rng.normal(0, 0.05, (D, H))
    b = np.zeros(H)
    dZ = rng.normal(0, 0.01, (B, H))
    S = rng.normal(0, 3, (B, C))
    y = rng.integers(0, C, B)
    params = init()
    XN = np.ones((N, D))  # the batch iterator: only the shape matters
    yN = np.ones(N, dtype=np.int64)

    def iterate():
        order = rng.permutation(N)
        for start in range(0, N, B):
            idx = order[start:start + B]
            XN[idx], yN[idx]

    def sigmoid(a):
        return 1.0 / (1.0 + np.exp(-a))

    k = 1 / np.sqrt(LH)
    lstm = [rng.uniform(-k, k, (LH + LD, LH)) if i % 2 == 0 else np.zeros(LH) for i in range(8)]
    lx, lh, lc = rng.normal(0, 1, (LN, LD)), rng.normal(0, 0.5, (LN, LH)), rng.normal(0, 0.5, (LN, LH))
    ldh, ldc = rng.normal(0, 0.01, (LN, LH)), rng.normal(0, 0.01, (LN, LH))

    def lstm_cell(x, h_prev, c_prev, dh, dc):
        """Forward then backward, as solutions/07-lstm-cell/lstm.cpp writes them."""
        Wf, bf, Wi, bi, Wo, bo, Wc, bc = lstm
        z = np.concatenate([h_prev, x], axis=1)
        f, i, o = sigmoid(z @ Wf + bf), sigmoid(z @ Wi + bi), sigmoid(z @ Wo + bo)
        ct = np.tanh(z @ Wc + bc)
        c = f * c_prev + i * ct
        tc = np.tanh(c)
        h = o * tc
        d_o = dh * tc
        d_c = dc + dh * o * (1 - tc * tc)
        da_f, da_i = d_c * c_prev * f * (1 - f), d_c * ct * i * (1 - i)
        da_o, da_c = d_o * o * (1 - o), d_c * i * (1 - ct * ct)
        grads = [z.T @ da_f, da_f.sum(axis=0), z.T @ da_i, da_i.sum(axis=0),
                 z.T @ da_o, da_o.sum(axis=0), z.T @ da_c, da_c.sum(axis=0)]
        dz = da_f @ Wf.T + da_i @ Wi.T + da_o @ Wo.T + da_c @ Wc.T
        return h, c, dz[:, LH:], dz[:, :LH], d_c * f, grads

    return {
        "BM_BatchIterator": measure(iterate),
        "BM_DenseForward": measure(lambda: dense_forward(X, W, b)),
        "BM_DenseBackward": measure(lambda: dense_backward(dZ, X, W)),
        "BM_SoftmaxCrossEntropy": measure(
            lambda: (softmax(S), cross_entropy(S, y), cross_entropy_gradient(S, y))),
        "BM_TrainStep": measure(lambda: step(params, X, y, 0.0)),  # lr 0: no drift
        "BM_LstmCell": measure(lambda: lstm_cell(lx, lh, lc, ldh, ldc)),
        "versions": {"numpy": np.__version__},
    }


def torch_kernels(threads, epoch_data):
    import torch

    torch.set_num_threads(threads)
    torch.set_grad_enabled(False)
    g = torch.Generator().manual_seed(0)
    f64 = torch.float64

    def normal(std, *shape):
        return torch.randn(*shape, generator=g, dtype=f64) * std

    def softmax(S):
        E = torch.exp(S - S.amax(dim=1, keepdim=True))
        return E / E.sum(dim=1, keepdim=True)

    def cross_entropy(S, y):
        m = S.amax(dim=1, keepdim=True)
        lse = m[:, 0] + torch.log(torch.exp(S - m).sum(dim=1))
        return torch.mean(lse - S[torch.arange(len(y)), y])

    def cross_entropy_gradient(S, y):
        P = softmax(S)
        P[torch.arange(len(y)), y] -= 1.0
        return P / len(y)

    def step(params, X, y, lr):
        W1, b1, W2, b2 = params
        Z1 = X @ W1 + b1
        A1 = torch.clamp(Z1, min=0)
        Z2 = A1 @ W2 + b2
        loss = cross_entropy(Z2, y)
        dZ2 = cross_entropy_gradient(Z2, y)
        dW2, db2 = A1.T @ dZ2, dZ2.sum(dim=0)
        dA1 = dZ2 @ W2.T
        dZ1 = dA1 * (Z1 > 0)
        dW1, db1 = X.T @ dZ1, dZ1.sum(dim=0)
        W1 -= lr * dW1
        b1 -= lr * db1
        W2 -= lr * dW2
        b2 -= lr * db2
        return loss

    def init():
        return [normal((2 / D) ** 0.5, D, H), torch.zeros(H, dtype=f64),
                normal((2 / H) ** 0.5, H, C), torch.zeros(C, dtype=f64)]

    def accuracy(params, X, y):
        W1, b1, W2, b2 = params
        correct = 0
        for start in range(0, len(y), 1000):
            S = torch.clamp(X[start:start + 1000] @ W1 + b1, min=0) @ W2 + b2
            correct += int((S.argmax(dim=1) == y[start:start + 1000]).sum())
        return correct / len(y)

    versions = {"torch": torch.__version__}
    if epoch_data:
        if epoch_data == "fashion-mnist":
            XN, yN = (torch.from_numpy(a) for a in fashion_mnist("train"))
            X_test, y_test = (torch.from_numpy(a) for a in fashion_mnist("t10k"))
        else:
            XN, yN = normal(1, N, D), torch.randint(0, C, (N,), generator=g)
        params = init()
        t0 = time.perf_counter()
        order = torch.randperm(len(yN), generator=g)  # a new order every epoch
        loss_sum = 0.0
        for start in range(0, len(yN), B):
            idx = order[start:start + B]  # the last batch is partial
            loss_sum += float(step(params, XN[idx], yN[idx], 0.1)) * len(idx)
        seconds = time.perf_counter() - t0
        result = {"BM_Epoch": seconds, "epoch_loss": loss_sum / len(yN), "data": epoch_data,
                  "versions": versions}
        if epoch_data == "fashion-mnist":
            result["test_accuracy"] = accuracy(params, X_test, y_test)
        return result

    X, W, b = normal(1, B, D), normal(0.05, D, H), torch.zeros(H, dtype=f64)
    dZ, S = normal(0.01, B, H), normal(3, B, C)
    y = torch.randint(0, C, (B,), generator=g)
    params = init()
    XN, yN = torch.ones(N, D, dtype=f64), torch.ones(N, dtype=torch.int64)

    def iterate():
        order = torch.randperm(N, generator=g)
        for start in range(0, N, B):
            idx = order[start:start + B]
            XN[idx], yN[idx]

    cell = torch.nn.LSTMCell(LD, LH, dtype=f64)  # weights uniform in ±1/√H, as lstm_init
    lx, lh, lc = normal(1, LN, LD), normal(0.5, LN, LH), normal(0.5, LN, LH)
    for t in (lx, lh, lc):
        t.requires_grad_(True)
    ldh, ldc = normal(0.01, LN, LH), normal(0.01, LN, LH)

    def lstm_cell():
        """nn.LSTMCell forward, then autograd backward of sum(h·dh + c·dc): the gradients
        reaching h and c are dh and dc; every input and parameter gets its gradient."""
        with torch.enable_grad():
            h, c = cell(lx, (lh, lc))
            (h * ldh + c * ldc).sum().backward()
        for t in [lx, lh, lc] + list(cell.parameters()):
            t.grad = None  # as a training loop's zero_grad(set_to_none=True)

    return {
        "BM_LstmCell": measure(lstm_cell),
        "BM_BatchIterator": measure(iterate),
        "BM_DenseForward": measure(lambda: X @ W + b),
        "BM_DenseBackward": measure(lambda: (dZ @ W.T, X.T @ dZ, dZ.sum(dim=0))),
        "BM_SoftmaxCrossEntropy": measure(
            lambda: (softmax(S), cross_entropy(S, y), cross_entropy_gradient(S, y))),
        "BM_TrainStep": measure(lambda: step(params, X, y, 0.0)),  # lr 0: no drift
        "versions": versions,
    }


def blas_in_use():
    """The BLAS library this process loaded, and OpenBLAS's kernel name if it is OpenBLAS."""
    import ctypes
    libs = sorted({line.split()[-1] for line in open("/proc/self/maps")
                   if "blas" in line.rsplit("/", 1)[-1] and ".so" in line})
    core = "?"
    for lib in libs:
        try:
            fn = ctypes.CDLL(lib).openblas_get_corename
            fn.restype = ctypes.c_char_p
            core = fn().decode()
            break
        except (OSError, AttributeError):
            continue
    return {"libraries": libs, "openblas_core": core}


if __name__ == "__main__":
    which, threads, what = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    data = sys.argv[4] if len(sys.argv) > 4 else "random"
    if what == "epoch" and data not in ("fashion-mnist", "random"):
        sys.exit(f"py_kernels.py: data must be fashion-mnist or random, not {data!r}")
    kernels = numpy_kernels if which == "numpy" else torch_kernels
    result = kernels(threads, data if what == "epoch" else None)
    result["blas"] = blas_in_use()
    print(json.dumps(result))
