"""Side by side: the reference kernels (bench/kernels.cpp, Google Benchmark) and the same maths in
NumPy and, when installed, PyTorch — in one run, under one environment, with 1 and 2 threads.

Run through bench/compare, which installs the packages and builds the benchmarks first.
Prints a Markdown table per thread count; with --record also writes it to bench/results/, which
the course site's Performance page includes.

The epochs (chapter 06's train_epoch and the same maths in NumPy and PyTorch) train on
Fashion-MNIST when Debian's dataset-fashion-mnist is installed and the benchmarks could be built
with the data loader (zlib); otherwise on random data of the same shape, and the table says so.

With --modern-mlp N it runs only the modern-mlp milestone's model side by side instead: the
milestone program (milestones/modern_mlp.cpp with the references, built -O3 in build-milestone/,
as `./grade milestone run modern-mlp --reference` builds it) and bench/py_modern_mlp.py (the
seed's PyTorch model and recipe, float64 unless --modern-dtype float32), N epochs each, one
thread; a table of test accuracy and seconds per epoch (bench/results/modern_mlp.md with --record).
"""
import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KERNELS = os.path.join(ROOT, "build-release", "bench", "bench-kernels")
PYTHON = "/usr/bin/python3"  # Debian's, with Debian's python3-numpy and python3-torch
B, D, H, C = 64, 784, 256, 10
# The matrix products of one training step (bench/kernels.cpp, step_flops).
STEP_FLOPS = 2.0 * (B * H * D + B * C * H + H * C * B + B * H * C + D * H * B)
# Matrix-product FLOPs per iteration of each kernel; GFLOP/s below divides them by the median
# wall-clock time (Google Benchmark's own counter divides by CPU time).
FLOPS = {"BM_DenseForward": 2.0 * B * H * D, "BM_DenseBackward": 2.0 * (D * H * B + B * D * H),
         "BM_TrainStep": STEP_FLOPS, "BM_Epoch": STEP_FLOPS * 60000 / B,
         "BM_EpochInOrder": STEP_FLOPS * 60000 / B, "BM_GemmCeiling": STEP_FLOPS}
# The LSTM cell (chapter 07): N = 64, D = 128, H = 256; three products of (N, H + D)·(H + D, 4H).
LN, LD, LH = 64, 128, 256
LSTM_FLOPS = 3 * 2.0 * LN * (LH + LD) * 4 * LH
FLOPS.update({"BM_LstmCell": LSTM_FLOPS, "BM_LstmGemmsFused": LSTM_FLOPS,
              "BM_LstmGemmsSeparate": LSTM_FLOPS})
N = 60000  # samples of an epoch (and of the batch iterator)
EPOCH_BENCHMARKS = ("BM_Epoch", "BM_EpochInOrder")

ROWS = [
    ("BM_DenseForward", "dense forward (64, 784)·(784, 256) + b"),
    ("BM_DenseBackward", "dense backward: dW, db and dX at the same shapes"),
    ("BM_SoftmaxCrossEntropy", "softmax + cross-entropy + its gradient at (64, 10)"),
    ("BM_TrainStep", "one training step of 784-256-10 (B = 64)"),
    ("BM_BatchIterator", "batch iterator: an epoch's shuffle and 938 gathers of (64, 784), no maths"),
    ("BM_Epoch", "one epoch (train_epoch): 60 000 samples shuffled, B = 64, SGD 0.1"),
    ("BM_GemmCeiling", "ceiling: one step's matrix products straight to BLAS"),
    ("BM_LstmCell", "LSTM cell forward + backward, N = 64, D = 128, H = 256 (PyTorch: nn.LSTMCell + autograd)"),
    ("BM_LstmGemmsFused", "LSTM cell's products straight to BLAS, fused: 3 × (64, 384)·(384, 1024)"),
    ("BM_LstmGemmsSeparate", "LSTM cell's products straight to BLAS, 4 gates apart: 12 × (64, 384)·(384, 256)"),
]


# glibc's malloc set to keep the memory a program frees instead of handing it back to the system
# (and faulting it in again, page by page, on the next allocation). Every program that compare
# runs — scratchnet, NumPy, PyTorch — gets the same setting; --default-malloc leaves glibc's
# defaults. Measured on the LSTM cell: ~1 300 page faults per step under the defaults, where the
# fresh (384, 256) weight gradients are zeroed by the kernel and then by BLAS.
KEEP_FREED_MEMORY = ("glibc.malloc.mmap_threshold=67108864:glibc.malloc.trim_threshold=268435456:"
                     "glibc.malloc.top_pad=67108864")
DEFAULT_MALLOC = False  # set by --default-malloc


def env_for(threads, data=None):
    env = dict(os.environ)
    if not DEFAULT_MALLOC:
        env["GLIBC_TUNABLES"] = KEEP_FREED_MEMORY
    env["OPENBLAS_NUM_THREADS"] = str(threads)
    env["OMP_NUM_THREADS"] = str(threads)
    if data:
        env["SCRATCHNET_BENCH_DATA"] = data  # fashion-mnist or random (bench/kernels.cpp)
    return env


def run_kernels(threads, epoch, data=None):
    args = ([KERNELS, "--benchmark_format=json", "--benchmark_filter=BM_Epoch"] if epoch else
            [KERNELS, "--benchmark_format=json", "--benchmark_filter=-BM_Epoch",
             "--benchmark_repetitions=5", "--benchmark_report_aggregates_only=true"])
    proc = subprocess.run(args, env=env_for(threads, data), capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"[compare] {os.path.relpath(KERNELS, ROOT)} failed:\n{proc.stderr.strip()}")
    report = json.loads(proc.stdout)
    scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}
    results = {}
    for b in report["benchmarks"]:
        if b.get("aggregate_name", "median") != "median":
            continue
        name = b["run_name"].split("/")[0]
        secs = b["real_time"] * scale[b["time_unit"]]
        results[name] = {"seconds": secs,
                         "flops": FLOPS[name] / secs if name in FLOPS else None,
                         "label": b.get("label", ""),
                         "epoch_loss": b.get("epoch_loss"),
                         "test_accuracy": b.get("test_accuracy")}
    return results, report["context"]


def run_python(which, threads, what, data=None):
    proc = subprocess.run([PYTHON, os.path.join(ROOT, "bench", "py_kernels.py"), which,
                           str(threads), what] + ([data] if data else []),
                          env=env_for(threads), capture_output=True, text=True)
    if proc.returncode != 0:
        return None, proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "failed"
    return json.loads(proc.stdout), ""


def seconds(s):
    if s is None:
        return "–"
    if s >= 0.1:
        return f"{s:.3f} s"
    if s >= 1e-4:
        return f"{s * 1e3:.3f} ms"
    return f"{s * 1e6:.2f} µs"


def epochs(threads, rounds, with_torch, data):
    """One epoch each, alternating scratchnet (train_epoch, then the hand-rolled loop in order),
    NumPy (and PyTorch), `rounds` times: the median time, loss and test accuracy of each, and
    the median of the ratios taken round by round (the machine's speed drifts over minutes; a
    pair run back to back sees the same machine). The Python epochs train on the data the C++
    one reported it used (its label), so that all three see the same."""
    names = ("scratchnet", "scratchnet_in_order", "numpy", "torch")
    times = {k: [] for k in names}
    losses = {k: [] for k in names}
    accuracies = {k: [] for k in names}
    source = None
    for r in range(rounds):
        print(f"[compare] epoch round {r + 1} of {rounds}…", file=sys.stderr, flush=True)
        ours, _ = run_kernels(threads, epoch=True, data=data)
        for key, name in (("scratchnet", "BM_Epoch"), ("scratchnet_in_order", "BM_EpochInOrder")):
            times[key].append(ours[name]["seconds"])
            losses[key].append(ours[name]["epoch_loss"])
            accuracies[key].append(ours[name]["test_accuracy"])
        source = ours["BM_Epoch"]["label"]
        py_data = "fashion-mnist" if source == "fashion-mnist" else "random"
        for which in ["numpy"] + (["torch"] if with_torch else []):
            result, _ = run_python(which, threads, "epoch", py_data)
            if result:
                times[which].append(result["BM_Epoch"])
                losses[which].append(result["epoch_loss"])
                accuracies[which].append(result.get("test_accuracy"))
    summary = {"source": source}
    for key in names:
        if len(times[key]) != rounds:
            continue
        summary[key] = statistics.median(times[key])
        summary[key + "_all"] = times[key]
        summary[key + "_loss"] = statistics.median(losses[key])
        if None not in accuracies[key]:
            summary[key + "_accuracy"] = statistics.median(accuracies[key])
        if key != "scratchnet":
            summary[key + "_ratio"] = statistics.median(
                o / m for o, m in zip(times[key], times["scratchnet"]))
    return summary


def epoch_table(threads, e, iterator):
    """The epochs side by side: seconds, samples per second, the epoch's loss and the accuracy
    on the 10 000 test images after it (Fashion-MNIST only), and the batch iterator alone."""
    real = e["source"] == "fashion-mnist"
    lines = [f"One epoch, {threads} thread{'s' if threads > 1 else ''}, on "
             + ("Fashion-MNIST (60 000 training images; accuracy on the 10 000 test images "
                "after the epoch, from a fresh He initialization)" if real else
                f"**{e['source']}** of Fashion-MNIST's shape (no accuracy: the labels are random)"),
             "",
             "| epoch | seconds | samples/s | / scratchnet train_epoch | loss of the epoch"
             + (" | test accuracy" if real else "") + " |",
             "|---|---|---|---|---" + ("|---" if real else "") + "|"]
    rows = [("scratchnet", "scratchnet: train_epoch (shuffle, gather, step)"),
            ("scratchnet_in_order", "scratchnet: hand-rolled loop, batches in file order, no shuffle"),
            ("numpy", "NumPy: permutation, fancy-index gather, step"),
            ("torch", "PyTorch: randperm, index gather, step")]
    for key, what in rows:
        if key not in e:
            continue
        row = [what, seconds(e[key]), f"{N / e[key]:,.0f}",
               f"{e[key + '_ratio']:.2f}" if key + "_ratio" in e else "1",
               f"{e[key + '_loss']:.4f}"]
        if real:
            acc = e.get(key + "_accuracy")
            row.append(f"{acc:.2%}" if acc is not None else "–")
        lines.append("| " + " | ".join(row) + " |")
    if iterator:
        row = ["scratchnet: the batch iterator alone (shuffle and gathers, no maths)",
               seconds(iterator), f"{N / iterator:,.0f}", f"{iterator / e['scratchnet']:.2f}", "–"]
        lines.append("| " + " | ".join(row + (["–"] if real else [])) + " |")
    return "\n".join(lines)


def table(threads, ours, numpy, torch):
    ceiling = ours["BM_GemmCeiling"]["flops"]
    lines = [f"**{threads} thread{'s' if threads > 1 else ''}** "
             f"(OPENBLAS_NUM_THREADS={threads})", "",
             "| kernel | scratchnet | GFLOP/s | share of ceiling | NumPy | NumPy / scratchnet"
             + (" | PyTorch | PyTorch / scratchnet" if torch else "") + " |",
             "|---|---|---|---|---|---" + ("|---|---" if torch else "") + "|"]
    for name, what in ROWS:
        mine = ours[name]
        flops = mine["flops"]
        # The ceiling is a whole step's products, large and small: a share is only meaningful
        # for the step and the epoch, which do the same products. The LSTM rows are set against
        # their own ceiling, the cell's products fused into one (H + D, 4H) matrix.
        comparable = name in ("BM_TrainStep", "BM_Epoch", "BM_GemmCeiling")
        lstm = name.startswith("BM_Lstm") and "BM_LstmGemmsFused" in ours
        top = ours["BM_LstmGemmsFused"]["flops"] if lstm else ceiling
        row = [what, seconds(mine["seconds"]),
               f"{flops / 1e9:.1f}" if flops else "–",
               f"{flops / top:.0%}" if flops and (comparable or lstm) else "–"]
        for which, other in [("numpy", numpy)] + ([("torch", torch)] if torch else []):
            t = other.get(name) if other else None
            ratio = other.get(name + "_ratio", t / mine["seconds"] if t else None) if other else None
            row += [seconds(t), f"{ratio:.2f}" if ratio else "–"]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def cpu_name():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


MILESTONE = os.path.join(ROOT, "build-milestone", "milestones", "milestone-modern-mlp-reference")


def modern_mlp(epochs, dtype, record, runs_from=None, note=None):
    """The modern-mlp milestone's model and recipe, N epochs, one thread: scratchnet's milestone
    program (the references, -O3) then PyTorch (bench/py_modern_mlp.py), one run each, under the
    same environment. Seconds per epoch are the training passes only (the mean of the epochs'
    own clocks, validation excluded), the same clock in both programs. With runs_from (two JSON
    files: the milestone's result record and py_modern_mlp.py's output), no run: the table of
    those two runs."""
    if runs_from:
        with open(runs_from[0]) as f:
            ours = json.load(f)
        with open(runs_from[1]) as f:
            torch = json.load(f)
        dtype = torch.get("dtype", dtype)
        how = ("`bench/compare --modern-mlp-runs` from two recorded runs: scratchnet's "
               f"`{os.path.relpath(os.path.abspath(runs_from[0]), ROOT)}` "
               f"({ours.get('date', '?')}) and PyTorch's `{os.path.relpath(os.path.abspath(runs_from[1]), ROOT)}`")
        load = None
    else:
        if not os.path.exists(MILESTONE):
            sys.exit(f"[compare] {os.path.relpath(MILESTONE, ROOT)} is missing (bench/compare builds it)")
        load_before = os.getloadavg()[0]
        with tempfile.TemporaryDirectory() as tmp:
            record_file = os.path.join(tmp, "modern-mlp.json")
            print(f"[compare] modern MLP, scratchnet, {epochs} epochs…", file=sys.stderr, flush=True)
            proc = subprocess.run([MILESTONE, "--epochs", str(epochs), "--out", record_file],
                                  env=env_for(1), stdout=sys.stderr, stderr=sys.stderr)
            if proc.returncode != 0:
                sys.exit(f"[compare] {os.path.relpath(MILESTONE, ROOT)} failed ({proc.returncode})")
            with open(record_file) as f:
                ours = json.load(f)
        print(f"[compare] modern MLP, PyTorch ({dtype}), {epochs} epochs…", file=sys.stderr,
              flush=True)
        proc = subprocess.run([PYTHON, os.path.join(ROOT, "bench", "py_modern_mlp.py"), "--epochs",
                               str(epochs), "--threads", "1", "--dtype", dtype],
                              env=env_for(1), stdout=subprocess.PIPE, stderr=sys.stderr, text=True)
        if proc.returncode != 0:
            sys.exit("[compare] bench/py_modern_mlp.py failed (python3-torch installed?)")
        torch = json.loads(proc.stdout)
        load = (load_before, os.getloadavg()[0])
        how = (f"`bench/compare --modern-mlp {epochs}`, one run each, one after the other "
               f"(load average {load[0]:.1f} before, {load[1]:.1f} after)")

    def per_epoch(r):
        return statistics.mean(h["seconds"] for h in r["history"])

    runs = [("scratchnet (milestone program, references, -O3, float64)", ours),
            (f"PyTorch {torch['versions']['torch']} (nn modules + autograd, {dtype})", torch)]
    base = per_epoch(ours)
    lines = [
        f"Made {datetime.date.today().isoformat()} by {how}, on {cpu_name()} ({os.cpu_count()} "
        "cores), "
        + ("each run as it was made (a milestone record from `./grade milestone run`: OpenBLAS "
           "with its default threads, glibc malloc's defaults; PyTorch: "
           f"torch.set_num_threads({torch.get('threads', '?')}))" if runs_from else
           "one thread each (OPENBLAS_NUM_THREADS=1, torch.set_num_threads(1))")
        + ("" if runs_from else "; glibc malloc at its defaults" if DEFAULT_MALLOC else
           f"; both under GLIBC_TUNABLES={KEEP_FREED_MEMORY}") + ".",
        "",
        f"The modern-mlp milestone's model on Fashion-MNIST: 784-512-256-128-10, Linear-BatchNorm-"
        "ReLU-Dropout(0.5), Kaiming normal, Adam 1e-3 (weight decay 1e-5), clipping at 1.0, "
        f"reduce-on-plateau on the validation loss (5, 0.5), batches of 64 (last partial batch "
        f"dropped), {ours['train_images']:,} training and 5 000 validation images. "
        "Seconds per epoch: the training pass alone (mean of the epochs); total: training and "
        "the validation after each epoch.",
        "",
        "| run | epochs | test accuracy | test loss | last validation accuracy "
        "| seconds per epoch | samples/s | / scratchnet | total seconds |",
        "|---|---|---|---|---|---|---|---|---|"]
    for what, r in runs:
        s = per_epoch(r)
        lines.append("| " + " | ".join([
            what, str(r["epochs"]), f"{r['test_accuracy']:.4f}", f"{r['test_loss']:.4f}",
            f"{r['history'][-1]['validation_accuracy']:.4f}", f"{s:.2f} s",
            f"{r['train_images'] // 64 * 64 / s:,.0f}", f"{s / base:.2f}",
            f"{r['seconds']:.1f} s"]) + " |")
    lines += ["", "Validation accuracy by epoch (the learning rate where it changed):"]
    for what, r in runs:
        lines.append(f"- {what.split(' (')[0]}: " + ", ".join(
            f"{h['validation_accuracy']:.4f}" + (f" (lr {h['lr']:.2g})" if i and h["lr"] !=
                                                 r["history"][i - 1]["lr"] else "")
            for i, h in enumerate(r["history"])))
    lines += ["", "Training-pass seconds by epoch: " + "; ".join(
        f"{what.split(' (')[0]} " + ", ".join(f"{h['seconds']:.1f}" for h in r["history"])
        for what, r in runs)]
    if note:
        lines += ["", note]
    if load and max(load) > 0.75 * (os.cpu_count() or 1):
        lines += ["", f"The load average was above ¾ of the cores: other processes shared the "
                  "CPUs, and the seconds are slower and more scattered than on a quiet machine."]
    text = "\n".join(lines) + "\n"
    print(text)
    if record:
        out = os.path.join(ROOT, "bench", "results", "modern_mlp.md")
        with open(out, "w") as f:
            f.write(text)
        print(f"[compare] written to {os.path.relpath(out, ROOT)}", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threads", default="1,2", help="thread counts (default 1,2)")
    parser.add_argument("--no-torch", action="store_true", help="leave PyTorch out")
    parser.add_argument("--rounds", type=int, default=5,
                        help="epochs of each, alternating (default 5); the table shows medians")
    parser.add_argument("--data", choices=("auto", "fashion-mnist", "random"), default="auto",
                        help="the epochs' data: Fashion-MNIST when installed, else random data of "
                        "its shape (auto, the default); fashion-mnist fails when it is missing")
    parser.add_argument("--record", action="store_true",
                        help="also write bench/results/compare.md (the site's Performance page)")
    parser.add_argument("--default-malloc", action="store_true",
                        help="run every program under glibc's default malloc settings (by default "
                        "all of them keep freed memory: GLIBC_TUNABLES, see KEEP_FREED_MEMORY)")
    parser.add_argument("--modern-mlp", type=int, metavar="EPOCHS", default=0,
                        help="instead of the kernels: the modern-mlp milestone's model, scratchnet "
                        "vs PyTorch, this many epochs each (with --record: bench/results/modern_mlp.md)")
    parser.add_argument("--modern-dtype", choices=("float64", "float32"), default="float64",
                        help="PyTorch's precision in --modern-mlp (scratchnet computes in float64)")
    parser.add_argument("--modern-mlp-runs", nargs=2, metavar=("SCRATCHNET_JSON", "PYTORCH_JSON"),
                        help="no run: the --modern-mlp table of two recorded runs (the milestone's "
                        "result record, py_modern_mlp.py's output)")
    parser.add_argument("--note", help="a paragraph added under the --modern-mlp table")
    args = parser.parse_args()
    global DEFAULT_MALLOC
    DEFAULT_MALLOC = args.default_malloc
    if args.modern_mlp > 0 or args.modern_mlp_runs:
        modern_mlp(args.modern_mlp, args.modern_dtype, args.record, args.modern_mlp_runs,
                   args.note)
        return

    sections, context, versions, notes, raw, sources = [], None, {}, [], [], set()
    for threads in [int(t) for t in args.threads.split(",")]:
        print(f"[compare] {threads} thread(s): scratchnet…", file=sys.stderr, flush=True)
        ours, context = run_kernels(threads, epoch=False)
        print("[compare] NumPy…", file=sys.stderr, flush=True)
        numpy, why = run_python("numpy", threads, "micro")
        if numpy is None:
            notes.append(f"NumPy did not run: {why}")
        torch = None
        if not args.no_torch:
            print("[compare] PyTorch…", file=sys.stderr, flush=True)
            torch, why = run_python("torch", threads, "micro")
            if torch is None and "No module named 'torch'" in why:
                why = "python3-torch is not installed (apt-get install python3-torch adds it)"
            if torch is None and why not in notes:
                notes.append(f"PyTorch left out: {why}")
        e = epochs(threads, args.rounds, torch is not None,
                   None if args.data == "auto" else args.data)
        ours["BM_Epoch"] = {"seconds": e["scratchnet"], "flops": FLOPS["BM_Epoch"] / e["scratchnet"]}
        for which, other in (("numpy", numpy), ("torch", torch)):
            if other and which in e:
                other["BM_Epoch"] = e[which]
                other["BM_Epoch_ratio"] = e[which + "_ratio"]
        raw.append((threads, e))
        sources.add(e["source"])
        for other in (numpy, torch):
            if other:
                versions.update(other.get("versions", {}))
                versions["numpy BLAS kernel" if other is numpy else "torch BLAS kernel"] = \
                    other.get("blas", {}).get("openblas_core", "?")
        sections.append(table(threads, ours, numpy, torch))
        sections.append(epoch_table(threads, e, ours.get("BM_BatchIterator", {}).get("seconds")))

    head = [
        f"Measured {datetime.date.today().isoformat()} by `bench/compare` on {cpu_name()} "
        f"({context.get('num_cpus', '?')} cores), "
        f"OpenBLAS kernel {context.get('openblas_core', '?')}"
        f"{' (OPENBLAS_CORETYPE=' + os.environ['OPENBLAS_CORETYPE'] + ')' if os.environ.get('OPENBLAS_CORETYPE') else ''}"
        f"; scratchnet built -O3 -march=native with xtensor's xsimd (preset release); "
        + ("glibc malloc at its defaults; " if DEFAULT_MALLOC else
           f"every program (scratchnet, NumPy, PyTorch) under GLIBC_TUNABLES={KEEP_FREED_MEMORY} "
           "(malloc keeps freed memory); ")
        + ", ".join(f"{k} {v}" for k, v in sorted(versions.items()))
        + f". Times are wall-clock medians of 5 repetitions (the epoch: of {args.rounds} rounds that alternate "
        "the three, its ratios the median of the rounds' ratios); GFLOP/s counts the matrix "
        "products only; the ceiling is one step's matrix products called straight through BLAS. "
        "The epochs train on "
        + (", ".join(sorted("Fashion-MNIST" if s == "fashion-mnist" else s for s in sources)))
        + "; the other kernels on random data.",
        ""]
    rounds = [f"Epoch seconds, round by round ({t} thread{'s' if t > 1 else ''}): "
              + "; ".join(f"{k} " + ", ".join(f"{x:.2f}" for x in e[k + '_all'])
                          for k in ("scratchnet", "scratchnet_in_order", "numpy", "torch")
                          if k + "_all" in e)
              for t, e in raw]
    text = "\n".join(head + ["\n\n".join(sections), ""] + rounds +
                     ([""] + notes if notes else [])) + "\n"
    print(text)
    if args.record:
        out = os.path.join(ROOT, "bench", "results", "compare.md")
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with open(out, "w") as f:
            f.write(text)
        print(f"[compare] written to {os.path.relpath(out, ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
