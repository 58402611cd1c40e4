"""The peer of `alphatree bench --train`: one PyTorch eager training step of a torchvision network,
timed the way the bench command times AlphaTree (median over repeated steps after two warm-up
steps, the same random input and labels every step): zero_grad, forward in training mode,
cross-entropy, backward, SGD(lr=0.01, momentum=0.9). NCHW, float32.

Usage: python tools/bench/torch_training.py resnet50 --batch 16 [--seconds 10]
Not a test dependency; never run at build time. Run it and `alphatree bench --train` in the same
session and compare the medians.
"""
import time

import torch

import peer


def main():
    args, net, x = peer.setup(batch=16, seconds=10)
    net.train()
    labels = torch.randint(0, 1000, (args.batch,))
    opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
    loss_fn = torch.nn.CrossEntropyLoss()

    phases = []

    def step():
        t0 = time.perf_counter()
        opt.zero_grad(set_to_none=False)
        tz = time.perf_counter()
        out = net(x)
        logits = out.logits if hasattr(out, "logits") else out  # Inception's aux output is unused
        loss = loss_fn(logits, labels)
        value = loss.item()
        t1 = time.perf_counter()
        loss.backward()
        t2 = time.perf_counter()
        opt.step()
        phases.append((tz - t0, t1 - tz, t2 - t1, time.perf_counter() - t2))
        return value

    for _ in range(2):
        step()
    times = []
    end = time.perf_counter() + args.seconds
    while time.perf_counter() < end or len(times) < 3:
        t = time.perf_counter()
        last = step()
        times.append(time.perf_counter() - t)
    times.sort()
    print("torch %s %s batch %d training step (SGD, momentum 0.9): median %.1f ms"
          " (%d steps, min %.1f ms, %d threads), last loss %.4f"
          % (torch.__version__, args.model, args.batch, 1e3 * times[len(times) // 2], len(times),
             1e3 * times[0], torch.get_num_threads(), last))
    measured = phases[2:]
    med = [sorted(p[i] for p in measured)[len(measured) // 2] for i in range(4)]
    print("phases (median): zero_grad %.1f ms, forward+loss %.1f ms, backward %.1f ms,"
          " SGD step %.1f ms"
          % tuple(1e3 * v for v in med))


if __name__ == "__main__":
    main()
