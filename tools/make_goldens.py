#!/usr/bin/python3
"""Writes chapter 02's golden values, computed by PyTorch in float64, into
grader/02-backpropagation/goldens/*.json. The checks PyTorch.*MatchesGoldenValues (one per function) compare the
C++ functions with them (relative error <= 1e-10).

Only regenerating the goldens needs PyTorch; the build and the tests read the committed files.
Run with Debian's interpreter, where python3-torch and python3-numpy install:

    sudo apt-get install python3-torch python3-numpy
    /usr/bin/python3 tools/make_goldens.py

The inputs come from a fixed seed, so a rerun writes the same files (up to PyTorch's own
rounding, far below the tolerance).
"""
import json
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


if __name__ == "__main__":
    main()
