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


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chapter", choices=["02", "03"], default="02")
    if parser.parse_args().chapter == "03":
        main_03()
    else:
        main()
