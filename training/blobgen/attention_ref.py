"""numpy reference of the browser's masked cross-attention kernel (contracts.md §3)."""
import numpy as np


def masked_cross_attention(q, k, v, token_count, entries, masks, heads):
    """q [B, HW, H·d]; k, v [S, L, H·d]; token_count [S]; entries per item: [(s, mask index | -1)];
    masks [nBlobs, h, w] -> [B, HW, H·d] (before the output projection)."""
    b, hw, c = q.shape
    d = c // heads
    out = np.zeros_like(q, dtype=np.float64)
    flat = masks.reshape(masks.shape[0], -1) if len(masks) else masks
    for n in range(b):
        ks, vs, logw = [], [], []
        for s, m in entries[n]:
            t = int(token_count[s])
            ks.append(k[s, :t])
            vs.append(v[s, :t])
            w = np.ones(hw) if m < 0 else flat[m]
            with np.errstate(divide="ignore"):
                logw.append(np.repeat(np.log(w.astype(np.float64))[:, None], t, 1))
        kk, vv, lw = np.concatenate(ks), np.concatenate(vs), np.concatenate(logw, 1)
        for h in range(heads):
            sl = slice(h * d, (h + 1) * d)
            logits = q[n, :, sl].astype(np.float64) @ kk[:, sl].T.astype(np.float64) / np.sqrt(d) + lw
            logits -= logits.max(1, keepdims=True)
            p = np.exp(logits)
            p /= p.sum(1, keepdims=True)
            out[n, :, sl] = p @ vv[:, sl]
    return out.astype(np.float32)
