"""GPU memory a training-free pack needs, computed from its manifest alone (docs/model-pack.md).

The engine keeps every graph's weights resident, the prelude's K/V for all S texts, and the UNet
pool: a pool tensor lives from the segment (or attention site) that writes it to the last segment
that reads it. The peak is the largest set alive while one segment runs (its inputs, its outputs
and everything carried past it). ORT's scratch memory inside a segment is not in the manifest; the
largest such tensor in an SD UNet is self-attention's score matrix, estimated separately.
"""
from __future__ import annotations

import math

FLOAT32 = 4


def _bytes(shape, batch: int, texts: int) -> int:
    dims = [batch if d == "B" else texts if d == "S" else d for d in shape]
    return math.prod(dims) * FLOAT32


def weight_bytes(manifest: dict, variant: str) -> int:
    roles = {"text-encoder", "prelude", "unet-segment", "decoder"}
    fp16 = variant == "fp16"
    return sum(f["bytes"] for f in manifest["files"]
               if (f.get("role") in roles or f.get("role") == "external-data")
               and (".fp16." in f["path"]) == fp16)


def kv_bytes(manifest: dict, texts: int) -> int:
    shapes = manifest["unet"]["poolShapes"]
    return sum(_bytes(shapes[n], 1, texts) for n in manifest["prelude"]["outputs"])


def pool_peak(manifest: dict, batch: int) -> tuple[int, str]:
    """(peak bytes of live pool tensors, where it happens). Segment s runs at time 2s, site s's
    kernel at 2s+1; a tensor lives from the time it is written to the last time it is read."""
    unet, shapes = manifest["unet"], manifest["unet"]["poolShapes"]
    segments, sites = unet["segments"], unet["sites"]
    born = {unet["sampleInput"]: 0, unet["timestepInput"]: 0}
    if "timestepCondInput" in unet:
        born[unet["timestepCondInput"]] = 0
    dies = dict(born)
    for s, seg in enumerate(segments):
        for name in seg["inputs"]:
            dies[name] = max(dies.get(name, 0), 2 * s)
        for name in seg["outputs"]:
            born[name] = 2 * s
            dies.setdefault(name, 2 * s)
    for s, site in enumerate(sites):
        dies[site["query"]] = max(dies[site["query"]], 2 * s + 1)
        born[site["output"]] = 2 * s + 1
    dies[unet["output"]] = 2 * (len(segments) - 1)
    peak, where = 0, ""
    for t in range(2 * len(segments) - 1):
        size = sum(_bytes(shapes[n], batch, 0) for n in born if born[n] <= t <= dies[n])
        if size > peak:
            peak, where = size, (f"segment {t // 2}" if t % 2 == 0 else f"site {t // 2} kernel")
    return peak, where


def self_attention_scores_bytes(manifest: dict, batch: int, dtype_bytes: int = FLOAT32) -> int:
    """attn1's B x heads x HW x HW scores at the largest site (inside a segment graph)."""
    return max(batch * s["heads"] * (s["resolution"][0] * s["resolution"][1]) ** 2 * dtype_bytes
               for s in manifest["unet"]["sites"])


def report(manifest: dict, variant: str, blobs: int) -> dict:
    cfg = manifest["conditioning"]["classifierFreeGuidance"]
    batch = 2 if cfg else 1
    texts = (2 if cfg else 1) + blobs
    weights = weight_bytes(manifest, variant)
    kv = kv_bytes(manifest, texts)
    pool, where = pool_peak(manifest, batch)
    scores = self_attention_scores_bytes(manifest, batch, 2 if variant == "fp16" else 4)
    return {"variant": variant, "blobs": blobs, "batch": batch, "texts": texts,
            "weightsBytes": weights, "kvBytes": kv, "kvBytesPerText": kv // texts,
            "poolPeakBytes": pool, "poolPeakSegment": where,
            "totalBytes": weights + kv + pool, "selfAttentionScoresBytes": scores}
