"""The modern-mlp milestone (milestones/modern_mlp.cpp) in PyTorch: the seed course's
ModernNeuralNetwork and TrainingManager, on the same data and split, for bench/compare.

    /usr/bin/python3 bench/py_modern_mlp.py [--epochs N] [--threads T] [--dtype float64|float32]
                                            [--seed S] [--train-limit N] [--quiet]

Prints one line per epoch (to stderr) and, on stdout, one JSON object: test_accuracy, test_loss,
epochs, seconds (training and validation, as the milestone's), seconds_per_epoch (training only,
mean over the epochs), history (per epoch: train_loss, validation_loss, validation_accuracy, lr,
seconds), versions, dtype, threads.

The model is the seed's, as written there: 784-[512, 256, 128]-10, each hidden layer
nn.Linear → nn.BatchNorm1d → ReLU → nn.Dropout(0.5), the output layer nn.Linear alone;
kaiming_normal_ weights (fan_in, gain √2) and zero biases, the output layer's too. The recipe is
the seed's TrainingManager: CrossEntropyLoss, Adam(lr 1e-3, weight_decay 1e-5), zero_grad,
backward, clip_grad_norm_(max_norm 1.0), step; ReduceLROnPlateau(mode "min", patience 5,
factor 0.5) stepped on the validation loss after every epoch.

What the seed leaves open is chosen as the milestone chooses it: Fashion-MNIST read from Debian's
gzip IDX files (as bench/py_kernels.py reads them, /255, nothing else), the last 5 000 of the
60 000 training images held out for validation (rows 55 000–59 999 in file order, the
milestone's split), batches of 64 in a new random order every epoch with the last partial batch
dropped (the milestone's drop_last), validation and test in evaluation mode, 1 000 rows at a
time. The initialization and the shuffles are PyTorch's own draws (torch.manual_seed), not the
milestone's generator: the two runs train the same model by the same recipe from different
random numbers, so their accuracies agree to within run-to-run spread, not digit for digit.
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from py_kernels import fashion_mnist  # noqa: E402  (the same reader as the kernels' epochs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--dtype", choices=("float64", "float32"), default="float64")
    parser.add_argument("--seed", type=int, default=2019)
    parser.add_argument("--train-limit", type=int, default=0,
                        help="read only the first N training images (a short run)")
    parser.add_argument("--quiet", action="store_true", help="no per-epoch lines")
    args = parser.parse_args()

    import torch
    import torch.nn as nn
    import torch.optim as optim
    from torch.nn import functional as F

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    dtype = getattr(torch, args.dtype)
    torch.set_default_dtype(dtype)

    # The seed's model, as written there.
    class ModernNeuralNetwork(nn.Module):
        def __init__(self, input_size, hidden_sizes, output_size, dropout_rate=0.5):
            super().__init__()
            self.layers = nn.ModuleList()
            self.layers.append(nn.Linear(input_size, hidden_sizes[0]))
            self.batch_norms = nn.ModuleList([nn.BatchNorm1d(hidden_sizes[0])])
            for i in range(len(hidden_sizes) - 1):
                self.layers.append(nn.Linear(hidden_sizes[i], hidden_sizes[i + 1]))
                self.batch_norms.append(nn.BatchNorm1d(hidden_sizes[i + 1]))
            self.output_layer = nn.Linear(hidden_sizes[-1], output_size)
            self.dropout = nn.Dropout(dropout_rate)
            for layer in self.layers:
                nn.init.kaiming_normal_(layer.weight)
                nn.init.zeros_(layer.bias)
            nn.init.kaiming_normal_(self.output_layer.weight)
            nn.init.zeros_(self.output_layer.bias)

        def forward(self, x):
            for layer, batch_norm in zip(self.layers, self.batch_norms):
                x = self.dropout(F.relu(batch_norm(layer(x))))
            return self.output_layer(x)

    t_read = time.perf_counter()
    limit = args.train_limit if args.train_limit > 0 else None
    X_all, y_all = fashion_mnist("train")
    X_all, y_all = X_all[:limit], y_all[:limit]
    X_test, y_test = fashion_mnist("t10k")
    X_all, y_all = torch.from_numpy(X_all).to(dtype), torch.from_numpy(y_all)
    X_test, y_test = torch.from_numpy(X_test).to(dtype), torch.from_numpy(y_test)
    held_out = min(5000, len(y_all) // 10)
    N = len(y_all) - held_out
    X_train, y_train = X_all[:N].contiguous(), y_all[:N].contiguous()
    X_val, y_val = X_all[N:].contiguous(), y_all[N:].contiguous()
    read_seconds = time.perf_counter() - t_read

    model = ModernNeuralNetwork(784, [512, 256, 128], 10)
    criterion = nn.CrossEntropyLoss()
    optimizer = optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-5)
    scheduler = optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode="min", patience=5, factor=0.5)

    def evaluate(X, y):
        model.eval()
        loss, correct = 0.0, 0
        with torch.no_grad():
            for start in range(0, len(y), 1000):
                out = model(X[start:start + 1000])
                target = y[start:start + 1000]
                loss += float(criterion(out, target)) * len(target)
                correct += int((out.argmax(dim=1) == target).sum())
        return loss / len(y), correct / len(y)

    if not args.quiet:
        print(f"PyTorch {torch.__version__}, {args.dtype}, {args.threads} thread(s): {N} training, "
              f"{held_out} validation, {len(y_test)} test images (read in {read_seconds:.1f} s)",
              file=sys.stderr, flush=True)
    history = []
    t_training = time.perf_counter()
    for epoch in range(1, args.epochs + 1):
        t0 = time.perf_counter()
        model.train()
        order = torch.randperm(N)
        loss_sum, seen = 0.0, 0
        for start in range(0, N - 63, 64):  # drop_last, as the milestone
            idx = order[start:start + 64]
            data, target = X_train[idx], y_train[idx]
            optimizer.zero_grad()
            loss = criterion(model(data), target)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
            optimizer.step()
            loss_sum += loss.item() * len(target)
            seen += len(target)
        seconds = time.perf_counter() - t0
        val_loss, val_accuracy = evaluate(X_val, y_val)
        lr = optimizer.param_groups[0]["lr"]
        scheduler.step(val_loss)
        history.append({"epoch": epoch, "train_loss": loss_sum / seen, "validation_loss": val_loss,
                        "validation_accuracy": val_accuracy, "lr": lr, "seconds": seconds})
        if not args.quiet:
            print(f"epoch {epoch}/{args.epochs}  {seen / seconds:6.0f} samples/s  "
                  f"loss {loss_sum / seen:.4f}  validation loss {val_loss:.4f} "
                  f"accuracy {val_accuracy:.4f}  lr {lr:.2g}  {seconds:.1f} s",
                  file=sys.stderr, flush=True)
    total = time.perf_counter() - t_training
    test_loss, test_accuracy = evaluate(X_test, y_test)
    if not args.quiet:
        print(f"test accuracy {test_accuracy:.4f} after {args.epochs} epochs, {total:.1f} s",
              file=sys.stderr, flush=True)
    print(json.dumps({
        "test_accuracy": test_accuracy, "test_loss": test_loss, "epochs": args.epochs,
        "train_images": N, "seconds": total,
        "seconds_per_epoch": sum(h["seconds"] for h in history) / max(1, len(history)),
        "history": history, "dtype": args.dtype, "threads": args.threads,
        "versions": {"torch": torch.__version__}}))


if __name__ == "__main__":
    main()
