"""Choose the pack's default guidance on the *validation* layouts (quick-eval seeds from
10 000 000, held-out templates), never on the test layouts of evaluate.py.

    /usr/bin/python3 training/tune_guidance.py [--values 1.5 2 2.5 3] [--samplers ddim dpmpp-2m] [--n 32]

Prints colour / background / mIoU per sampler and guidance value (20 steps) and the pair with
the best mean of the three.
"""
import argparse
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from blobgen import data  # noqa: E402
from blobgen.conditioning import Conditioner  # noqa: E402
from blobgen.metrics import evaluate_images  # noqa: E402
from blobgen.sampling import sample  # noqa: E402
from export import load_models  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
VALIDATION_SEED = 10_000_000  # train.py's quick-eval layouts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default=os.path.join(HERE, "checkpoints", "last.pt"))
    ap.add_argument("--values", type=float, nargs="+", default=[1.5, 2.0, 2.5, 3.0])
    ap.add_argument("--n", type=int, default=32)
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--samplers", nargs="+", default=["ddim", "dpmpp-2m"])
    ap.add_argument("--weights", choices=["ema", "raw"], default="ema")
    args = ap.parse_args()
    torch.set_num_threads(2)
    tok, te, unet, _ = load_models(args.ckpt, args.weights)
    cond = Conditioner(tok)
    scenes = [data.sample_scene(VALIDATION_SEED + i, heldout=True) for i in range(args.n)]
    seeds = [1000 + i for i in range(args.n)]
    rows = []
    for sampler in args.samplers:
        for g in args.values:
            imgs = []
            for i in range(0, args.n, 16):
                imgs += list(sample(te, unet, cond, scenes[i:i + 16], seeds[i:i + 16], args.steps, g, sampler=sampler))
            m = evaluate_images(scenes, imgs)
            rows.append(((sampler, g), m))
            print(f"{sampler} guidance {g}: colour {m['colour']:.3f} background {m['background']:.3f} mIoU {m['miou']:.3f}", flush=True)
    best = max(rows, key=lambda r: (r[1]["colour"] + r[1]["background"] + r[1]["miou"]) / 3)
    print(json.dumps({"sampler": best[0][0], "guidance": best[0][1], "validationLayouts": args.n}))


if __name__ == "__main__":
    main()
