"""Exports a diffusers Stable-Diffusion model folder to a training-free model pack.

Layout of the pack folder (flat; docs/model-pack.md, "Training-free packs"):
  manifest.json, tokenizer.json, text_encoder.onnx, prelude.onnx, unet_segment{00..K}.onnx,
  vae_decoder.onnx, [taesd_decoder.onnx], and `<graph>.fp16.onnx` for the fp16 variant;
  a graph over 2 GB keeps its weights in `<graph>.onnx.data` (ONNX external data).
"""
from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import diffusers
import onnx
import torch
import transformers

from .graphs import TEXT_TOKENS, export_decoder, export_text_encoder, export_unet
from .model_folder import load_model_folder, load_taesd
from .monolithic import monolithic_unet
from .pack_files import file_entry, save_graph, to_fp16
from .scheduler_settings import scheduler_settings

VARIANTS = ("fp32", "fp16")
MAX_BLOBS = 16


def _latent_shape(unet, vae) -> list[int]:
    size = unet.config.sample_size
    h, w = (size, size) if isinstance(size, int) else size
    return [int(unet.config.in_channels), int(h), int(w)]


def write_tokenizer(tokenizer, path: Path) -> dict:
    backend = tokenizer.backend_tokenizer
    backend.no_padding()
    backend.no_truncation()
    backend.save(str(path))
    return {"file": path.name, "kind": "clip-bpe", "maxTokensPerSegment": TEXT_TOKENS,
            "bosTokenId": int(tokenizer.bos_token_id), "eosTokenId": int(tokenizer.eos_token_id),
            "padTokenId": int(tokenizer.pad_token_id)}


def export_pack(model_folder: Path, out: Path, variants=("fp32",), taesd_folder: Path | None = None,
                name: str | None = None, license_id: str = "unspecified",
                description: str | None = None, log=print, benchmark_monolithic: bool = False) -> dict:
    """Writes the pack into `out` (created; existing pack files are replaced). Returns the manifest.
    `benchmark_monolithic` also writes `unet_monolithic.onnx` (fp32, role "benchmark": plain
    attention with additive biases, for bench/; the runtime never downloads it)."""
    variants = tuple(v for v in VARIANTS if v in variants)
    if not variants:
        raise ValueError("choose at least one variant: fp32, fp16")
    started = time.time()
    model = load_model_folder(Path(model_folder))
    taesd = load_taesd(taesd_folder) if taesd_folder else None
    scheduler, cfg = scheduler_settings(model.scheduler_config,
                                        f"{model_folder}/scheduler/scheduler_config.json")
    out = Path(out)
    if out.exists():
        for old in list(out.glob("*.onnx")) + list(out.glob("*.onnx.data")) + [out / "manifest.json"]:
            if old.exists():
                old.unlink()
    out.mkdir(parents=True, exist_ok=True)
    latent_shape = _latent_shape(model.unet, model.vae)
    vae_factor = 2 ** (len(model.vae.config.block_out_channels) - 1)
    timings = {}

    def timed(label, fn):
        t0 = time.time()
        result = fn()
        timings[label] = round(time.time() - t0, 2)
        log(f"  {label}: {timings[label]} s")
        return result

    files = []
    tokenizer_block = write_tokenizer(model.tokenizer, out / "tokenizer.json")
    files.append(file_entry(out, out / "tokenizer.json", "tokenizer"))

    graphs: list[tuple[str, onnx.ModelProto, str, dict]] = []  # (stem, model, role, entry)
    with torch.no_grad():
        text = timed("text encoder export", lambda: export_text_encoder(model.text_encoder))
        unet = timed("UNet export + cut", lambda: export_unet(model.unet, latent_shape,
                                                                       keep_marked=benchmark_monolithic))
        vae = timed("VAE decoder export", lambda: export_decoder(model.vae, latent_shape))
        tiny = (timed("TAESD decoder export", lambda: export_decoder(
            taesd, latent_shape, pre_scale=model.vae.config.scaling_factor / taesd.config.scaling_factor))
            if taesd is not None else None)

    text_entry = {"inputs": {"inputIds": "input_ids"}, "inputTypes": {"input_ids": f"int64[S,{TEXT_TOKENS}]"},
                  "output": "cond",
                  "outputShape": ["S", TEXT_TOKENS, int(model.text_encoder.config.hidden_size)]}
    graphs.append(("text_encoder", text, "text-encoder", text_entry))
    prelude_entry = {"input": "cond", "outputs": unet.cut.prelude.outputs}
    graphs.append(("prelude", unet.cut.prelude.model, "prelude", prelude_entry))
    segment_entries = []
    for s, seg in enumerate(unet.cut.segments):
        entry = {"inputs": seg.inputs, "outputs": seg.outputs}
        segment_entries.append(entry)
        graphs.append((f"unet_segment{s:02d}", seg.model, "unet-segment", entry))
    decoder_entry = {"input": "latent", "output": "image", "outputLayout": "NHWC",
                     "outputChannels": "RGBA", "outputRange": [0, 1]}
    graphs.append(("vae_decoder", vae, "decoder", decoder_entry))
    preview_entry = None
    if tiny is not None:
        preview_entry = {"input": "latent", "output": "image", "outputLayout": "NHWC",
                         "outputChannels": "RGBA", "outputRange": [0, 1]}
        graphs.append(("taesd_decoder", tiny, "preview-decoder", preview_entry))

    def write_all():
        for stem, graph, role, entry in graphs:
            for variant in variants:
                suffix = ".onnx" if variant == "fp32" else ".fp16.onnx"
                g = graph if variant == "fp32" else to_fp16(graph)
                written = save_graph(g, out / f"{stem}{suffix}")
                files.append(file_entry(out, written[0], role))
                for extra in written[1:]:
                    files.append(file_entry(out, extra, "external-data"))
                primary = variant == variants[0]
                if primary:
                    entry["file"] = written[0].name
                    if len(written) > 1:
                        entry["externalData"] = [p.name for p in written[1:]]
                else:
                    entry.setdefault("variants", {})[variant] = written[0].name
                    if len(written) > 1:
                        entry.setdefault("variantExternalData", {})[variant] = [p.name for p in written[1:]]

    timed("write graphs" + (" + fp16 conversion" if "fp16" in variants else ""), write_all)
    monolithic_entry = None
    if benchmark_monolithic:
        def write_monolithic():
            graph, entry = monolithic_unet(unet.marked, unet.sites)
            written = save_graph(graph, out / "unet_monolithic.onnx")
            files.append(file_entry(out, written[0], "benchmark"))
            for extra in written[1:]:
                files.append(file_entry(out, extra, "external-data"))
            return {"file": written[0].name, **entry}
        monolithic_entry = timed("monolithic benchmark UNet", write_monolithic)
        unet.marked = None

    unet_block = {"sampleInput": "sample", "timestepInput": "timestep", "output": "model_output",
                  "segments": [_ordered(e, ("file", "variants", "externalData", "variantExternalData",
                                            "inputs", "outputs")) for e in segment_entries],
                  "sites": unet.sites,
                  # informative: each pool tensor's shape, batch first ("B"), K/V per text ("S")
                  "poolShapes": {n: [("S" if n in unet.cut.prelude.outputs else "B"), *d[1:]]
                                 for n, d in unet.cut.pool_shapes.items() if n != "cond"}}
    if monolithic_entry is not None:
        unet_block["monolithic"] = monolithic_entry
    if unet.timestep_cond_dim:
        unet_block.update(timestepCondInput="timestep_cond", timestepCondDim=int(unet.timestep_cond_dim))
    c, h, w = latent_shape
    manifest = {
        "schemaVersion": 1,
        "name": name or Path(model_folder).name,
        "version": "1.0.0",
        "license": license_id,
        "description": description or f"{model.pipeline_class} exported from {Path(model_folder).name} "
                                      "for training-free blob conditioning",
        "image": {"width": w * vae_factor, "height": h * vae_factor},
        "latent": {"shape": latent_shape, "scale": float(model.vae.config.scaling_factor),
                   "kind": "vae", "channelOrder": "SD VAE latent channels 0..3"},
        "tokenizer": tokenizer_block,
        "conditioning": {"mode": "training-free", "maskMode": "hard", "featherWidth": None,
                         "maxBlobs": MAX_BLOBS, "unconditionalCaption": "", "negativeCaption": cfg,
                         "classifierFreeGuidance": cfg},
        "textEncoder": _ordered(text_entry, ("file", "variants", "externalData", "variantExternalData")),
        "prelude": _ordered(prelude_entry, ("file", "variants", "externalData", "variantExternalData")),
        **({"previewDecoder": _ordered(preview_entry, ("file", "variants"))} if preview_entry else {}),
        "unet": unet_block,
        "decoder": _ordered(decoder_entry, ("file", "variants", "externalData", "variantExternalData")),
        "scheduler": scheduler,
        "precision": {"default": variants[0],
                      "variants": {v: {"requiresShaderF16": v == "fp16"} for v in variants}},
        "source": {"pipeline": model.pipeline_class, "diffusers": diffusers.__version__,
                   "transformers": transformers.__version__, "torch": torch.__version__,
                   "onnxOpset": 17,
                   "parameters": {"unet": _params(model.unet), "textEncoder": _params(model.text_encoder),
                                  "vaeDecoder": _params(model.vae.decoder) + _params(model.vae.post_quant_conv)}},
        "files": files,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    timings["total"] = round(time.time() - started, 2)
    log(f"  total: {timings['total']} s -> {out}")
    manifest["_timings"] = timings  # not written: for the caller's report
    return manifest


def _params(module) -> int:
    return int(sum(p.numel() for p in module.parameters()))


def _ordered(entry: dict, first: tuple) -> dict:
    """file first, then the rest, so manifests read well."""
    return {**{k: entry[k] for k in first if k in entry}, **{k: v for k, v in entry.items() if k not in first}}


def remove_pack(out: Path) -> None:
    shutil.rmtree(out, ignore_errors=True)
