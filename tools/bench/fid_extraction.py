"""The peer of FID feature extraction: pytorch-fid's pipeline, timed on an image folder.

pytorch-fid (fid_score.calculate_activation_statistics) reads each image with PIL, converts it
with ToTensor, batches 50 through a DataLoader with min(cpus, 8) workers, and runs its
InceptionV3 (resize_input: bilinear to 299, normalize_input: 2x - 1) under no_grad, keeping the
pool3 block. This script rebuilds that network from its published structure (the twin in
tools/fixtures/inception.py, which the parity fixtures check AlphaTree against), loads the same
weights file AlphaTree is given (pytorch-fid's .pth or a safetensors of the same keys), and
prints images/s; run `alphatree fid-stats` on the same folder in the same session for AlphaTree's.

Usage: python tools/bench/fid_extraction.py <images> <weights.pth|.safetensors> [--batch 50]
Not a test dependency; never run at build time.
"""
import argparse
import os
import sys
import time

import torch
import torch.nn.functional as F
from PIL import Image

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "fixtures"))
from inception import fid_blocks, fid_inception_v3  # noqa: E402


class Images(torch.utils.data.Dataset):
    def __init__(self, files):
        self.files = files

    def __len__(self):
        return len(self.files)

    def __getitem__(self, i):
        import numpy as np
        img = Image.open(self.files[i]).convert("RGB")
        return torch.from_numpy(np.asarray(img, dtype=np.float32) / 255.0).permute(2, 0, 1)


def load(path):
    if path.endswith(".safetensors"):
        from safetensors.torch import load_file
        return load_file(path)
    return torch.load(path, map_location="cpu")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("images")
    ap.add_argument("weights")
    ap.add_argument("--batch", type=int, default=50)
    args = ap.parse_args()
    files = sorted(os.path.join(args.images, f) for f in os.listdir(args.images)
                   if f.lower().endswith((".png", ".jpg", ".jpeg")))
    net = fid_inception_v3().eval()
    sd = {k: v for k, v in load(args.weights).items() if not k.endswith("num_batches_tracked")}
    net.load_state_dict(sd, strict=False)
    workers = min(len(os.sched_getaffinity(0)), 8)
    loader = torch.utils.data.DataLoader(Images(files), batch_size=args.batch, num_workers=workers)
    start = time.perf_counter()
    n = 0
    with torch.no_grad():
        for batch in loader:
            x = F.interpolate(batch, size=(299, 299), mode="bilinear", align_corners=False)
            feats = fid_blocks(net, 2 * x - 1)[3]
            n += feats.shape[0]
    secs = time.perf_counter() - start
    print("pytorch-fid pipeline (torch %s, %d threads, %d workers): %d images in %.1f s, %.2f images/s"
          % (torch.__version__, torch.get_num_threads(), workers, n, secs, n / secs))


if __name__ == "__main__":
    main()
