"""Blob mask rasterisation: the exact definition of docs/contracts.md §1-§2.

The WGSL kernel implements the same function; masks.json goldens written by export.py
are the cross-language test vectors. Everything is float32 so that both sides round alike.
"""
import numpy as np

MODES = ("coverage", "hard", "feather")


def _sample_grid(h, w):
    """The 16 sample points per cell: x = (c + (i+0.5)/4)/w, y = (r + (j+0.5)/4)/h."""
    off = (np.arange(4, dtype=np.float32) + np.float32(0.5)) / np.float32(4)
    c = np.arange(w, dtype=np.float32)
    r = np.arange(h, dtype=np.float32)
    xs = (c[:, None] + off[None, :]) / np.float32(w)  # [w, 4] (column, i)
    ys = (r[:, None] + off[None, :]) / np.float32(h)  # [h, 4] (row, j)
    # broadcast to [h, w, 4(j), 4(i)]
    x = np.broadcast_to(xs[None, :, None, :], (h, w, 4, 4)).astype(np.float32)
    y = np.broadcast_to(ys[:, None, :, None], (h, w, 4, 4)).astype(np.float32)
    return x, y


def rho2(blob, x, y):
    """Squared normalised ellipse radius ρ² at points (x, y), float32."""
    cx, cy, a, b, th = (np.float32(v) for v in blob)
    ct, st = np.float32(np.cos(th)), np.float32(np.sin(th))
    dx = x - cx
    dy = y - cy
    pu = dx * ct + dy * st
    pv = -dx * st + dy * ct
    return (pu * pu) / (a * a) + (pv * pv) / (b * b)


def _valid(blob):
    return all(np.isfinite(v) for v in blob) and blob[2] > 0 and blob[3] > 0


def rasterize_blob_masks(blobs, h, w, mode="coverage", feather_width=0.02):
    """float32[nBlobs, h, w] masks for blobs given as (cx, cy, a, b, theta) tuples."""
    if mode not in MODES:
        raise ValueError(f"mask mode must be one of {MODES}, got {mode!r}")
    x, y = _sample_grid(h, w)
    out = np.zeros((len(blobs), h, w), dtype=np.float32)
    for k, blob in enumerate(blobs):
        if not _valid(blob):
            continue
        r2 = rho2(blob, x, y)
        if mode == "feather":
            if not feather_width > 0:
                raise ValueError("feather mode needs featherWidth > 0")
            s = np.float32(min(blob[2], blob[3])) / np.float32(feather_width)
            v = np.clip(np.float32(0.5) + (np.float32(1) - np.sqrt(r2)) * s, 0, 1).astype(np.float32)
            out[k] = v.mean(axis=(2, 3), dtype=np.float32)
        else:
            count = (r2 <= 1).sum(axis=(2, 3))
            if mode == "coverage":
                out[k] = count.astype(np.float32) / np.float32(16)
            else:
                out[k] = (count >= 8).astype(np.float32)
    return out
