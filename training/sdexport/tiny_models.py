"""Random-weight, SD-shaped, small diffusers model folders for tests (no pretrained weights here).

Three configurations, each built from the real diffusers/transformers classes with fixed seeds and
saved with `save_pretrained` as a diffusers model folder (unet/, vae/, text_encoder/, tokenizer/,
scheduler/, model_index.json), so the exporter runs on them exactly as on a user's real folder:

- "sd1-tiny": SD-1.x-like. Pad id 49407, epsilon, PNDM scheduler config, quick-GELU CLIP,
  a fixed head COUNT (4) so head widths differ per level (4/8/16, like SD-1.x's 40/80/160).
- "sd2-tiny": SD-2.x-like. Pad id 0 ("!"), v-prediction (DDIM config), GELU CLIP, linear
  projections, head counts per level (2/4/8) so the head width is constant (8, like SD-2.x's 64).
- "lcm-tiny": LCM-SD-1.5-like. sd1-tiny's shape plus `time_cond_proj_dim` 256 and an LCM
  scheduler config.

Every UNet has three levels (latent 16x16, image 128x128): cross-attention at 16, 8 (down),
4 (mid), 8 and 16 (up): 7 attn2 sites. The tokenizer is CLIP's real 49408-token BPE (clip_vocab).
A tiny TAESD (AutoencoderTiny) folder is available for previews (`tiny_taesd_folder`).

Stable API (D2's references build on it): TINY_MODEL_NAMES, build_tiny_pipeline(name),
tiny_model_folder(name, root=None), tiny_taesd_folder(root=None), build_tiny_taesd().
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import torch
from diffusers import (AutoencoderKL, AutoencoderTiny, DDIMScheduler, LCMScheduler,
                       PNDMScheduler, StableDiffusionPipeline, UNet2DConditionModel)
from transformers import CLIPTextConfig, CLIPTextModel, CLIPTokenizer

from .clip_vocab import write_clip_vocab_files

TINY_MODEL_NAMES = ("sd1-tiny", "sd2-tiny", "lcm-tiny")
# Bump when a configuration below changes: cached folders are keyed by it.
TINY_MODELS_VERSION = "1"
LATENT_SIZE = 16          # image 128x128
TEXT_HIDDEN = 32          # CLIP width = UNet cross_attention_dim
SEEDS = {"sd1-tiny": 1001, "sd2-tiny": 2002, "lcm-tiny": 3003, "taesd": 4004}

_SD_BETAS = dict(num_train_timesteps=1000, beta_start=0.00085, beta_end=0.012,
                 beta_schedule="scaled_linear")


def _unet_config(name: str) -> dict:
    common = dict(
        sample_size=LATENT_SIZE, in_channels=4, out_channels=4, layers_per_block=1,
        block_out_channels=(16, 32, 64), norm_num_groups=8,
        down_block_types=("CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D"),
        up_block_types=("UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D"),
        cross_attention_dim=TEXT_HIDDEN,
    )
    if name == "sd2-tiny":
        # diffusers' "attention_head_dim" is the head COUNT for SD configs; per level here.
        return dict(common, attention_head_dim=(2, 4, 8), use_linear_projection=True)
    if name == "lcm-tiny":
        return dict(common, attention_head_dim=4, time_cond_proj_dim=256)
    return dict(common, attention_head_dim=4)


def _text_config(name: str) -> CLIPTextConfig:
    sd2 = name == "sd2-tiny"
    return CLIPTextConfig(
        vocab_size=49408, hidden_size=TEXT_HIDDEN, intermediate_size=64, num_hidden_layers=2,
        num_attention_heads=4, max_position_embeddings=77,
        hidden_act="gelu" if sd2 else "quick_gelu",
        # SD-2.x text configs name pad 1 / bos 0 / eos 2 though ids come from the tokenizer.
        pad_token_id=1, bos_token_id=49406 if not sd2 else 0, eos_token_id=49407 if not sd2 else 2,
        projection_dim=TEXT_HIDDEN)


def _vae() -> AutoencoderKL:
    return AutoencoderKL(
        in_channels=3, out_channels=3, latent_channels=4, sample_size=LATENT_SIZE * 8,
        block_out_channels=(8, 16, 16, 16), layers_per_block=1, norm_num_groups=8,
        down_block_types=("DownEncoderBlock2D",) * 4, up_block_types=("UpDecoderBlock2D",) * 4,
        scaling_factor=0.18215)


def _scheduler(name: str):
    if name == "sd2-tiny":  # SD-2.1 (768) style
        return DDIMScheduler(**_SD_BETAS, prediction_type="v_prediction", clip_sample=False,
                             set_alpha_to_one=False, steps_offset=1, timestep_spacing="leading")
    if name == "lcm-tiny":  # LCM-distilled SD-1.5 style
        return LCMScheduler(**_SD_BETAS, prediction_type="epsilon", clip_sample=False,
                            set_alpha_to_one=True, steps_offset=1, timestep_spacing="leading",
                            original_inference_steps=50, timestep_scaling=10.0)
    return PNDMScheduler(**_SD_BETAS, prediction_type="epsilon", skip_prk_steps=True,
                         set_alpha_to_one=False, steps_offset=1)


def _tokenizer(name: str, vocab_dir: Path) -> CLIPTokenizer:
    pad = "!" if name == "sd2-tiny" else "<|endoftext|>"
    return CLIPTokenizer(str(vocab_dir / "vocab.json"), str(vocab_dir / "merges.txt"),
                         pad_token=pad, model_max_length=77)


def _check_name(name: str) -> None:
    if name not in TINY_MODEL_NAMES:
        raise ValueError(f"unknown tiny model {name!r}; known: {', '.join(TINY_MODEL_NAMES)}")


def build_tiny_pipeline(name: str) -> StableDiffusionPipeline:
    """The in-memory random-weight pipeline (eval mode, float32). Same weights on every call."""
    _check_name(name)
    seed = SEEDS[name]
    torch.manual_seed(seed)
    unet = UNet2DConditionModel(**_unet_config(name))
    torch.manual_seed(seed + 1)
    vae = _vae()
    torch.manual_seed(seed + 2)
    text_encoder = CLIPTextModel(_text_config(name))
    with tempfile.TemporaryDirectory() as vocab_dir:
        write_clip_vocab_files(Path(vocab_dir))
        tokenizer = _tokenizer(name, Path(vocab_dir))
    pipe = StableDiffusionPipeline(vae=vae, text_encoder=text_encoder, tokenizer=tokenizer,
                                   unet=unet, scheduler=_scheduler(name), safety_checker=None,
                                   feature_extractor=None, requires_safety_checker=False)
    for module in (unet, vae, text_encoder):
        module.eval()
    return pipe


def build_tiny_taesd() -> AutoencoderTiny:
    torch.manual_seed(SEEDS["taesd"])
    return AutoencoderTiny(encoder_block_out_channels=(8, 8, 8, 8),
                           decoder_block_out_channels=(8, 8, 8, 8),
                           num_encoder_blocks=(1, 1, 1, 1), num_decoder_blocks=(1, 1, 1, 1),
                           latent_channels=4).eval()


def default_root() -> Path:
    return Path(os.environ.get("SDEXPORT_CACHE", Path(tempfile.gettempdir()) / "sdexport-tiny"))


def _cached(folder: Path, build) -> Path:
    """Builds into a sibling temp folder and renames, so a half-written folder is never used."""
    if (folder / ".complete").is_file():
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=folder.name + ".", dir=folder.parent))
    build(staging)
    (staging / ".complete").write_text(TINY_MODELS_VERSION)
    if folder.exists():
        shutil.rmtree(folder)
    staging.rename(folder)
    return folder


def tiny_model_folder(name: str, root: Path | None = None) -> Path:
    """A saved diffusers model folder of the named tiny model (built once, then cached)."""
    _check_name(name)
    folder = Path(root or default_root()) / f"{name}-v{TINY_MODELS_VERSION}"
    return _cached(folder, lambda out: build_tiny_pipeline(name).save_pretrained(
        out, safe_serialization=True))


def tiny_taesd_folder(root: Path | None = None) -> Path:
    folder = Path(root or default_root()) / f"taesd-tiny-v{TINY_MODELS_VERSION}"
    return _cached(folder, lambda out: build_tiny_taesd().save_pretrained(
        out, safe_serialization=True))


if __name__ == "__main__":
    for model_name in TINY_MODEL_NAMES:
        path = tiny_model_folder(model_name)
        print(model_name, path, json.loads((path / "model_index.json").read_text())["_class_name"])
    print("taesd", tiny_taesd_folder())
