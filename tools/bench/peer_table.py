"""AlphaTree against its peers in one session: runs `alphatree bench` (the default inference fast
path, and `--train`) and tools/bench/torch_inference.py / torch_training.py one after the other on
the same machine, alternating; with --metrics, `alphatree fid` on two d = 2048 statistics against
pytorch-fid's Fréchet distance (scipy's sqrtm), and `alphatree fid-stats` against pytorch-fid's
extraction pipeline (tools/bench/fid_extraction.py) on the same images and weights. Prints the
markdown tables of docs/benchmarks/against-pytorch.md (copied into docs/benchmarks.md by the
report), every figure a ratio to the peer measured minutes before it.

Usage (build first: ./mvnw -B package -DskipTests):
    python tools/bench/peer_table.py [--rounds 2] [--seconds 10] [--networks] [--metrics]
        [--no-training] [--images 200]
(neither flag: both parts). Not a test dependency; never run at build time.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

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


def frechet_peer(npz1, npz2):
    """pytorch-fid's calculate_frechet_distance, written from its documented steps: scipy's sqrtm
    of Σ₁Σ₂ (retried with εI added to both if it is not finite), its real part, the trace; timed
    from the loaded statistics (what AlphaTree's figure includes besides is extra)."""
    import numpy as np
    from scipy import linalg
    a, b = np.load(npz1), np.load(npz2)
    mu1, s1, mu2, s2 = a["mu"], a["sigma"], b["mu"], b["sigma"]
    start = time.perf_counter()
    covmean, _ = linalg.sqrtm(s1.dot(s2), disp=False)
    if not np.isfinite(covmean).all():
        offset = np.eye(s1.shape[0]) * 1e-6
        covmean = linalg.sqrtm((s1 + offset).dot(s2 + offset))
    covmean = covmean.real
    diff = mu1 - mu2
    value = diff.dot(diff) + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean)
    return time.perf_counter() - start, value


def frechet_alphatree(npz1, npz2):
    """The whole `alphatree fid` command: JVM start, engine load, reading both files, the math."""
    start = time.perf_counter()
    out = run([os.path.join(ROOT, "alphatree"), "fid", npz1, npz2])
    secs = time.perf_counter() - start
    return secs, float(re.search(r"FID: ([0-9.]+)", out).group(1))


def metric_inputs(folder, images, dims=2048):
    """Two pytorch-fid .npz statistics of d = 2048 (4096 Gaussian samples each, different
    scales), an image folder of 128² PNGs, and a weights file of pytorch-fid's keys (the twin's
    initialisation; the cost is the same as with the released weights)."""
    import numpy as np
    import torch
    from PIL import Image
    sys.path.insert(0, os.path.join(HERE, "..", "fixtures"))
    from inception import fid_inception_v3
    rng = np.random.default_rng(0)
    paths = []
    for i, scale in ((1, 0.6), (2, 0.7)):
        x = rng.standard_normal((4096, dims)) * scale
        path = os.path.join(folder, "stats%d.npz" % i)
        np.savez(path, mu=x.mean(0), sigma=np.cov(x, rowvar=False))
        paths.append(path)
    img_dir = os.path.join(folder, "images")
    os.makedirs(img_dir)
    for i in range(images):
        pixels = rng.integers(0, 256, (128, 128, 3), dtype=np.uint8)
        Image.fromarray(pixels).save(os.path.join(img_dir, "%04d.png" % i))
    torch.manual_seed(0)
    weights = os.path.join(folder, "pt_inception.pth")
    torch.save(fid_inception_v3().state_dict(), weights)
    return paths, img_dir, weights


def extraction_peer(img_dir, weights):
    out = run([sys.executable, os.path.join(HERE, "fid_extraction.py"), img_dir, weights])
    return float(re.search(r"([0-9.]+) images/s", out).group(1))


def extraction_alphatree(img_dir, weights, folder):
    out = run([os.path.join(ROOT, "alphatree"), "fid-stats", img_dir, "--weights", weights,
               "-o", os.path.join(folder, "alphatree.npz")])
    return float(re.search(r"([0-9.]+) images/s", out).group(1))


def metrics(rounds, images):
    with tempfile.TemporaryDirectory() as folder:
        (npz1, npz2), img_dir, weights = metric_inputs(folder, images)
        rows = []
        for _ in range(rounds):
            peer_secs, peer_value = frechet_peer(npz1, npz2)
            ours_secs, ours_value = frechet_alphatree(npz1, npz2)
            rows.append((peer_secs, ours_secs, peer_value, ours_value))
        print("| Fréchet distance, d = 2048 | pytorch-fid (scipy sqrtm, math only) | FID |"
              " `alphatree fid a.npz b.npz` (whole command) | FID | time ratio |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        print("| two random statistics | %s | %.4f | %s | %.4f | %s |" % (
            " / ".join("%.1f s" % r[0] for r in rows), rows[0][2],
            " / ".join("%.2f s" % r[1] for r in rows), rows[0][3],
            span([r[1] / r[0] for r in rows])), flush=True)
        print()
        rows = []
        for _ in range(rounds):
            peer = extraction_peer(img_dir, weights)
            ours = extraction_alphatree(img_dir, weights, folder)
            rows.append((peer, ours))
        print("| FID extraction, %d PNGs 128², batch 50, d = 2048 | pytorch-fid pipeline"
              " | `alphatree fid-stats` | ratio of images/s |" % images)
        print("| --- | ---: | ---: | ---: |")
        print("| images/s | %s | %s | %s |" % (
            " / ".join("%.2f" % r[0] for r in rows),
            " / ".join("%.2f" % r[1] for r in rows),
            span([r[1] / r[0] for r in rows])), flush=True)


def span(values):
    lo, hi = min(values), max(values)
    return "%.2f×" % lo if abs(hi - lo) < 0.005 else "%.2f–%.2f×" % (lo, hi)


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name") and ":" in line:
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--networks", action="store_true", help="inference and training only")
    ap.add_argument("--metrics", action="store_true", help="Fréchet distance and FID extraction")
    ap.add_argument("--images", type=int, default=200, help="images for FID extraction")
    ap.add_argument("--no-training", action="store_true", help="inference rows only")
    args = ap.parse_args()
    # ratios move with the host (libtorch's and PyTorch's kernels do not scale alike): say which
    print("Host: %s, %d cores." % (cpu_model(), os.cpu_count() or 0))
    print()
    if args.metrics:
        metrics(args.rounds, args.images)
        if not args.networks:
            return
        print()
    networks(args)


def networks(args):
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
    if args.no_training:
        return
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
