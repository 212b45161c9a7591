"""Inputs in the browser's layout (contracts.md §3-§4) for one layout: segments
[unconditional "", caption, blob 1..N], masks per site resolution, CFG batch entries."""
import numpy as np

from .masks import rasterize_blob_masks


def layout_segments(tokenizer, caption, blobs):
    """blobs: list of dicts with params (cx, cy, a, b, theta) and text."""
    texts = ["", caption] + [b["text"] for b in blobs]
    enc = [tokenizer.encode(t) for t in texts]
    ids = np.stack([e[0] for e in enc])
    att = np.stack([e[1] for e in enc]).astype(np.float32)
    params = np.zeros((len(texts), 5), np.float32)
    kind = np.zeros((len(texts),), np.float32)
    for i, b in enumerate(blobs):
        params[2 + i] = b["params"]
        kind[2 + i] = 1
    return dict(input_ids=ids, attention_mask=att, blob_params=params, segment_kind=kind)


def cfg_entries(n_blobs):
    """Batch item 0: unconditional (segment 0); item 1: caption (segment 1) + blob i (segment 2+i, mask i)."""
    return [[(0, -1)], [(1, -1)] + [(2 + i, i) for i in range(n_blobs)]]


def site_masks(blobs, resolutions, mode="coverage", feather_width=0.02):
    return {r: rasterize_blob_masks([b["params"] for b in blobs], r, r, mode, feather_width) for r in resolutions}


def torch_keys(cond, token_count, entries, masks_by_res, max_tokens):
    """The same keys in the training layout: per item its entries' token slots, flattened, with
    an additive bias per resolution (log w, -inf for excluded/padding keys)."""
    import torch

    b = len(entries)
    n = max(len(e) for e in entries) * max_tokens
    keys = torch.zeros(b, n, cond.shape[-1])
    bias = {r: torch.full((b, r * r, n), float("-inf")) for r in masks_by_res}
    for i, ent in enumerate(entries):
        for j, (s, m) in enumerate(ent):
            sl = slice(j * max_tokens, j * max_tokens + int(token_count[s]))
            keys[i, j * max_tokens:(j + 1) * max_tokens] = torch.as_tensor(cond[s])
            for r, masks in masks_by_res.items():
                w = torch.ones(r * r) if m < 0 else torch.as_tensor(masks[m].reshape(-1))
                bias[r][i, :, sl] = torch.log(w)[:, None]
    return keys, bias
