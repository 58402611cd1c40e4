"""The peer of `alphatree bench`: PyTorch eager inference of a torchvision network, timed the way
the bench command times AlphaTree (median over repeated forwards after a warm-up, no_grad,
eval mode, random input), in NCHW and channels last.

Usage: python tools/bench/torch_inference.py resnet50 --batch 8 [--seconds 8]
Not a test dependency; never run at build time. Run it and `alphatree bench` in the same session.
"""
import time

import torch

import peer


def median_ms(net, x, seconds):
    with torch.no_grad():
        for _ in range(2):
            net(x)
        times = []
        end = time.perf_counter() + seconds
        while time.perf_counter() < end or len(times) < 3:
            t = time.perf_counter()
            net(x)
            times.append(time.perf_counter() - t)
    times.sort()
    return 1e3 * times[len(times) // 2], len(times)


def main():
    args, net, x = peer.setup(batch=8, seconds=8)
    net.eval()
    for name, inp, model in (("NCHW", x, net),
                             ("channels last", x.to(memory_format=torch.channels_last),
                              net.to(memory_format=torch.channels_last))):
        ms, n = median_ms(model, inp, args.seconds)
        print("torch %s %s batch %d %s: median %.1f ms (%d runs, %d threads)"
              % (torch.__version__, args.model, args.batch, name, ms, n, torch.get_num_threads()))


if __name__ == "__main__":
    main()
