"""Exports the pack's graphs from diffusers/transformers modules with torch.onnx (opset 17).

- text encoder: int64 input_ids[S,77] -> cond float32[S,77,D] (CLIP last_hidden_state, after the
  final layer norm, as diffusers' pipelines use it);
- UNet: one graph with an `AttentionCore` marker per attn2 site, cut by graph_cut into the K/V
  prelude and K+1 segments;
- decoders: latent (already divided by the VAE scale) float32[B,4,h,w] -> RGBA float32[B,H,W,4]
  in [0,1] (diffusers' VaeImageProcessor: x/2 + 0.5 clamped; alpha 1).
"""
from __future__ import annotations

import math
import warnings
import tempfile
from dataclasses import dataclass
from pathlib import Path

import onnx
import torch

from .attention_marker import MARKER_DOMAIN, SiteInfo, UnsupportedModelError, install_cut_points
from .graph_cut import CutResult, cut_unet_graph

OPSET = 17
TEXT_TOKENS = 77


def _export(module: torch.nn.Module, args: tuple, input_names, output_names, dynamic_axes,
            **extra) -> onnx.ModelProto:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.onnx"
        with torch.no_grad(), warnings.catch_warnings():
            # Tracer warnings name Python branches on shapes; the tests check the outputs.
            warnings.simplefilter("ignore")
            torch.onnx.export(module, args, str(path), input_names=input_names,
                              output_names=output_names, dynamic_axes=dynamic_axes,
                              opset_version=OPSET, do_constant_folding=True, **extra)
        return onnx.load(str(path))  # loads external data too (graphs over 2 GB)


class _TextEncoder(torch.nn.Module):
    def __init__(self, text_encoder):
        super().__init__()
        self.text_encoder = text_encoder

    def forward(self, input_ids):
        return self.text_encoder(input_ids, return_dict=False)[0]


def export_text_encoder(text_encoder) -> onnx.ModelProto:
    ids = torch.full((2, TEXT_TOKENS), 49407, dtype=torch.int64)
    ids[:, 0] = 49406
    return _export(_TextEncoder(text_encoder), (ids,), ["input_ids"], ["cond"],
                   {"input_ids": {0: "S"}, "cond": {0: "S"}})


class _RgbaDecoder(torch.nn.Module):
    """decode(latent * pre_scale) -> RGBA NHWC in [0, 1]."""

    def __init__(self, decoder, pre_scale: float):
        super().__init__()
        self.decoder = decoder
        self.pre_scale = pre_scale

    def forward(self, latent):
        rgb = self.decoder.decode(latent * self.pre_scale, return_dict=False)[0]
        rgb = (rgb / 2 + 0.5).clamp(0, 1).permute(0, 2, 3, 1)
        alpha = torch.ones_like(rgb[..., :1])
        return torch.cat([rgb, alpha], dim=-1)


def export_decoder(decoder, latent_shape, pre_scale: float = 1.0) -> onnx.ModelProto:
    latent = torch.randn(1, *latent_shape)
    return _export(_RgbaDecoder(decoder, pre_scale), (latent,), ["latent"], ["image"],
                   {"latent": {0: "B"}, "image": {0: "B"}})


class _UNet(torch.nn.Module):
    def __init__(self, unet, with_cond: bool):
        super().__init__()
        self.unet = unet
        self.with_cond = with_cond

    def forward(self, sample, timestep, cond, timestep_cond=None):
        return self.unet(sample, timestep, encoder_hidden_states=cond,
                         timestep_cond=timestep_cond, return_dict=False)[0]


@dataclass
class UNetExport:
    cut: CutResult
    sites: list[dict]
    step_inputs: list[str]
    timestep_cond_dim: int | None
    marked: onnx.ModelProto | None = None  # the uncut marker graph, kept only when asked (benchmark)


def _resolution(tokens: int, latent_hw: tuple[int, int], where: str) -> list[int]:
    h, w = latent_hw
    factor = math.sqrt(h * w / tokens)
    rh, rw = round(h / factor), round(w / factor)
    if rh * rw != tokens:
        raise UnsupportedModelError(f"{where}: {tokens} query tokens is no downscaled {h}x{w} grid")
    return [rh, rw]


def export_unet(unet, latent_shape, keep_marked: bool = False) -> UNetExport:
    """Exports the UNet with markers and cuts it (the processors are restored afterwards).
    `keep_marked` also returns the uncut graph (for the benchmark-only monolithic UNet)."""
    original = dict(unet.attn_processors)
    try:
        sites = install_cut_points(unet)
        c, h, w = latent_shape
        sample = torch.randn(2, c, h, w)
        timestep = torch.tensor([999.0, 999.0])
        cond = torch.randn(2, TEXT_TOKENS, unet.config.cross_attention_dim)
        time_cond_dim = unet.config.time_cond_proj_dim
        names = ["sample", "timestep", "cond"]
        args = (sample, timestep, cond)
        axes = {"sample": {0: "B"}, "timestep": {0: "B"}, "cond": {0: "B"},
                "model_output": {0: "B"}}
        if time_cond_dim:
            names.append("timestep_cond")
            args = args + (torch.randn(2, time_cond_dim),)
            axes["timestep_cond"] = {0: "B"}
        model = _export(_UNet(unet, bool(time_cond_dim)), args, names, ["model_output"], axes,
                        custom_opsets={MARKER_DOMAIN: 1})
    finally:
        unet.set_attn_processor(original)
    step_inputs = [n for n in names if n != "cond"]
    cut = cut_unet_graph(model, step_inputs, "cond",
                         example_shapes={n: list(a.shape) for n, a in zip(names, args)})
    site_meta = [_site_meta(s, (h, w)) for s in sites]
    return UNetExport(cut, site_meta, step_inputs, time_cond_dim, model if keep_marked else None)


def _site_meta(site: SiteInfo, latent_hw) -> dict:
    return {"index": site.index, "module": site.module, "segmentBefore": site.index,
            "segmentAfter": site.index + 1,
            "resolution": _resolution(int(site.query_tokens), latent_hw, site.module),
            "heads": site.heads, "headDim": site.head_dim, "keyInputDim": int(site.key_input_dim),
            "query": f"site{site.index}_q", "output": f"site{site.index}_attn",
            "key": f"site{site.index}_k", "value": f"site{site.index}_v"}
