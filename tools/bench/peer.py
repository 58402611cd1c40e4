"""What the PyTorch peers of `alphatree bench` share: the command line and the torchvision network
with its random input at the network's default size."""
import argparse
import os
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "fixtures"))
from common import import_torchvision  # noqa: E402


def setup(batch, seconds):
    """Parses `model [--batch B] [--seconds S]`; returns (args, network, random input)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("--batch", type=int, default=batch)
    ap.add_argument("--seconds", type=float, default=seconds)
    args = ap.parse_args()
    tv = import_torchvision()
    # init_weights=True: torchvision's own default, said explicitly to silence its warning
    kwargs = {"init_weights": True} if args.model in ("inception_v3", "googlenet") else {}
    net = getattr(tv.models, args.model)(weights=None, **kwargs)
    size = 299 if args.model == "inception_v3" else 224
    return args, net, torch.randn(args.batch, 3, size, size)
