#!/usr/bin/python3
"""Writes chapter 02's golden values, computed by PyTorch in float64, into
grader/02-backpropagation/goldens/*.json. The checks PyTorch.*MatchesGoldenValues (one per function) compare the
C++ functions with them (relative error <= 1e-10).

With `--chapter 03` it writes chapter 03's grader/03-initialization/goldens/init_scales.json
instead: for a list of (fan_in, fan_out) shapes, the standard deviation (normal schemes) or bound
(uniform schemes) that torch.nn.init uses, computed by torch's own fan and gain functions on a
weight of PyTorch's (out, in) layout. The checks *.DistributionMatchesPyTorch take them as the
expected sigma or a.

Only regenerating the goldens needs PyTorch; the build and the tests read the committed files.
Run with Debian's interpreter, where python3-torch and python3-numpy install:

    sudo apt-get install python3-torch python3-numpy
    /usr/bin/python3 tools/make_goldens.py                 # chapter 02
    /usr/bin/python3 tools/make_goldens.py --chapter 03    # chapter 03
    /usr/bin/python3 tools/make_goldens.py --chapter 04    # chapter 04
    /usr/bin/python3 tools/make_goldens.py --chapter 07    # chapter 07
    /usr/bin/python3 tools/make_goldens.py --chapter 09    # chapter 09

With `--chapter 04` it writes chapter 04's grader/04-learning-rate-decay/goldens/schedules.json
and plateau.json: the rate of torch.optim.lr_scheduler's StepLR, ExponentialLR, LambdaLR (inverse
time), SequentialLR(LinearLR, CosineAnnealingLR) and ReduceLROnPlateau, read from the optimizer
after each scheduler.step(), for fixed parameters and fixed loss sequences.

With `--chapter 07` it writes chapter 07's grader/07-lstm-cell/goldens/lstm_cell.json and
lstm_sequence.json: torch.nn.LSTMCell in float64 (one step, and T = 5 steps looped), its outputs
and the autograd gradients of a fixed scalar loss, converted once (lstm_layout below) to the
chapter's layout: four (H + D, H) weights Wf, Wi, Wo, Wc whose first H rows multiply h, and one
bias per gate.

With `--chapter 09` it writes chapter 09's grader/09-going-further/goldens/: sgd.json and adam.json
(torch.optim.SGD with momentum and Nesterov, Adam, Adam with L2 and AdamW over 4 steps on a (3, 4)
matrix and a (4) vector: parameters and optimizer state after each step), batchnorm.json
(nn.BatchNorm1d in training and in evaluation: output, running statistics, and the gradients of
sum(y * dY)) and modern_mlp.json (a 4-6-5-3 Linear-BatchNorm-ReLU-Dropout(0) model: the mean
cross-entropy of one batch and every gradient), all in float64 and the chapter's layout.

The inputs come from a fixed seed, so a rerun writes the same files (up to PyTorch's own
rounding, far below the tolerance).
"""
import argparse
import json
import math
import pathlib

import torch

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "grader" / "02-backpropagation" / "goldens"
torch.set_default_dtype(torch.float64)
gen = torch.Generator().manual_seed(20240502)


def rand(*shape, scale=1.0):
    return (torch.rand(*shape, generator=gen) * 2.0 - 1.0) * scale


def labels(n, classes):
    return torch.randint(0, classes, (n,), generator=gen)


def write(name, **values):
    data = {k: (v.tolist() if isinstance(v, torch.Tensor) else v) for k, v in values.items()}
    path = OUT / name
    path.write_text(json.dumps(data, indent=1) + "\n")
    print("wrote", path.relative_to(ROOT))


def main():
    OUT.mkdir(parents=True, exist_ok=True)

    # Softmax over each row; rows with different values, one with logits of +-1e3.
    S = rand(5, 4, scale=6.0)
    S[1] += 20.0
    S[3] = torch.tensor([1e3, -1e3, 999.0, 0.5])
    write("softmax.json", S=S, P=torch.softmax(S, dim=1))

    # Mean cross-entropy from logits and its gradient with respect to the logits.
    S = rand(6, 3, scale=4.0).requires_grad_()
    y = labels(6, 3)
    loss = torch.nn.functional.cross_entropy(S, y, reduction="mean")
    loss.backward()
    write("cross_entropy.json", S=S.detach(), y=y, loss=loss.item(), dS=S.grad)

    # Dense layer backward: Z = X W + b, upstream gradient dZ, via L = sum(dZ * Z).
    X = rand(5, 3, scale=2.0).requires_grad_()
    W = rand(3, 4, scale=2.0).requires_grad_()
    b = rand(4).requires_grad_()
    dZ = rand(5, 4)
    Z = X @ W + b
    Z.backward(dZ)
    write("dense_backward.json", X=X.detach(), W=W.detach(), b=b.detach(), dZ=dZ,
          dX=X.grad, dW=W.grad, db=b.grad)

    # One step of the two-layer net D -> H ReLU -> C logits, softmax cross-entropy, SGD.
    N, D, H, C, lr = 6, 3, 5, 4, 0.1
    X = rand(N, D, scale=2.0)
    y = labels(N, C)
    params = {
        "W1": rand(D, H, scale=1.0 / D ** 0.5), "b1": rand(H, scale=0.5),
        "W2": rand(H, C, scale=1.0 / H ** 0.5), "b2": rand(C, scale=0.5),
    }
    for p in params.values():
        p.requires_grad_()
    logits = torch.relu(X @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"]
    loss = torch.nn.functional.cross_entropy(logits, y)
    loss.backward()
    opt = torch.optim.SGD(params.values(), lr=lr)
    grads = {"d" + k: p.grad.clone() for k, p in params.items()}
    before = {k: p.detach().clone() for k, p in params.items()}
    opt.step()
    after = {k + "_next": p.detach() for k, p in params.items()}
    write("two_layer_step.json", X=X, y=y, lr=lr, loss=loss.item(), **before, **grads, **after)


# Chapter 03: our W is (fan_in, fan_out) = (inputs, outputs); nn.Linear's weight is the transpose,
# (out, in). torch.nn.init reads the fans from its own layout, so each scale is computed on
# torch.empty(fan_out, fan_in): the weight PyTorch would hold for the same layer.
INIT_SHAPES = [(1, 16000), (16000, 1), (300, 60), (60, 300), (120, 250)]
SCALED_NORMAL_STD = 0.01  # the seed notebook's randn * 0.01, torch.nn.init.normal_(W, 0, 0.01)


def init_scales(fan_in, fan_out):
    init = torch.nn.init
    w = torch.empty(fan_out, fan_in)  # PyTorch's (out, in) layout of our (in, out) layer
    t_in, t_out = init._calculate_fan_in_and_fan_out(w)
    assert (t_in, t_out) == (fan_in, fan_out)
    relu, linear = init.calculate_gain("relu"), init.calculate_gain("linear")
    xavier_std = 1.0 * math.sqrt(2.0 / float(t_in + t_out))  # xavier_*_(w, gain=1)
    scales = {
        "scaled_normal": {"std": SCALED_NORMAL_STD},
        # kaiming_normal_(w, mode="fan_in", nonlinearity="linear"): gain / sqrt(fan_in)
        "lecun_normal": {"std": linear / math.sqrt(t_in)},
        # xavier_uniform_(w): bound = sqrt(3) * gain * sqrt(2 / (fan_in + fan_out))
        "glorot_uniform": {"bound": math.sqrt(3.0) * xavier_std},
        # xavier_normal_(w): std = gain * sqrt(2 / (fan_in + fan_out))
        "glorot_normal": {"std": xavier_std},
        # kaiming_normal_(w, mode="fan_in", nonlinearity="relu"): gain / sqrt(fan_in), gain = sqrt(2)
        "he_normal": {"std": relu / math.sqrt(t_in)},
        # kaiming_uniform_(w, mode="fan_in", nonlinearity="relu"): sqrt(3) * gain / sqrt(fan_in)
        "he_uniform": {"bound": math.sqrt(3.0) * relu / math.sqrt(t_in)},
    }
    # The same numbers measured on torch's own tensors (a sanity check of the formulas above: a
    # large sample's std, or its largest |w|, within a few percent).
    torch.manual_seed(fan_in * 100003 + fan_out)
    draws = {
        "lecun_normal": lambda: init.kaiming_normal_(w, mode="fan_in", nonlinearity="linear"),
        "glorot_uniform": lambda: init.xavier_uniform_(w),
        "glorot_normal": lambda: init.xavier_normal_(w),
        "he_normal": lambda: init.kaiming_normal_(w, mode="fan_in", nonlinearity="relu"),
        "he_uniform": lambda: init.kaiming_uniform_(w, mode="fan_in", nonlinearity="relu"),
    }
    for name, draw in draws.items():
        draw()
        key = "bound" if "bound" in scales[name] else "std"
        measured = w.abs().max().item() if key == "bound" else w.pow(2).mean().sqrt().item()
        assert abs(measured / scales[name][key] - 1.0) < 0.05, (name, fan_in, fan_out, measured)
    return {"fan_in": fan_in, "fan_out": fan_out, **scales}


def main_03():
    out = ROOT / "grader" / "03-initialization" / "goldens"
    out.mkdir(parents=True, exist_ok=True)
    data = {
        "source": "torch " + torch.__version__ + ": torch.nn.init._calculate_fan_in_and_fan_out "
                  "on torch.empty(fan_out, fan_in) and torch.nn.init.calculate_gain",
        "shapes": [init_scales(fi, fo) for fi, fo in INIT_SHAPES],
    }
    path = out / "init_scales.json"
    path.write_text(json.dumps(data, indent=1) + "\n")
    print("wrote", path.relative_to(ROOT))


# Chapter 04: a scheduler's rate after e calls of scheduler.step() (one per finished epoch) is the
# rate of epoch e; it is read from the optimizer, as a training loop would see it.
def schedule_rates(lr, make, epochs):
    param = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([param], lr=lr)
    scheduler = make(opt)
    rates = [float(opt.param_groups[0]["lr"])]
    for _ in range(epochs):
        opt.step()
        scheduler.step()
        rates.append(float(opt.param_groups[0]["lr"]))
    return rates


def warmup_cosine_closed_form(lr, w, T, m, f, e):  # the contract's formula, to compare with torch
    if e < w:
        return lr * (f + (1.0 - f) * e / w)
    if e >= T:
        return m
    return m + 0.5 * (lr - m) * (1.0 + math.cos(math.pi * (e - w) / (T - w)))


def main_04_schedules():
    S = torch.optim.lr_scheduler
    step, exponential, inverse, cosine = [], [], [], []
    # (lr, gamma, step_size): step_size 1 and 2, gamma 1, the seed notebook's 0.95 every 100.
    for lr, gamma, s in [(0.1, 0.5, 3), (0.7, 0.9, 1), (0.05, 1.0, 4), (0.3, 0.25, 2),
                         (1.0, 0.95, 100), (2.5e-3, 0.6, 7)]:
        epochs = 3 * s + 2 if s < 100 else 420
        rates = schedule_rates(lr, lambda o: S.StepLR(o, step_size=s, gamma=gamma), epochs)
        step.append({"lr": lr, "gamma": gamma, "step_size": s, "rates": rates})
    for lr, gamma in [(0.1, 0.9), (0.5, 1.0), (1e-3, 0.5), (0.25, 0.99)]:
        rates = schedule_rates(lr, lambda o: S.ExponentialLR(o, gamma=gamma), 60)
        exponential.append({"lr": lr, "gamma": gamma, "rates": rates})
    for lr, k in [(0.1, 0.5), (0.5, 0.0), (1.0, 0.01), (3e-2, 3.0)]:
        rates = schedule_rates(lr, lambda o: S.LambdaLR(o, lambda e: 1.0 / (1.0 + k * e)), 60)
        inverse.append({"lr": lr, "k": k, "rates": rates})
    # (lr, warmup, total, min_lr, start_factor): warm-up 1 and total - 1, min_lr = 0 and = lr,
    # start_factor 1; warm-up 0 is CosineAnnealingLR alone (see below). Only e <= total: torch's
    # cosine rises again after T_max, ours stays at min_lr.
    for lr, w, T, m, f in [(0.1, 3, 10, 1e-3, 1.0 / 3.0), (0.5, 1, 2, 0.0, 0.25),
                           (0.5, 1, 5, 0.0, 1.0), (0.2, 4, 5, 0.2, 0.5), (0.3, 6, 7, 0.0, 0.1),
                           (0.05, 2, 12, 0.01, 0.5), (1.0, 5, 40, 1e-4, 1.0 / 3.0),
                           (0.1, 0, 10, 0.0, 1.0 / 3.0), (0.4, 0, 1, 0.1, 1.0 / 3.0),
                           (0.2, 0, 25, 0.05, 1.0 / 3.0)]:
        if w == 0:
            # SequentialLR with milestones=[0] does not give plain cosine in torch 1.13: LinearLR's
            # initial step has already set f * lr, and the cosine then anneals from f * lr.
            source = "CosineAnnealingLR(T_max=total, eta_min=min_lr)"
            make = lambda o: S.CosineAnnealingLR(o, T_max=T, eta_min=m)
        else:
            source = ("SequentialLR([LinearLR(start_factor, total_iters=warmup), "
                      "CosineAnnealingLR(T_max=total-warmup, eta_min=min_lr)], milestones=[warmup])")
            make = lambda o: S.SequentialLR(o, [S.LinearLR(o, start_factor=f, total_iters=w),
                                                S.CosineAnnealingLR(o, T_max=T - w, eta_min=m)],
                                            milestones=[w])
        rates = schedule_rates(lr, make, T)
        for e, r in enumerate(rates):  # torch agrees with the contract's closed form
            want = warmup_cosine_closed_form(lr, w, T, m, f, e)
            assert abs(r - want) <= 1e-13 * lr, (lr, w, T, m, f, e, r, want)
        cosine.append({"lr": lr, "warmup": w, "total": T, "min_lr": m, "start_factor": f,
                       "torch": source, "rates": rates})
    return {
        "source": "torch " + torch.__version__ + ": optimizer.param_groups[0]['lr'] of SGD after "
                  "e calls of scheduler.step(), e = 0..epochs (rates[e] is the rate of epoch e)",
        "step_decay": step, "exponential_decay": exponential,
        "inverse_time_decay": inverse, "cosine_with_warmup": cosine,
    }


def jnum(v):  # JSON has no NaN or infinity: those are written as strings
    return v if math.isfinite(v) else ("nan" if math.isnan(v) else ("inf" if v > 0 else "-inf"))


def plateau_run(name, lr, losses, **options):
    param = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([param], lr=lr)
    mode = options.pop("threshold_mode", "rel")
    scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, mode="min", threshold_mode=mode,
                                                           **options)
    steps = []
    for loss in losses:
        scheduler.step(loss)
        steps.append({"lr": float(opt.param_groups[0]["lr"]), "best": jnum(scheduler.best),
                      "bad_epochs": scheduler.num_bad_epochs,
                      "cooldown_left": scheduler.cooldown_counter})
    return {"name": name, "lr": lr, "options": {"threshold_mode": mode, **options},
            "losses": [jnum(v) for v in losses], "steps": steps}


def main_04_plateau():
    nan, inf = float("nan"), float("inf")
    runs = [
        plateau_run("flat: drops at bad epoch patience + 1, then again", 0.1, [1.0] * 12,
                    factor=0.5, patience=2),
        plateau_run("patience 0: every bad epoch drops", 0.8, [2.0, 2.0, 1.5, 1.5, 1.5, 1.0],
                    factor=0.5, patience=0),
        plateau_run("an improvement at bad epoch patience + 1 resets the count", 0.1,
                    [1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.5, 0.2, 0.2, 0.2, 0.2, 0.2],
                    factor=0.1, patience=3),
        plateau_run("relative noise within the threshold is bad", 0.1,
                    [10.0, 9.95, 10.02, 9.91, 9.899, 9.85, 9.81, 9.7, 9.69, 9.68, 9.6],
                    factor=0.5, patience=2, threshold=0.01),
        plateau_run("absolute threshold (at a scale where relative would differ)", 0.1,
                    [10.0, 9.96, 9.949, 9.91, 9.9, 9.85, 9.8, 9.79, 9.78, 9.2],
                    factor=0.5, patience=1, threshold=0.05, threshold_mode="abs"),
        plateau_run("absolute threshold below 1 loss", 0.3,
                    [0.5, 0.45, 0.41, 0.35, 0.34, 0.33, 0.32, 0.2],
                    factor=0.5, patience=1, threshold=0.05, threshold_mode="abs"),
        plateau_run("negative losses, relative threshold", 0.2,
                    [-1.0, -0.995, -0.993, -0.5, -0.5, -0.5, -2.0],
                    factor=0.5, patience=1, threshold=0.01),
        plateau_run("cooldown: bad epochs not counted, then counted again", 1.0,
                    [1.0] + [2.0] * 14, factor=0.5, patience=1, cooldown=2),
        plateau_run("cooldown with an improvement inside it", 1.0,
                    [1.0, 1.0, 1.0, 0.5, 0.6, 0.6, 0.6, 0.6, 0.6], factor=0.5, patience=1,
                    cooldown=3),
        plateau_run("min_lr floor", 1.0, [1.0] * 12, factor=0.1, patience=1, min_lr=0.003),
        plateau_run("min_lr equal to lr: never drops", 0.05, [1.0] * 6, factor=0.5, patience=0,
                    min_lr=0.05),
        plateau_run("a drop smaller than eps is skipped (cooldown still starts)", 1e-3,
                    [1.0] * 10, factor=0.5, patience=1, cooldown=1, min_lr=1e-3 - 5e-9,
                    eps=1e-8),
        plateau_run("eps: small rates stop dropping", 4e-8, [1.0] * 10, factor=0.5, patience=0),
        plateau_run("eps 0: every drop is taken", 4e-8, [1.0] * 6, factor=0.5, patience=0,
                    eps=0.0),
        plateau_run("NaN is never better; the first finite loss is", 0.1,
                    [nan, nan, 1.0, nan, 0.5, nan, nan, nan, 0.2], factor=0.5, patience=1),
        plateau_run("an infinite first loss is not better than +inf", 0.1,
                    [inf, inf, 3.0, 3.0, 3.0], factor=0.5, patience=1),
        plateau_run("PyTorch's defaults", 0.1, [1.0 - 1e-5 * i for i in range(13)] + [0.5] * 12),
    ]
    return {
        "source": "torch " + torch.__version__ + ": ReduceLROnPlateau(mode='min'); after each "
                  "step(loss): optimizer.param_groups[0]['lr'], best, num_bad_epochs, "
                  "cooldown_counter. NaN and infinities are written as \"nan\", \"inf\", \"-inf\"",
        "runs": runs,
    }


def main_04():
    out = ROOT / "grader" / "04-learning-rate-decay" / "goldens"
    out.mkdir(parents=True, exist_ok=True)
    import warnings
    warnings.simplefilter("ignore")  # SequentialLR's step(0) at the milestone warns
    for name, data in [("schedules.json", main_04_schedules()), ("plateau.json", main_04_plateau())]:
        path = out / name
        path.write_text(json.dumps(data, indent=1) + "\n")
        print("wrote", path.relative_to(ROOT))


# Chapter 07: nn.LSTMCell stacks its gates as (i, f, g, o): rows k*H .. (k+1)*H - 1 of weight_ih
# (4H, D), weight_hh (4H, H), bias_ih and bias_hh (4H) belong to gate k. It computes
# gate = act(x W_ih_k^T + b_ih_k + h W_hh_k^T + b_hh_k); the chapter concatenates z = [h, x], so
# its W_k = [W_hh_k^T ; W_ih_k^T] (H + D, H) and its b_k = b_ih_k + b_hh_k. The same map takes
# PyTorch's gradients to the chapter's (the two biases' gradients are equal: db_k).
LSTM_GATES = {"f": 1, "i": 0, "o": 3, "c": 2}  # our gate -> PyTorch's block (i, f, g, o)


def lstm_layout(cell, grads=False):
    H = cell.hidden_size
    get = (lambda t: t.grad) if grads else (lambda t: t.detach())
    w_ih, w_hh = get(cell.weight_ih), get(cell.weight_hh)
    b_ih, b_hh = get(cell.bias_ih), get(cell.bias_hh)
    if grads:
        assert torch.allclose(b_ih, b_hh, rtol=0, atol=1e-15)
    out = {}
    prefix = "d" if grads else ""
    for gate, k in LSTM_GATES.items():
        rows = slice(k * H, (k + 1) * H)
        out[prefix + "W" + gate] = torch.cat([w_hh[rows].T, w_ih[rows].T], dim=0)
        out[prefix + "b" + gate] = b_ih[rows] if grads else b_ih[rows] + b_hh[rows]
    return {k: v.tolist() for k, v in out.items()}


def lstm_cell_golden(gen7, N, D, H):
    def rand(*shape, scale=1.0):
        return (torch.rand(*shape, generator=gen7) * 2.0 - 1.0) * scale

    cell = torch.nn.LSTMCell(D, H).double()
    with torch.no_grad():  # weights and both biases random (a split bias, so the map is tested)
        cell.weight_ih.copy_(rand(4 * H, D, scale=0.9))
        cell.weight_hh.copy_(rand(4 * H, H, scale=0.9))
        cell.bias_ih.copy_(rand(4 * H, scale=0.6))
        cell.bias_hh.copy_(rand(4 * H, scale=0.6))
    return cell, rand


def main_07():
    out = ROOT / "grader" / "07-lstm-cell" / "goldens"
    out.mkdir(parents=True, exist_ok=True)
    gen7 = torch.Generator().manual_seed(20240707)
    source = ("torch " + torch.__version__ + ": nn.LSTMCell (float64), gates (i, f, g, o) mapped "
              "to W_g = [W_hh_g^T ; W_ih_g^T], b_g = b_ih_g + b_hh_g")

    # One step, N = 3 rows (N != H), D = 2, H = 4; loss = sum(h * A) + sum(c * B), so the
    # backward's dh is A and its dc is B.
    N, D, H = 3, 2, 4
    cell, rand = lstm_cell_golden(gen7, N, D, H)
    x = rand(N, D, scale=2.0).requires_grad_()
    h_prev = rand(N, H).requires_grad_()
    c_prev = rand(N, H, scale=2.0).requires_grad_()
    A, B = rand(N, H), rand(N, H)
    h, c = cell(x, (h_prev, c_prev))
    (torch.sum(h * A) + torch.sum(c * B)).backward()
    data = {"source": source, "loss": "sum(h * A) + sum(c * B)",
            "params": lstm_layout(cell), "x": x.detach().tolist(),
            "h_prev": h_prev.detach().tolist(), "c_prev": c_prev.detach().tolist(),
            "h": h.detach().tolist(), "c": c.detach().tolist(), "A": A.tolist(), "B": B.tolist(),
            "dx": x.grad.tolist(), "dh_prev": h_prev.grad.tolist(),
            "dc_prev": c_prev.grad.tolist(), "dparams": lstm_layout(cell, grads=True)}
    path = out / "lstm_cell.json"
    path.write_text(json.dumps(data, indent=1) + "\n")
    print("wrote", path.relative_to(ROOT))

    # A sequence, T = 5, N = 2, D = 3, H = 4, from random h0, c0; loss = sum_t sum(h_t * A_t).
    T, N, D, H = 5, 2, 3, 4
    cell, rand = lstm_cell_golden(gen7, N, D, H)
    xs = [rand(N, D, scale=2.0).requires_grad_() for _ in range(T)]
    h0 = rand(N, H).requires_grad_()
    c0 = rand(N, H, scale=2.0).requires_grad_()
    As = [rand(N, H) for _ in range(T)]
    hs, cs = [], []
    h, c = h0, c0
    for x in xs:
        h, c = cell(x, (h, c))
        hs.append(h)
        cs.append(c)
    sum(torch.sum(h * a) for h, a in zip(hs, As)).backward()
    data = {"source": source, "loss": "sum over t of sum(h[t] * A[t])",
            "params": lstm_layout(cell), "xs": [x.detach().tolist() for x in xs],
            "h0": h0.detach().tolist(), "c0": c0.detach().tolist(),
            "h": [h.detach().tolist() for h in hs], "c": [c.detach().tolist() for c in cs],
            "A": [a.tolist() for a in As], "dx": [x.grad.tolist() for x in xs],
            "dh0": h0.grad.tolist(), "dc0": c0.grad.tolist(),
            "dparams": lstm_layout(cell, grads=True)}
    path = out / "lstm_sequence.json"
    path.write_text(json.dumps(data, indent=1) + "\n")
    print("wrote", path.relative_to(ROOT))


# ---- chapter 09: optimizers, batch norm, the modern MLP ---------------------------------------
# Written in the chapter's layout: W (in, out) = PyTorch's Linear.weight transposed, b (out).


def main_09():
    out = ROOT / "grader" / "09-going-further" / "goldens"
    out.mkdir(parents=True, exist_ok=True)
    g9 = torch.Generator().manual_seed(20240909)
    source = "torch " + torch.__version__ + " (float64)"

    def rnd(*shape, scale=1.0):
        return (torch.rand(*shape, generator=g9) * 2.0 - 1.0) * scale

    def dump(name, data):
        path = out / name
        path.write_text(json.dumps(data, indent=1) + "\n")
        print("wrote", path.relative_to(ROOT))

    # Optimizers: one matrix W (3, 4) and one vector b (4), 4 steps with fresh gradients each.
    def run(make, options, state_names, steps=4):
        W0, b0 = rnd(3, 4, scale=2.0), rnd(4)
        grads = [(rnd(3, 4, scale=3.0), rnd(4, scale=0.5)) for _ in range(steps)]
        W, b = W0.clone().requires_grad_(), b0.clone().requires_grad_()
        opt = make([W, b])
        after = []
        for gW, gb in grads:
            W.grad, b.grad = gW.clone(), gb.clone()
            opt.step()
            rec = {"W": W.detach().tolist(), "b": b.detach().tolist()}
            for key, state in state_names.items():
                rec[key + "W"] = opt.state[W][state].tolist()
                rec[key + "b"] = opt.state[b][state].tolist()
            after.append(rec)
        return {"options": options, "W": W0.tolist(), "b": b0.tolist(),
                "grads": [{"dW": gW.tolist(), "db": gb.tolist()} for gW, gb in grads],
                "after": after}

    runs = {}
    for name, nesterov in (("momentum", False), ("nesterov", True)):
        o = {"lr": 0.05, "momentum": 0.9, "nesterov": nesterov, "weight_decay": 0.01}
        runs[name] = run(lambda p, o=o: torch.optim.SGD(p, **o), o, {"v": "momentum_buffer"})
    dump("sgd.json", {"source": source + ": torch.optim.SGD, dampening 0", "runs": runs})

    runs = {}
    for name, decoupled, wd in (("adam", False, 0.0), ("adam_l2", False, 0.02),
                                ("adamw", True, 0.05)):
        o = {"lr": 0.01, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": wd,
             "decoupled": decoupled}
        cls = torch.optim.AdamW if decoupled else torch.optim.Adam
        runs[name] = run(lambda p, cls=cls, wd=wd: cls(p, lr=0.01, betas=(0.9, 0.999), eps=1e-8,
                                                       weight_decay=wd),
                         o, {"m": "exp_avg", "v": "exp_avg_sq"})
    dump("adam.json", {"source": source + ": torch.optim.Adam and AdamW", "runs": runs})

    # Batch norm: N = 5 rows, H = 3 features of different scales; loss = sum(y * dY).
    def batchnorm(N, H, training):
        bn = torch.nn.BatchNorm1d(H, eps=1e-5, momentum=0.1)
        with torch.no_grad():
            bn.weight.copy_(rnd(H, scale=2.0))
            bn.bias.copy_(rnd(H))
            bn.running_mean.copy_(rnd(H))
            bn.running_var.copy_(rnd(H).abs() + 0.5)
        rm, rv = bn.running_mean.clone(), bn.running_var.clone()
        X = (rnd(N, H) * torch.tensor([1.0, 5.0, 0.2][:H]) + rnd(H, scale=3.0)).requires_grad_()
        dY = rnd(N, H)
        bn.train(training)
        y = bn(X)
        torch.sum(y * dY).backward()
        return {"training": training, "momentum": 0.1, "eps": 1e-5,
                "gamma": bn.weight.detach().tolist(), "beta": bn.bias.detach().tolist(),
                "running_mean": rm.tolist(), "running_var": rv.tolist(),
                "X": X.detach().tolist(), "y": y.detach().tolist(),
                "running_mean_after": bn.running_mean.tolist(),
                "running_var_after": bn.running_var.tolist(), "dY": dY.tolist(),
                "dX": X.grad.tolist(), "dgamma": bn.weight.grad.tolist(),
                "dbeta": bn.bias.grad.tolist()}

    dump("batchnorm.json", {"source": source + ": nn.BatchNorm1d, loss = sum(y * dY)",
                            "training": batchnorm(5, 3, True),
                            "evaluation": batchnorm(4, 3, False)})

    # The modern MLP 4-6-5-3: Linear, BatchNorm1d, ReLU (Dropout p = 0) twice, then Linear;
    # mean cross-entropy; gradients in params_of's order (every W, every b, then gamma, beta).
    sizes, N = [4, 6, 5, 3], 7
    linears = [torch.nn.Linear(a, b) for a, b in zip(sizes, sizes[1:])]
    norms = [torch.nn.BatchNorm1d(h) for h in sizes[1:-1]]
    with torch.no_grad():
        for lin in linears:
            lin.weight.copy_(rnd(*lin.weight.shape, scale=1.2))
            lin.bias.copy_(rnd(*lin.bias.shape, scale=0.5))
        for bn in norms:
            bn.weight.copy_(rnd(*bn.weight.shape).abs() + 0.5)
            bn.bias.copy_(rnd(*bn.bias.shape, scale=0.5))
    layers = []
    for k, lin in enumerate(linears):
        layers.append(lin)
        if k < len(norms):
            layers += [norms[k], torch.nn.ReLU(), torch.nn.Dropout(0.0)]
    model = torch.nn.Sequential(*layers).train()
    X = rnd(N, sizes[0], scale=2.0)
    y = torch.tensor([0, 2, 1, 2, 0, 1, 2])
    loss = torch.nn.functional.cross_entropy(model(X), y)
    loss.backward()
    dump("modern_mlp.json", {
        "source": source + ": Linear, BatchNorm1d, ReLU, Dropout(0) per hidden layer, then "
                  "Linear; cross_entropy (mean); W = Linear.weight^T",
        "sizes": sizes, "X": X.tolist(), "y": y.tolist(),
        "W": [lin.weight.detach().t().tolist() for lin in linears],
        "b": [lin.bias.detach().tolist() for lin in linears],
        "gamma": [bn.weight.detach().tolist() for bn in norms],
        "beta": [bn.bias.detach().tolist() for bn in norms],
        "loss": loss.item(),
        "dW": [lin.weight.grad.t().tolist() for lin in linears],
        "db": [lin.bias.grad.tolist() for lin in linears],
        "dgamma": [bn.weight.grad.tolist() for bn in norms],
        "dbeta": [bn.bias.grad.tolist() for bn in norms],
        "running_mean": [bn.running_mean.tolist() for bn in norms],
        "running_var": [bn.running_var.tolist() for bn in norms]})


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chapter", choices=["02", "03", "04", "07", "09"], default="02")
    chapter = parser.parse_args().chapter
    if chapter == "03":
        main_03()
    elif chapter == "04":
        main_04()
    elif chapter == "07":
        main_07()
    elif chapter == "09":
        main_09()
    else:
        main()
