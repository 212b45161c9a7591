"""Turn scenes into model inputs: tokens per segment, masks per site resolution, attention biases.

Per scene the segments are [caption, blob 1..N] padded to 1 + max_blobs slots; the keys of a
scene are all slots' tokens flattened (slot-major). Key weight w = token valid × (1 for the
caption, blob mask at the pixel for a blob); bias = log w (-inf where w = 0).
"""
import numpy as np
import torch

from .masks import rasterize_blob_masks

RESOLUTIONS = (32, 16, 8)


class Conditioner:
    def __init__(self, tokenizer, max_blobs=6, mask_mode="coverage"):
        self.tok = tokenizer
        self.max_blobs = max_blobs
        self.mask_mode = mask_mode
        self._cache = {}

    def encode(self, text):
        if text not in self._cache:
            self._cache[text] = self.tok.encode(text)
        return self._cache[text]

    def scene_arrays(self, scene, drop=False):
        """numpy arrays for one scene; drop=True gives the unconditional input (empty caption, no blobs)."""
        slots = 1 + self.max_blobs
        L = self.tok.max_tokens
        ids = np.zeros((slots, L), np.int64)
        att = np.zeros((slots, L), np.int64)
        params = np.zeros((slots, 5), np.float32)
        kind = np.zeros((slots,), np.float32)
        blobs = [] if drop else scene["blobs"]
        ids[0], att[0] = self.encode("" if drop else scene["caption"])
        for i, b in enumerate(blobs):
            ids[i + 1], att[i + 1] = self.encode(b["text"])
            params[i + 1] = b["params"]
            kind[i + 1] = 1
        seg_valid = np.zeros(slots, np.float32)
        seg_valid[: 1 + len(blobs)] = 1
        masks = {}
        for r in RESOLUTIONS:
            m = np.zeros((slots, r * r), np.float32)
            m[0] = 1
            if blobs:
                m[1 : 1 + len(blobs)] = rasterize_blob_masks([b["params"] for b in blobs], r, r, self.mask_mode).reshape(len(blobs), -1)
            masks[r] = m
        return dict(ids=ids, att=att, params=params, kind=kind, seg_valid=seg_valid, masks=masks)

    @staticmethod
    def collate(items):
        out = {k: torch.from_numpy(np.stack([it[k] for it in items])) for k in ("ids", "att", "params", "kind", "seg_valid")}
        for r in RESOLUTIONS:
            out[f"mask{r}"] = torch.from_numpy(np.stack([it["masks"][r] for it in items]))
        return out


def encode_batch(text_encoder, batch):
    """Conditioning tokens [B, slots*L, D] for a collated batch."""
    b, s, l = batch["ids"].shape
    # only real segments go through the encoder; empty slots are never attended (bias -inf)
    idx = torch.nonzero(batch["seg_valid"].reshape(-1) > 0)[:, 0]
    enc = text_encoder(batch["ids"].reshape(b * s, l)[idx], batch["att"].reshape(b * s, l)[idx],
                       batch["params"].reshape(b * s, 5)[idx], batch["kind"].reshape(b * s)[idx])
    cond = enc.new_zeros(b * s, l, enc.shape[-1]).index_copy(0, idx, enc)
    return cond.reshape(b, s * l, -1)


def biases(batch, unmasked=False):
    """Additive attention bias per resolution: float[B, HW, slots*L]. unmasked=True makes
    every blob visible everywhere (the paper's ablation)."""
    b, s, l = batch["ids"].shape
    tok_valid = batch["att"].float() * batch["seg_valid"][:, :, None]  # [B, S, L]
    out = []
    for r in RESOLUTIONS:
        m = batch[f"mask{r}"]  # [B, S, HW]
        if unmasked:
            m = torch.ones_like(m)
        w = m.transpose(1, 2)[:, :, :, None] * tok_valid[:, None]  # [B, HW, S, L]
        out.append(torch.log(w.reshape(b, r * r, s * l)))
    return out
