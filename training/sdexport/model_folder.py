"""Loads a diffusers Stable-Diffusion model folder and rejects what the exporter cannot export.

Every rejection is an `UnsupportedModelError` (or `MissingComponentError`) that names the folder,
the component and the reason, raised before anything is exported.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import torch
from diffusers import AutoencoderKL, AutoencoderTiny, UNet2DConditionModel
from transformers import CLIPTextModel, CLIPTokenizerFast

from .attention_marker import UnsupportedModelError

SUPPORTED_PIPELINES = {"StableDiffusionPipeline", "LatentConsistencyModelPipeline",
                       "StableDiffusionImg2ImgPipeline"}
TEXT_TOKENS = 77


class MissingComponentError(FileNotFoundError):
    """The model folder lacks a component the pack needs (named in the message)."""


@dataclass
class LoadedModel:
    folder: Path
    unet: UNet2DConditionModel
    vae: AutoencoderKL
    text_encoder: CLIPTextModel
    tokenizer: CLIPTokenizerFast
    scheduler_config: dict
    pipeline_class: str


def _read_json(path: Path, what: str) -> dict:
    if not path.is_file():
        raise MissingComponentError(f"{path.parent.parent}: no {what} ({path} is missing)")
    try:
        return json.loads(path.read_text())
    except json.JSONDecodeError as error:
        raise UnsupportedModelError(f"{path}: not valid JSON ({error})") from error


def check_unet_config(config: dict, where: str) -> None:
    problems = []
    if config.get("in_channels") != 4 or config.get("out_channels") != 4:
        problems.append(f"in/out channels {config.get('in_channels')}/{config.get('out_channels')} "
                        "(expected 4/4; inpainting and depth UNets are not supported)")
    for key, meaning in (("addition_embed_type", "SDXL-style added text/time embeddings"),
                         ("class_embed_type", "class embeddings"),
                         ("encoder_hid_dim", "an encoder hidden-state projection"),
                         ("num_class_embeds", "class embeddings")):
        if config.get(key) is not None:
            problems.append(f"{key}={config[key]!r} ({meaning})")
    blocks = list(config.get("down_block_types", [])) + list(config.get("up_block_types", []))
    odd = [b for b in blocks if b not in ("CrossAttnDownBlock2D", "DownBlock2D",
                                          "CrossAttnUpBlock2D", "UpBlock2D")]
    if odd:
        problems.append(f"block types {odd}")
    mid = config.get("mid_block_type", "UNetMidBlock2DCrossAttn")
    if mid not in ("UNetMidBlock2DCrossAttn", None):
        problems.append(f"mid block {mid}")
    if config.get("transformer_layers_per_block", 1) not in (1, [1] * len(config.get("down_block_types", []))):
        problems.append("transformer_layers_per_block != 1 (SDXL layout)")
    if problems:
        raise UnsupportedModelError(f"{where}: this exporter supports SD-1.x/2.x/LCM-style UNets; "
                                    "unsupported: " + "; ".join(problems))


def load_tokenizer(folder: Path) -> CLIPTokenizerFast:
    tok_dir = folder / "tokenizer"
    has_fast = (tok_dir / "tokenizer.json").is_file()
    has_slow = (tok_dir / "vocab.json").is_file() and (tok_dir / "merges.txt").is_file()
    if not (has_fast or has_slow):
        raise MissingComponentError(
            f"{folder}: no tokenizer (expected tokenizer/vocab.json + tokenizer/merges.txt, or "
            "tokenizer/tokenizer.json)")
    tokenizer = CLIPTokenizerFast.from_pretrained(tok_dir)
    if tokenizer.pad_token_id is None or tokenizer.bos_token_id is None or tokenizer.eos_token_id is None:
        raise UnsupportedModelError(f"{tok_dir}: the tokenizer names no pad, BOS or EOS token")
    return tokenizer


def load_model_folder(folder: Path) -> LoadedModel:
    folder = Path(folder)
    if not folder.is_dir():
        raise MissingComponentError(f"{folder}: not a folder")
    index = _read_json(folder / "model_index.json", "model_index.json")
    pipeline_class = index.get("_class_name", "")
    if pipeline_class not in SUPPORTED_PIPELINES:
        raise UnsupportedModelError(
            f"{folder}: pipeline {pipeline_class!r} is not supported (supported: "
            f"{', '.join(sorted(SUPPORTED_PIPELINES))}; SDXL, SD-3 and Flux are not)")
    for component in ("unet", "vae", "text_encoder", "scheduler"):
        if not (folder / component).is_dir():
            raise MissingComponentError(f"{folder}: no {component}/ folder")
    check_unet_config(_read_json(folder / "unet" / "config.json", "unet/config.json"), f"{folder}/unet")
    scheduler_config = _read_json(folder / "scheduler" / "scheduler_config.json",
                                  "scheduler/scheduler_config.json")
    tokenizer = load_tokenizer(folder)
    text_config = _read_json(folder / "text_encoder" / "config.json", "text_encoder/config.json")
    if text_config.get("max_position_embeddings") != TEXT_TOKENS:
        raise UnsupportedModelError(f"{folder}/text_encoder: {text_config.get('max_position_embeddings')} "
                                    f"positions, expected {TEXT_TOKENS}")
    if text_config.get("architectures", ["CLIPTextModel"])[0] not in ("CLIPTextModel",):
        raise UnsupportedModelError(f"{folder}/text_encoder: {text_config['architectures'][0]} is not "
                                    "CLIPTextModel (SD-1.x/2.x text encoders are)")
    kwargs = dict(torch_dtype=torch.float32, low_cpu_mem_usage=False)
    unet = UNet2DConditionModel.from_pretrained(folder / "unet", **kwargs).eval()
    vae = AutoencoderKL.from_pretrained(folder / "vae", **kwargs).eval()
    text_encoder = CLIPTextModel.from_pretrained(folder / "text_encoder", **kwargs).eval()
    if unet.config.cross_attention_dim != text_encoder.config.hidden_size:
        raise UnsupportedModelError(
            f"{folder}: the UNet attends to {unet.config.cross_attention_dim}-wide tokens but the "
            f"text encoder is {text_encoder.config.hidden_size} wide")
    return LoadedModel(folder, unet, vae, text_encoder, tokenizer, scheduler_config, pipeline_class)


def load_taesd(folder: Path) -> AutoencoderTiny:
    folder = Path(folder)
    if not (folder / "config.json").is_file():
        raise MissingComponentError(f"{folder}: no TAESD (AutoencoderTiny) config.json")
    return AutoencoderTiny.from_pretrained(folder, torch_dtype=torch.float32, low_cpu_mem_usage=False).eval()
