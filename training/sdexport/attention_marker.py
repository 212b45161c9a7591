"""Marks the core of every cross-attention (`attn2`) site so that one exported ONNX graph can be cut.

`CutPointProcessor` replaces diffusers' processor at an attn2 site. It computes exactly what
diffusers' `AttnProcessor` computes for SD's cross-attention (to_q, to_k, to_v, softmax attention,
to_out), but the attention core `(q, k, v) -> out` (heads merged, before `to_out`) goes through
`AttentionCore`, an autograd Function whose ONNX symbolic is one `sdexport::AttentionCore` node.
In torch it runs plain softmax attention, so tracing sees real values and shapes; in the ONNX graph
the marker's inputs are the site's query and K/V, and its output is where the engine's masked
attention kernel writes (docs/contracts.md §3a). `graph_cut.py` splits the graph at these nodes.
"""
from __future__ import annotations

from dataclasses import dataclass

import torch

MARKER_DOMAIN = "sdexport"
MARKER_OP = "AttentionCore"


class UnsupportedModelError(ValueError):
    """The model folder holds something this exporter cannot cut (named in the message)."""


def softmax_attention(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, heads: int,
                      scale: float) -> torch.Tensor:
    """q [B,N,H*d], k/v [B,L,H*d] -> [B,N,H*d]: every key attended (SD's unmasked core)."""
    b, n, inner = q.shape
    d = inner // heads
    qh = q.reshape(b, n, heads, d).transpose(1, 2)
    kh = k.reshape(k.shape[0], k.shape[1], heads, d).transpose(1, 2)
    vh = v.reshape(v.shape[0], v.shape[1], heads, d).transpose(1, 2)
    weights = torch.softmax(qh @ kh.transpose(-1, -2) * scale, dim=-1)
    return (weights @ vh).transpose(1, 2).reshape(b, n, inner)


class AttentionCore(torch.autograd.Function):
    @staticmethod
    def forward(ctx, q, k, v, site: int, heads: int, scale: float):  # noqa: D102
        return softmax_attention(q, k, v, heads, scale)

    @staticmethod
    def symbolic(g, q, k, v, site: int, heads: int, scale: float):  # noqa: D102
        return g.op(f"{MARKER_DOMAIN}::{MARKER_OP}", q, k, v, site_i=site, heads_i=heads,
                    scale_f=scale)


@dataclass
class SiteInfo:
    index: int
    module: str            # diffusers processor key without ".processor"
    heads: int
    head_dim: int
    query_tokens: int = 0  # h*w, filled in by a forward pass
    key_input_dim: int = 0


class CutPointProcessor:
    """attn2 processor that routes the attention core through the `AttentionCore` marker."""

    def __init__(self, site: SiteInfo):
        self.site = site

    def __call__(self, attn, hidden_states, encoder_hidden_states=None, attention_mask=None,
                 temb=None, *args, **kwargs):
        name = self.site.module
        if encoder_hidden_states is None:
            raise UnsupportedModelError(f"{name}: an attn2 site without encoder_hidden_states")
        for flag, what in ((attn.spatial_norm is not None, "spatial_norm"),
                           (attn.group_norm is not None, "group_norm"),
                           (attn.norm_cross is not None, "norm_cross"),
                           (getattr(attn, "norm_q", None) is not None, "q/k norms"),
                           (attn.residual_connection, "residual_connection"),
                           (attn.rescale_output_factor != 1.0, "rescale_output_factor"),
                           (attention_mask is not None, "an attention mask"),
                           (hidden_states.ndim != 3, "4-D hidden states")):
            if flag:
                raise UnsupportedModelError(
                    f"{name}: cross-attention with {what} is not supported (SD-1.x/2.x have none)")
        q = attn.to_q(hidden_states)
        k = attn.to_k(encoder_hidden_states)
        v = attn.to_v(encoder_hidden_states)
        self.site.query_tokens = hidden_states.shape[1]
        self.site.key_input_dim = encoder_hidden_states.shape[-1]
        out = AttentionCore.apply(q, k, v, self.site.index, attn.heads, float(attn.scale))
        out = attn.to_out[0](out)
        return attn.to_out[1](out)


def install_cut_points(unet) -> list[SiteInfo]:
    """Swaps every attn2 processor (diffusers call order: down, mid, up) for a CutPointProcessor."""
    processors = dict(unet.attn_processors)
    keys = [k for k in processors if k.endswith(".attn2.processor")]
    if not keys:
        raise UnsupportedModelError("the UNet has no cross-attention (attn2) sites")
    order = {"down_blocks": 0, "mid_block": 1, "up_blocks": 2}
    if any(k.split(".")[0] not in order for k in keys):
        raise UnsupportedModelError(f"unexpected attn2 sites: {keys}")
    # attn_processors lists modules in registration order; down < mid < up is the call order.
    keys.sort(key=lambda k: order[k.split(".")[0]])
    modules = dict(unet.named_modules())
    sites = []
    for index, key in enumerate(keys):
        module_name = key[: -len(".processor")]
        attn = modules[module_name]
        inner = attn.to_q.out_features
        sites.append(SiteInfo(index, module_name, attn.heads, inner // attn.heads))
        if abs(attn.scale - (inner // attn.heads) ** -0.5) > 1e-9:
            raise UnsupportedModelError(f"{module_name}: attention scale {attn.scale} is not 1/sqrt(d)")
        processors[key] = CutPointProcessor(sites[-1])
    unet.set_attn_processor(processors)
    return sites
