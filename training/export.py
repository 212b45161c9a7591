"""Export the trained model as the model pack public/models/blobgen-tiny-shapes/.

    /usr/bin/python3 training/export.py [--ckpt training/checkpoints/last.pt] [--pack DIR]

Writes tokenizer.json, text_encoder.onnx, prelude.onnx, unet_segment{0..6}.onnx, decoder.onnx,
bench/unet_monolithic.onnx, goldens/ (masks, RNG, 3 reference runs) and manifest.json with the
size and SHA-256 of every file. Uses the EMA weights.
"""
import argparse
import json
import os
import shutil
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from blobgen import goldens as G  # noqa: E402
from blobgen import onnx_export as E  # noqa: E402
from blobgen.flops import count_flops  # noqa: E402
from blobgen.manifest import build_manifest  # noqa: E402
from blobgen.model import BlobUNet, TextEncoder  # noqa: E402
from blobgen.tokenizer import Tokenizer  # noqa: E402
import make_mask_goldens  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PACK_NAME = "blobgen-tiny-shapes"
DEFAULTS = dict(steps=20, guidance=2.0, sampler="ddim", maskMode="coverage")


def load_models(ckpt, weights="ema"):
    """Tokenizer, text encoder and UNet of a checkpoint: its EMA weights (default) or the raw ones."""
    st = torch.load(ckpt)
    tok = Tokenizer(st["vocab"])
    te, unet = TextEncoder(len(tok.vocab)), BlobUNet()
    prefix = "ema_" if weights == "ema" else ""
    te.load_state_dict(st[prefix + "te"])
    unet.load_trained(st[prefix + "unet"])
    return tok, te.eval(), unet.eval(), st


def site_table(unet):
    return [dict(name=n, resolution=r, heads=m.heads, headDim=m.head_dim) for n, m, r in unet.cross_attention_sites()]


def unet_flops(unet, n_keys=112):
    args = (torch.randn(1, 12, 32, 32), torch.zeros(1), torch.randn(1, n_keys, 128),
            torch.zeros(1, 1024, n_keys), torch.zeros(1, 256, n_keys), torch.zeros(1, 64, n_keys))
    return count_flops(unet, *args)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default=os.path.join(HERE, "checkpoints", "last.pt"))
    ap.add_argument("--pack", default=os.path.join(os.path.dirname(HERE), "public", "models", PACK_NAME))
    ap.add_argument("--guidance", type=float, default=DEFAULTS["guidance"])
    ap.add_argument("--steps", type=int, default=DEFAULTS["steps"])
    ap.add_argument("--sampler", choices=["ddim", "dpmpp-2m"], default=DEFAULTS["sampler"],
                    help="the pack's default sampler (goldens always use DDIM and say so)")
    ap.add_argument("--eval-json", default=os.path.join(HERE, "logs", "eval_final.json"))
    args = ap.parse_args()
    torch.set_num_threads(1)
    t0 = time.time()
    tok, te, unet, st = load_models(args.ckpt)
    pack = args.pack
    if os.path.isdir(pack):
        shutil.rmtree(pack)
    os.makedirs(os.path.join(pack, "goldens"))
    os.makedirs(os.path.join(pack, "bench"))
    files = []

    tok.save(os.path.join(pack, "tokenizer.json"))
    files.append(("tokenizer.json", "tokenizer"))
    ops = {"text_encoder.onnx": E.export_text_encoder(te, os.path.join(pack, "text_encoder.onnx"), max_tokens=tok.max_tokens)}
    files.append(("text_encoder.onnx", "text-encoder"))
    cut, seg_ops = E.export_unet_pieces(unet, pack)
    ops.update(seg_ops)
    sites = site_table(unet)
    for c, s in zip(cut.cores, sites):  # the traced call order must be the declared site order
        assert c["module"] == s["name"] + ".core", (c, s)
    files.append(("prelude.onnx", "prelude"))
    files += [(f"unet_segment{i}.onnx", "unet-segment") for i in range(len(cut.segments))]
    ops["decoder.onnx"] = E.export_decoder(os.path.join(pack, "decoder.onnx"))
    files.append(("decoder.onnx", "decoder"))
    ops["bench/unet_monolithic.onnx"] = E.export_monolithic(unet, os.path.join(pack, "bench", "unet_monolithic.onnx"))
    files.append(("bench/unet_monolithic.onnx", "benchmark"))
    t_export = time.time() - t0

    make_mask_goldens.main_into(pack)
    files += [("goldens/masks.json", "golden"), ("goldens/rng.json", "golden")]
    settings = dict(DEFAULTS, steps=args.steps, guidance=args.guidance, sampler=args.sampler)
    for layout in G.LAYOUTS:
        tensors, img = G.run_golden(te, cut, tok, layout, sites, args.steps, args.guidance, settings["maskMode"])
        G.write_golden(os.path.join(pack, "goldens"), layout, tensors, img,
                       dict(steps=args.steps, guidance=args.guidance, sampler="ddim", maskMode=settings["maskMode"]))
        files += [(f"goldens/{layout['name']}.{ext}", "golden") for ext in ("json", "bin", "png")]
    with open(os.path.join(pack, "goldens", "scheduler.json"), "w") as f:
        from blobgen.diffusion import ALPHAS, ddim_timesteps
        json.dump(dict(defaultSteps=args.steps, timesteps=ddim_timesteps(args.steps).tolist(),
                       alphasCumprod=[float(a) for a in ALPHAS]), f)
    files.append(("goldens/scheduler.json", "golden"))

    flops = unet_flops(unet)
    settings["flops"] = dict(batch1=flops, note="multiply-adds x2 of convs, linears and attention at 112 keys")
    evaluation = None
    if os.path.exists(args.eval_json):
        with open(args.eval_json) as f:
            evaluation = json.load(f)
    with open(os.path.join(HERE, "logs", "onnx_ops.json"), "w") as f:
        json.dump(ops, f, indent=1)
    manifest = build_manifest(pack, PACK_NAME, cut, sites, tok, 128, settings, files, evaluation)
    manifest["training"] = dict(steps=st["step"], minutes=round(st["wall"] / 60, 1), samples=st["step"] * st["args"]["batch"])
    with open(os.path.join(pack, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    total = sum(e["bytes"] for e in manifest["files"]) + os.path.getsize(os.path.join(pack, "manifest.json"))
    print(f"exported {len(files)} files, {total / 1e6:.2f} MB, graphs in {t_export:.0f} s, all in {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
