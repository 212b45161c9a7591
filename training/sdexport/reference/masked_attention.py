"""diffusers attention processor for the cross-attention (attn2) sites implementing our masked
cross-attention (docs/contracts.md §3, training-free mode).

Batch item n's encoder_hidden_states row is the concatenation of its entries' segments, each
`tokens_per_segment` (77) CLIP tokens, all attended. For pixel j and a key of entry (s, m):

    logit = q_j · k / sqrt(d) + log w,   w = 1 if m = -1 else mask[m, j]   (w = 0: key excluded)

Masks come from training/blobgen/masks.py (the definition shared with the WGSL kernel),
rasterised at each site's own resolution. Rows of the hidden states beyond an item's entries
(the padding of the unconditional item up to the conditional item's length) are never attended.
"""
import math

import numpy as np
import torch

from blobgen.masks import rasterize_blob_masks


class SiteMasks:
    """Blob masks per site resolution, rasterised on first use and cached: float32[nBlobs, h, w]."""

    def __init__(self, blobs, mode, feather_width):
        self.blobs = [tuple(float(v) for v in b.params) for b in blobs]
        self.mode = mode
        self.feather_width = feather_width
        self.cache = {}

    def at(self, h, w):
        if (h, w) not in self.cache:
            self.cache[(h, w)] = rasterize_blob_masks(self.blobs, h, w, self.mode, self.feather_width)
        return self.cache[(h, w)]


class MaskedCrossAttnProcessor:
    """One instance per attn2 site. `item_masks[n]` lists, for batch item n, the mask index of each
    77-token block of its hidden states (-1 = caption). `recorder(site, q, attn_out)` sees the query
    and the attention output before the output projection (both [B, HW, heads*d])."""

    def __init__(self, site, item_masks, masks: SiteMasks, tokens_per_segment=77, recorder=None):
        self.site = site
        self.item_masks = item_masks
        self.masks = masks
        self.tokens = tokens_per_segment
        self.recorder = recorder

    def _bias(self, masks_flat, entry_masks, hw, dtype):
        """[HW, len(entries) * tokens] additive logit bias: log w per key (-inf where w = 0)."""
        cols = []
        for m in entry_masks:
            if m < 0:
                cols.append(torch.zeros(hw, self.tokens, dtype=dtype))
            else:
                with np.errstate(divide="ignore"):
                    logw = torch.from_numpy(np.log(masks_flat[m])).to(dtype)
                cols.append(logw[:, None].expand(hw, self.tokens))
        return torch.cat(cols, 1)

    def __call__(self, attn, hidden_states, encoder_hidden_states=None, attention_mask=None, temb=None, *args, **kwargs):
        if encoder_hidden_states is None:
            raise ValueError(f"site {self.site}: the masked processor serves cross-attention (attn2) only")
        if attention_mask is not None:
            raise ValueError(f"site {self.site}: an attention mask is not expected (all 77 tokens are attended)")
        residual = hidden_states
        if attn.spatial_norm is not None:
            hidden_states = attn.spatial_norm(hidden_states, temb)
        input_ndim = hidden_states.ndim
        if input_ndim == 4:
            batch_size, channel, height, width = hidden_states.shape
            hidden_states = hidden_states.view(batch_size, channel, height * width).transpose(1, 2)
        if attn.group_norm is not None:
            hidden_states = attn.group_norm(hidden_states.transpose(1, 2)).transpose(1, 2)
        if attn.norm_cross:
            encoder_hidden_states = attn.norm_encoder_hidden_states(encoder_hidden_states)

        b, hw, _ = hidden_states.shape
        if b != len(self.item_masks):
            raise ValueError(f"site {self.site}: batch {b} but the plan has {len(self.item_masks)} items")
        side = math.isqrt(hw)
        if side * side != hw:
            raise ValueError(f"site {self.site}: {hw} pixels is not a square feature map")
        masks_flat = self.masks.at(side, side).reshape(len(self.masks.blobs), hw)

        query = attn.to_q(hidden_states)
        key = attn.to_k(encoder_hidden_states)
        value = attn.to_v(encoder_hidden_states)
        outs = []
        for n, entry_masks in enumerate(self.item_masks):
            keys = len(entry_masks) * self.tokens
            if keys > key.shape[1]:
                raise ValueError(f"site {self.site}: item {n} needs {keys} key tokens, the hidden states have {key.shape[1]}")
            q = attn.head_to_batch_dim(query[n:n + 1])
            k = attn.head_to_batch_dim(key[n:n + 1, :keys])
            v = attn.head_to_batch_dim(value[n:n + 1, :keys])
            bias = self._bias(masks_flat, entry_masks, hw, q.dtype)[None].expand(q.shape[0], hw, keys).contiguous()
            probs = attn.get_attention_scores(q, k, bias)  # baddbmm(bias, q, kᵀ, alpha=1/sqrt(d)), softmax
            outs.append(attn.batch_to_head_dim(torch.bmm(probs, v)))
        attn_out = torch.cat(outs, 0)
        if self.recorder is not None:
            self.recorder(self.site, query, attn_out)

        hidden_states = attn.to_out[0](attn_out)
        hidden_states = attn.to_out[1](hidden_states)
        if input_ndim == 4:
            hidden_states = hidden_states.transpose(-1, -2).reshape(batch_size, channel, height, width)
        if attn.residual_connection:
            hidden_states = hidden_states + residual
        return hidden_states / attn.rescale_output_factor


_BLOCK_ORDER = {"down_blocks": 0, "mid_block": 1, "up_blocks": 2}


def cross_attention_sites(unet):
    """attn2 processor names in execution order (down -> mid -> up): site k = the k-th name."""
    names = [n for n in unet.attn_processors if n.endswith(".attn2.processor")]

    def key(name):
        parts = name.split(".")
        nums = [int(p) for p in parts if p.isdigit()]
        return (_BLOCK_ORDER[parts[0]], nums)

    return sorted(names, key=key)


def site_modules(unet):
    """The Attention modules of the attn2 sites, in site order."""
    mods = dict(unet.named_modules())
    return [mods[n[: -len(".processor")]] for n in cross_attention_sites(unet)]


def install_masked_processors(unet, item_masks, masks: SiteMasks, tokens_per_segment=77, recorder=None):
    """attn2 → MaskedCrossAttnProcessor (site k in execution order); attn1 keeps its processor."""
    sites = {n: i for i, n in enumerate(cross_attention_sites(unet))}
    procs = {}
    for name, proc in unet.attn_processors.items():
        if name in sites:
            procs[name] = MaskedCrossAttnProcessor(sites[name], item_masks, masks, tokens_per_segment, recorder)
        else:
            procs[name] = proc
    unet.set_attn_processor(procs)
    return list(sites)
