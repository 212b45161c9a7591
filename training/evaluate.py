"""Evaluate a checkpoint on 64 held-out layouts written with held-out templates (20 steps),
with masked cross-attention and with masking disabled (every blob visible everywhere).

    /usr/bin/python3 training/evaluate.py [--ckpt training/checkpoints/last.pt] [--n 64]

Prints and writes training/logs/eval_final.json. Metric definitions: blobgen/metrics.py.
"""
import argparse
import json
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from blobgen import data  # noqa: E402
from blobgen.conditioning import Conditioner  # noqa: E402
from blobgen.metrics import evaluate_images  # noqa: E402
from blobgen.sampling import sample  # noqa: E402
from export import load_models  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
EVAL_SEED = 20_000_000  # disjoint from training seeds (< 10^7 scenes) and from quick-eval seeds


def eval_scenes(n):
    return [data.sample_scene(EVAL_SEED + i, heldout=True) for i in range(n)]


def run(te, unet, tok, scenes, steps, guidance, unmasked, sampler="ddim", chunk=16):
    cond = Conditioner(tok)
    imgs = []
    for i in range(0, len(scenes), chunk):
        part = scenes[i:i + chunk]
        imgs += list(sample(te, unet, cond, part, [EVAL_SEED + i + j for j in range(len(part))], steps, guidance, unmasked, sampler))
    return imgs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default=os.path.join(HERE, "checkpoints", "last.pt"))
    ap.add_argument("--n", type=int, default=64)
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--guidance", type=float, default=2.0)
    ap.add_argument("--sampler", choices=["ddim", "dpmpp-2m"], default="ddim")
    ap.add_argument("--out", default=os.path.join(HERE, "logs", "eval_final.json"))
    args = ap.parse_args()
    torch.set_num_threads(1)
    tok, te, unet, st = load_models(args.ckpt)
    scenes = eval_scenes(args.n)
    result = dict(layouts=args.n, steps=args.steps, guidance=args.guidance, sampler=args.sampler, heldoutTemplates=True,
                  checkpointStep=st["step"], trainingMinutes=round(st["wall"] / 60, 1))
    for name, unmasked in (("masked", False), ("maskingDisabled", True)):
        t0 = time.time()
        m = evaluate_images(scenes, run(te, unet, tok, scenes, args.steps, args.guidance, unmasked, args.sampler))
        m["seconds"] = round(time.time() - t0, 1)
        result[name] = m
        print(name, json.dumps(m), flush=True)
    with open(args.out, "w") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
