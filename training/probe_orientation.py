"""Does the model put a two-colour background's colours where the caption says?

Two probes on validation layouts with their blobs removed (experiments.md, "Word order"):
- x̂0 at pure noise: the conditional prediction of the clean image at t = 999, 900, 700, for each
  caption and for the same caption with its colours swapped; the share of images whose top and
  bottom are nearer the caption's order than the reverse. A model blind to word order scores
  chance, the two shares summing to about 1.
- sampled: 20 DPM-Solver++ 2M steps at guidance 2.0 for "{c} fading to {d}" and "{d} fading to
  {c}": how many come out in the caption's order, and how many are identical for both orders.

    /usr/bin/python3 training/probe_orientation.py [--ckpt PATH] [--weights ema|raw]
"""
import argparse
import os
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from blobgen import data  # noqa: E402
from blobgen.conditioning import Conditioner, biases, encode_batch  # noqa: E402
from blobgen.diffusion import ALPHAS, x0_from_v  # noqa: E402
from blobgen.latent import Decoder  # noqa: E402
from blobgen.metrics import nearest_colour  # noqa: E402
from blobgen.rng import initial_latent  # noqa: E402
from blobgen.sampling import LATENT_SHAPE, sample  # noqa: E402
from export import load_models  # noqa: E402

N, P = data.COLOR_NAMES, data.PALETTE


def backgrounds(kind, n=12):
    scenes = [data.sample_scene(10_000_000 + i, heldout=True) for i in range(300)]
    return [dict(s, blobs=[]) for s in scenes if s["bg_kind"] == kind][:n]


def x0_in_order(te, unet, cond, scenes, captions, t):
    """Share of (scene, noise seed) whose predicted top fifth / bottom fifth match bg[0] / bg[1]."""
    ok = []
    for seed in (0, 100):
        batch = Conditioner.collate([cond.scene_arrays(dict(s, caption=c)) for s, c in zip(scenes, captions)])
        x = torch.from_numpy(np.concatenate([initial_latent(seed + i, LATENT_SHAPE) for i in range(len(scenes))]))
        with torch.no_grad():
            v = unet(x, torch.full((len(scenes),), float(t)), encode_batch(te, batch), *biases(batch))
            img = Decoder()(x0_from_v(v, x, float(ALPHAS[t])))[..., :3].numpy()
        for s, im in zip(scenes, img):
            top, bottom = im[:13].mean((0, 1)), im[-13:].mean((0, 1))
            c, d = P[s["bg"][0]], P[s["bg"][1]]
            ok.append(((top - c) ** 2).sum() + ((bottom - d) ** 2).sum() < ((top - d) ** 2).sum() + ((bottom - c) ** 2).sum())
    return float(np.mean(ok))


def sampled_ends(te, unet, cond, scenes, captions):
    imgs = sample(te, unet, cond, [dict(s, caption=c) for s, c in zip(scenes, captions)],
                  [1000 + i for i in range(len(scenes))], 20, 2.0, False, "dpmpp-2m")
    ends = []
    for im in imgs:
        lab = nearest_colour(im)
        ends.append((np.bincount(lab[:10].ravel()).argmax(), np.bincount(lab[-10:].ravel()).argmax()))
    return ends


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default=os.path.join(HERE, "checkpoints", "last.pt"))
    ap.add_argument("--weights", choices=["ema", "raw"], default="ema")
    args = ap.parse_args()
    torch.set_num_threads(1)
    tok, te, unet, _ = load_models(args.ckpt, args.weights)
    cond = Conditioner(tok)
    grad, split = backgrounds("gradient"), backgrounds("split")
    swapped = lambda scenes: [dict(s, bg=s["bg"][::-1]) for s in scenes]  # noqa: E731
    fade = lambda scenes: [f"{N[s['bg'][0]]} fading to {N[s['bg'][1]]}" for s in scenes]  # noqa: E731
    for t in (999, 900, 700):
        g = x0_in_order(te, unet, cond, grad, fade(grad), t)
        gs = x0_in_order(te, unet, cond, swapped(grad), fade(swapped(grad)), t)
        sk = x0_in_order(te, unet, cond, split, [f"a {N[s['bg'][0]]} sky over {N[s['bg'][1]]} ground" for s in split], t)
        sks = x0_in_order(te, unet, cond, swapped(split),
                          [f"{N[s['bg'][1]]} ground under a {N[s['bg'][0]]} sky" for s in swapped(split)], t)
        print(f"x̂0 at t={t}: gradient {g:.2f}, swapped {gs:.2f} | sky/ground {sk:.2f}, swapped {sks:.2f}")
    fwd, bwd = sampled_ends(te, unet, cond, grad, fade(grad)), sampled_ends(te, unet, cond, grad, fade(swapped(grad)))
    right = sum(e == tuple(s["bg"]) for e, s in zip(fwd, grad))
    right_swapped = sum(e == tuple(s["bg"][::-1]) for e, s in zip(bwd, grad))
    same = sum(a == b for a, b in zip(fwd, bwd))
    print(f"sampled gradients in the caption's order: {right} of {len(grad)}, swapped {right_swapped} of {len(grad)}; "
          f"identical ends for both orders: {same}")


if __name__ == "__main__":
    main()
