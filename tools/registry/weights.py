"""Writes AlphaTree's pretrained-weights registry from the references' own metadata.

torchvision: every weights enum of a registered torchvision network (url, the sha256 prefix its
file name carries, the eval transforms, ImageNet accuracy, file size, recipe).
timm: every ImageNet-1k pretrained tag of a registered timm network (the Hugging Face hub file,
the transforms of its pretrained_cfg, the licence), with the accuracy from timm's
results/results-imagenet.csv (pass --timm-results; read from a checkout of timm, not shipped).
pytorch-fid: the FID Inception weights.

Run by hand (never at build or test time):
    python tools/registry/weights.py --timm-results <timm>/results/results-imagenet.csv
Writes alphatree-blocks/src/main/resources/org/alphatree/blocks/hub/{weights.json,imagenet-1k.txt}.
"""
import argparse
import csv
import json
import math
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "fixtures"))
import common  # noqa: E402

OUT = os.path.join(
    os.path.dirname(__file__), "..", "..",
    "alphatree-blocks", "src", "main", "resources", "org", "alphatree", "blocks", "hub")

TORCHVISION = [
    "resnet18", "resnet34", "resnet50", "resnet101", "resnet152",
    "resnext50_32x4d", "resnext101_32x8d", "resnext101_64x4d",
    "wide_resnet50_2", "wide_resnet101_2",
    "googlenet", "inception_v3",
    "densenet121", "densenet161", "densenet169", "densenet201",
    "alexnet", "vgg11", "vgg11_bn", "vgg13", "vgg13_bn", "vgg16", "vgg16_bn", "vgg19", "vgg19_bn",
    "squeezenet1_0", "squeezenet1_1", "mobilenet_v2", "mobilenet_v3_large", "mobilenet_v3_small",
    "mnasnet0_75", "mnasnet1_0", "mnasnet1_3",
    "shufflenet_v2_x0_5", "shufflenet_v2_x1_0", "shufflenet_v2_x1_5", "shufflenet_v2_x2_0",
]
# mnasnet0_5's only weights are a version-1 checkpoint whose stem torchvision rebuilds at load
# time (32/16 channels instead of 16/8); AlphaTree builds the version-2 network only.
LEFT_OUT = {"mnasnet0_5": "version-1 checkpoint (torchvision rebuilds its stem when loading)"}

TIMM = [
    "resnet50d", "resnetv2_50", "seresnet50", "senet154", "seresnext50_32x4d",
    "inception_v4", "inception_resnet_v2",
    "dpn68", "dpn68b", "dpn92", "dpn98", "dpn107", "dpn131",
    "mobilenetv1_100", "legacy_xception", "nasnetalarge", "pnasnet5large",
]

TV_LICENSE = ("BSD-3-Clause (torchvision); weights trained on ImageNet-1k, whose terms of access"
              " apply")
# torchvision's DenseNet checkpoints predate module names without dots ("norm.1" -> "norm1");
# torchvision renames them in _load_state_dict with this pattern.
DENSENET_RENAME = [[r"^(.*denselayer\d+\.(?:norm|relu|conv))\.((?:[12])\.(?:weight|bias|running_mean|running_var))$",
                    "$1$2"]]


def transforms(resize, crop, interpolation, mean, std):
    return {"resize": int(resize), "crop": int(crop), "interpolation": interpolation,
            "mean": [float(m) for m in mean], "std": [float(s) for s in std]}


def torchvision_entries(tv):
    from torchvision.models import get_model_weights
    out = []
    for name in TORCHVISION:
        enum = get_model_weights(name)
        default = enum.DEFAULT
        for w in enum:
            t = w.transforms()
            m = w.meta
            if m.get("categories") is None:
                continue  # vgg16's IMAGENET1K_FEATURES: a feature extractor without a trained head
            metrics = m["_metrics"]["ImageNet-1K"]
            file = w.url.rsplit("/", 1)[1]
            prefix = re.search(r"-([a-f0-9]+)\.", file).group(1)
            e = {
                "model": name, "name": w.name, "isDefault": w == default,
                "url": w.url, "file": file, "sha256": prefix,
                "transforms": transforms(t.resize_size[0], t.crop_size[0],
                                         t.interpolation.value, t.mean, t.std),
                "categories": "imagenet-1k", "numClasses": len(m["categories"]),
                "top1": metrics["acc@1"], "top5": metrics["acc@5"],
                "sizeMB": m["_file_size"], "license": TV_LICENSE,
                "recipe": m.get("recipe", ""), "source": "torchvision",
            }
            if name in ("googlenet", "inception_v3"):
                # torchvision's builders set transform_input=True when weights are given
                e["variant"] = "transform_input"
            if name.startswith("densenet"):
                e["rename"] = DENSENET_RENAME
            out.append(e)
    return out


def timm_entries(results_csv):
    import timm
    acc = {}
    with open(results_csv) as f:
        for row in csv.DictReader(f):
            acc[(row["model"], int(row["img_size"]), row["crop_pct"])] = row
    out = []
    for arch in TIMM:
        tags = timm.list_pretrained(arch + ".*")
        default = timm.models.get_pretrained_cfg(arch)
        for tag in tags:
            cfg = timm.models.get_pretrained_cfg(tag)
            if cfg.num_classes != 1000 or not (cfg.hf_hub_id or cfg.url):
                continue
            size = cfg.input_size[-1]
            row = acc.get((tag, size, "%.3f" % cfg.crop_pct))
            hub = cfg.hf_hub_id
            if hub:  # the hub's file is the state_dict after timm's checkpoint filter
                url = "https://huggingface.co/%s/resolve/main/model.safetensors" % hub
                file, sha = hub.replace("/", "_") + ".safetensors", ""
            else:  # a GitHub release; the file name carries a hash prefix as torchvision's do
                url = cfg.url
                file = url.rsplit("/", 1)[1]
                sha = re.search(r"-([a-f0-9]+)\.", file).group(1)
            e = {
                "model": arch, "name": tag.split(".", 1)[1],
                "isDefault": cfg.tag == default.tag,
                "url": url, "file": file, "sha256": sha,
                "transforms": transforms(math.floor(size / cfg.crop_pct), size,
                                         cfg.interpolation, cfg.mean, cfg.std),
                "categories": "imagenet-1k", "numClasses": 1000,
                "top1": float(row["top1"]) if row else None,
                "top5": float(row["top5"]) if row else None,
                "sizeMB": None, "license": cfg.license or "",
                "recipe": cfg.origin_url or ("https://huggingface.co/" + hub if hub else url),
                "source": "timm",
            }
            out.append(e)
    return out


def fid_entry():
    return {
        "model": "fid_inception_v3", "name": "PT_INCEPTION_2015_12_05", "isDefault": True,
        "url": "https://github.com/mseitzer/pytorch-fid/releases/download/fid_weights/"
               "pt_inception-2015-12-05-6726825d.pth",
        "file": "pt_inception-2015-12-05-6726825d.pth", "sha256": "6726825d",
        "transforms": transforms(299, 0, "bilinear", [0.5] * 3, [0.5] * 3),
        "categories": "", "numClasses": 1008, "top1": None, "top5": None,
        "sizeMB": 91.2, "license": "Apache-2.0 (pytorch-fid; ported from TensorFlow's 2015-12-05 Inception)",
        "recipe": "https://github.com/mseitzer/pytorch-fid", "source": "pytorch-fid",
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--timm-results", required=True)
    args = ap.parse_args()
    tv = common.import_torchvision()
    from torchvision.models._meta import _IMAGENET_CATEGORIES
    entries = torchvision_entries(tv) + timm_entries(args.timm_results) + [fid_entry()]
    import timm
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "weights.json"), "w") as f:
        json.dump({"generator": "tools/registry/weights.py",
                   "references": {"torchvision": tv.__version__, "timm": timm.__version__},
                   "leftOut": LEFT_OUT, "weights": entries}, f, indent=1)
        f.write("\n")
    with open(os.path.join(OUT, "imagenet-1k.txt"), "w") as f:
        f.write("\n".join(_IMAGENET_CATEGORIES) + "\n")
    print(len(entries), "weights")


if __name__ == "__main__":
    main()
