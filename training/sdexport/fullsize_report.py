"""Full-size check, outside CI: a random-weight SD-1.5-shaped model exported to an fp16 pack.

    cd training && nohup ../.venv/bin/python -m sdexport.fullsize_report > /tmp/sd15-report.log 2>&1 &

Builds the real SD-1.5 configurations (UNet ~860 M parameters, CLIP ViT-L/14 text encoder, the
SD VAE) with random weights, saves them as a diffusers folder (fp16 safetensors, like the
`fp16` variant of real SD-1.5 folders), exports it with the exporter exactly as a user would, and
reports file sizes, sites and shapes, the prelude K/V size per text and the GPU memory the engine
will allocate (memory_plan.py, from the manifest alone). Writes only outside the repository
(default /tmp); never commit a full-size pack.
"""
from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

import torch
from diffusers import (AutoencoderKL, PNDMScheduler, StableDiffusionPipeline,
                       UNet2DConditionModel)
from transformers import CLIPTextConfig, CLIPTextModel, CLIPTokenizer

from .clip_vocab import write_clip_vocab_files
from .exporter import export_pack
from .memory_plan import report as memory_report

REPO = Path(__file__).resolve().parents[2]


def build_sd15_folder(folder: Path) -> None:
    torch.manual_seed(15)
    unet = UNet2DConditionModel(  # SD-1.5's unet/config.json
        sample_size=64, in_channels=4, out_channels=4, layers_per_block=2,
        block_out_channels=(320, 640, 1280, 1280), cross_attention_dim=768, attention_head_dim=8,
        down_block_types=("CrossAttnDownBlock2D",) * 3 + ("DownBlock2D",),
        up_block_types=("UpBlock2D",) + ("CrossAttnUpBlock2D",) * 3, norm_num_groups=32)
    text_encoder = CLIPTextModel(CLIPTextConfig(  # openai/clip-vit-large-patch14 text tower
        vocab_size=49408, hidden_size=768, intermediate_size=3072, num_hidden_layers=12,
        num_attention_heads=12, max_position_embeddings=77, hidden_act="quick_gelu",
        projection_dim=768))
    vae = AutoencoderKL(
        in_channels=3, out_channels=3, latent_channels=4, sample_size=512, layers_per_block=2,
        block_out_channels=(128, 256, 512, 512), down_block_types=("DownEncoderBlock2D",) * 4,
        up_block_types=("UpDecoderBlock2D",) * 4, norm_num_groups=32, scaling_factor=0.18215)
    vocab_dir = folder / "_vocab"
    write_clip_vocab_files(vocab_dir)
    tokenizer = CLIPTokenizer(str(vocab_dir / "vocab.json"), str(vocab_dir / "merges.txt"),
                              pad_token="<|endoftext|>", model_max_length=77)
    scheduler = PNDMScheduler(num_train_timesteps=1000, beta_start=0.00085, beta_end=0.012,
                              beta_schedule="scaled_linear", skip_prk_steps=True,
                              set_alpha_to_one=False, steps_offset=1)
    pipe = StableDiffusionPipeline(vae=vae, text_encoder=text_encoder, tokenizer=tokenizer, unet=unet,
                                   scheduler=scheduler, safety_checker=None, feature_extractor=None,
                                   requires_safety_checker=False)
    pipe.to(torch.float16).save_pretrained(folder, safe_serialization=True)
    del pipe, unet, text_encoder, vae


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=Path("/tmp/sd15-random-model"))
    parser.add_argument("--out", type=Path, default=Path("/tmp/sd15-random-pack"))
    parser.add_argument("--report", type=Path, default=Path("/tmp/sd15-random-report.json"))
    args = parser.parse_args(argv)
    for path in (args.model, args.out, args.report):
        if REPO in path.resolve().parents:
            raise SystemExit(f"{path}: full-size files are written outside the repository")
    started = time.time()
    if not (args.model / "model_index.json").is_file():
        build_sd15_folder(args.model)
    built = time.time() - started
    print(f"model folder: {args.model} ({built:.0f} s)", flush=True)
    manifest = export_pack(args.model, args.out, ("fp16",), name="sd15-random",
                           description="random-weight SD-1.5-shaped pack (size check only)",
                           log=lambda line: print(line, flush=True))
    timings = manifest.pop("_timings")
    by_role = defaultdict(int)
    for f in manifest["files"]:
        by_role[f["role"]] += f["bytes"]
    sites = manifest["unet"]["sites"]
    shapes = manifest["unet"]["poolShapes"]
    out = {
        "timings_s": {"build": round(built, 1), **timings},
        "parameters": manifest["source"]["parameters"],
        "bytesByRole": dict(by_role),
        "totalBytes": sum(by_role.values()),
        "largestFile": max(manifest["files"], key=lambda f: f["bytes"]),
        "segments": len(manifest["unet"]["segments"]),
        "sites": [{k: s[k] for k in ("index", "resolution", "heads", "headDim", "keyInputDim")}
                  | {"query": shapes[s["query"]]} for s in sites],
        "carriedTensors": len([n for n in shapes if n.startswith("carry")]),
        "memory": [memory_report(manifest, "fp16", blobs) for blobs in (0, 4, 16)],
    }
    args.report.write_text(json.dumps(out, indent=1) + "\n")
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
