"""Sample grid for the README: each row pairs a layout drawing (ellipse outlines in the blob's
colours over the described background) with the model's sample; held-out layouts and templates.

    /usr/bin/python3 training/sample_grid.py [--ckpt ...] [--out training/samples.png]
"""
import argparse
import math
import os
import sys

import numpy as np
import torch
from PIL import Image, ImageDraw

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from blobgen import data  # noqa: E402
from blobgen.conditioning import Conditioner  # noqa: E402
from blobgen.sampling import sample  # noqa: E402
from export import load_models  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SCALE = 4


def pick_scenes(n):
    """Held-out scenes chosen to show patterns and overlaps."""
    out, seed = [], 30_000_000
    while len(out) < n:
        s = data.sample_scene(seed, heldout=True)
        seed += 1
        pats = {b["pattern"] for b in s["blobs"]}
        if len(s["blobs"]) >= 2 and len(pats) >= 2:
            out.append(s)
    return out


def layout_drawing(scene, size):
    img = Image.fromarray((data.render_background(scene) * 255).astype(np.uint8)).resize((size, size), Image.NEAREST)
    img = Image.blend(img, Image.new("RGB", img.size, (255, 255, 255)), 0.2)  # lightly faded so outlines stand out
    d = ImageDraw.Draw(img)
    for b in scene["blobs"]:
        cx, cy, a, bb, th = b["params"]
        pts = [((cx + a * math.cos(t) * math.cos(th) - bb * math.sin(t) * math.sin(th)) * size,
                (cy + a * math.cos(t) * math.sin(th) + bb * math.sin(t) * math.cos(th)) * size)
               for t in np.linspace(0, 2 * math.pi, 64)]
        col = tuple(int(c) for c in data.PALETTE[b["colors"][0]] * 255)
        d.line(pts + [pts[0]], fill=col, width=4)
        if len(b["colors"]) > 1:
            col2 = tuple(int(c) for c in data.PALETTE[b["colors"][1]] * 255)
            d.line(pts[::2], fill=col2, width=1)
    return img


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default=os.path.join(HERE, "checkpoints", "last.pt"))
    ap.add_argument("--out", default=os.path.join(HERE, "samples.png"))
    ap.add_argument("--rows", type=int, default=4)
    ap.add_argument("--cols", type=int, default=3)
    ap.add_argument("--guidance", type=float, default=2.0)
    ap.add_argument("--sampler", choices=["ddim", "dpmpp-2m"], default="ddim")
    args = ap.parse_args()
    torch.set_num_threads(1)
    tok, te, unet, _ = load_models(args.ckpt)
    scenes = pick_scenes(args.rows * args.cols)
    imgs = sample(te, unet, Conditioner(tok), scenes, list(range(len(scenes))), 20, args.guidance, sampler=args.sampler)
    size = 64 * SCALE
    grid = Image.new("RGB", (args.cols * (2 * size + 16), args.rows * (size + 8)), (255, 255, 255))
    for k, (s, im) in enumerate(zip(scenes, imgs)):
        r, c = divmod(k, args.cols)
        x, y = c * (2 * size + 16), r * (size + 8)
        grid.paste(layout_drawing(s, size), (x, y))
        grid.paste(Image.fromarray((im * 255 + 0.5).astype(np.uint8)).resize((size, size), Image.NEAREST), (x + size, y))
    grid.save(args.out)
    with open(os.path.splitext(args.out)[0] + ".txt", "w") as f:
        for k, s in enumerate(scenes):
            f.write(f"{k}: caption: {s['caption']}\n" + "".join(f"   blob {i + 1}: {b['text']}\n" for i, b in enumerate(s["blobs"])))
    print("wrote", args.out)


if __name__ == "__main__":
    main()
