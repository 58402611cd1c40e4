"""AlphaTree against its peer, PyTorch eager, in one session: runs `alphatree bench` (the default
inference fast path, and `--train`) and tools/bench/torch_inference.py / torch_training.py one
after the other on the same machine, alternating, and prints the markdown table of
docs/benchmarks.md's "Against PyTorch eager" section, every figure a ratio to the peer measured
minutes before it.

Usage (build first: ./mvnw -B package -DskipTests):
    python tools/bench/peer_table.py [--rounds 2] [--seconds 10]
Not a test dependency; never run at build time.
"""
import argparse
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
INFERENCE = [("resnet50", 8), ("inception_v3", 8), ("densenet121", 8)]
TRAINING = [("resnet50", 16), ("densenet121", 8), ("inception_v3", 8)]


def run(cmd):
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return out


def alphatree(model, batch, seconds, *extra):
    out = run([os.path.join(ROOT, "alphatree"), "bench", model, "--batch", str(batch),
               "--seconds", str(seconds), *extra])
    m = re.search(r"median (?:latency|step) +([0-9.]+) ms", out)
    return float(m.group(1))


def torch_inference(model, batch, seconds):
    out = run([sys.executable, os.path.join(HERE, "torch_inference.py"), model,
               "--batch", str(batch), "--seconds", str(seconds)])
    nchw = float(re.search(r"NCHW: median ([0-9.]+) ms", out).group(1))
    cl = float(re.search(r"channels last: median ([0-9.]+) ms", out).group(1))
    return nchw, cl


def torch_training(model, batch, seconds):
    out = run([sys.executable, os.path.join(HERE, "torch_training.py"), model,
               "--batch", str(batch), "--seconds", str(seconds)])
    return float(re.search(r"median ([0-9.]+) ms", out).group(1))


def span(values):
    lo, hi = min(values), max(values)
    return "%.2f×" % lo if abs(hi - lo) < 0.005 else "%.2f–%.2f×" % (lo, hi)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--seconds", type=float, default=10)
    args = ap.parse_args()
    print("| network | batch | PyTorch NCHW | PyTorch channels last | AlphaTree default"
          " | ratio to PyTorch NCHW | AlphaTree NCHW, unfused | ratio |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for model, batch in INFERENCE:
        rows = []
        for _ in range(args.rounds):
            nchw, cl = torch_inference(model, batch, args.seconds)
            fast = alphatree(model, batch, args.seconds)
            plain = alphatree(model, batch, args.seconds, "--no-channels-last", "--no-fuse")
            rows.append((nchw, cl, fast, plain))
        print("| %s | %d | %s | %s | %s | %s | %s | %s |" % (
            model, batch,
            " / ".join("%.0f ms" % r[0] for r in rows),
            " / ".join("%.0f ms" % r[1] for r in rows),
            " / ".join("%.0f ms" % r[2] for r in rows),
            span([r[2] / r[0] for r in rows]),
            " / ".join("%.0f ms" % r[3] for r in rows),
            span([r[3] / r[0] for r in rows])), flush=True)
    print()
    print("| network | batch | PyTorch eager step | AlphaTree step | ratio |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for model, batch in TRAINING:
        rows = []
        for _ in range(args.rounds):
            peer = torch_training(model, batch, args.seconds)
            ours = alphatree(model, batch, args.seconds, "--train")
            rows.append((peer, ours))
        print("| %s | %d | %s | %s | %s |" % (
            model, batch,
            " / ".join("%.0f ms" % r[0] for r in rows),
            " / ".join("%.0f ms" % r[1] for r in rows),
            span([r[1] / r[0] for r in rows])), flush=True)


if __name__ == "__main__":
    main()
