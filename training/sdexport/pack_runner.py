"""Runs an exported training-free pack with onnxruntime (CPU) and a numpy attention core.

The attention here is plain softmax attention of each batch item over ONE text segment
(no blobs): exactly SD's cross-attention, used to check the cut graphs against diffusers.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import onnxruntime as ort


def softmax_attention_np(q: np.ndarray, k: np.ndarray, v: np.ndarray, heads: int) -> np.ndarray:
    """q [B,N,H*d], k/v [B,L,H*d] -> [B,N,H*d] (float64 inside)."""
    b, n, inner = q.shape
    d = inner // heads
    qh = q.reshape(b, n, heads, d).transpose(0, 2, 1, 3).astype(np.float64)
    kh = k.reshape(k.shape[0], -1, heads, d).transpose(0, 2, 1, 3).astype(np.float64)
    vh = v.reshape(v.shape[0], -1, heads, d).transpose(0, 2, 1, 3).astype(np.float64)
    logits = qh @ kh.transpose(0, 1, 3, 2) / np.sqrt(d)
    logits -= logits.max(-1, keepdims=True)
    w = np.exp(logits)
    w /= w.sum(-1, keepdims=True)
    return (w @ vh).transpose(0, 2, 1, 3).reshape(b, n, inner).astype(np.float32)


class PackRunner:
    def __init__(self, pack: Path, variant: str = "fp32"):
        self.pack = Path(pack)
        self.manifest = json.loads((self.pack / "manifest.json").read_text())
        self.variant = variant
        self._sessions: dict[str, ort.InferenceSession] = {}

    def file_of(self, entry: dict) -> str:
        if self.variant == self.manifest["precision"]["default"]:
            return entry["file"]
        return entry["variants"][self.variant]

    def session(self, entry: dict) -> ort.InferenceSession:
        name = self.file_of(entry)
        if name not in self._sessions:
            options = ort.SessionOptions()
            options.log_severity_level = 3
            self._sessions[name] = ort.InferenceSession(str(self.pack / name), options,
                                                        providers=["CPUExecutionProvider"])
        return self._sessions[name]

    def encode(self, input_ids: np.ndarray) -> np.ndarray:
        te = self.manifest["textEncoder"]
        return self.session(te).run([te["output"]], {te["inputs"]["inputIds"]: input_ids.astype(np.int64)})[0]

    def prelude(self, cond: np.ndarray) -> dict[str, np.ndarray]:
        p = self.manifest["prelude"]
        outs = self.session(p).run(p["outputs"], {p["input"]: cond.astype(np.float32)})
        return dict(zip(p["outputs"], outs))

    def unet(self, sample: np.ndarray, timestep: np.ndarray, kv: dict[str, np.ndarray],
             timestep_cond: np.ndarray | None = None, keep: dict | None = None) -> np.ndarray:
        """kv: prelude outputs with the same batch as sample (one segment per batch item)."""
        u = self.manifest["unet"]
        pool = {u["sampleInput"]: sample.astype(np.float32), u["timestepInput"]: timestep.astype(np.float32)}
        if "timestepCondInput" in u:
            pool[u["timestepCondInput"]] = timestep_cond.astype(np.float32)
        for s, segment in enumerate(u["segments"]):
            outs = self.session(segment).run(segment["outputs"], {n: pool[n] for n in segment["inputs"]})
            pool.update(zip(segment["outputs"], outs))
            if s < len(u["sites"]):
                site = u["sites"][s]
                pool[site["output"]] = softmax_attention_np(pool[site["query"]], kv[site["key"]],
                                                            kv[site["value"]], site["heads"])
        if keep is not None:
            keep.update(pool)
        return pool[u["output"]]

    def decode(self, latent: np.ndarray, preview: bool = False) -> np.ndarray:
        d = self.manifest["previewDecoder" if preview else "decoder"]
        return self.session(d).run([d["output"]], {d["input"]: latent.astype(np.float32)})[0]
