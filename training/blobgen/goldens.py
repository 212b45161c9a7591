"""Reference runs for 3 fixed layouts + seeds, computed exactly as the browser pipeline does
(text encoder -> prelude -> segments with the numpy masked-attention kernel between them ->
CFG -> DDIM -> decoder), with the intermediate tensors of the first step.

Each golden is `goldens/<name>.json` (layout, settings, and an index name -> {offset, shape,
dtype} into `goldens/<name>.bin`: little-endian float32 / int32, concatenated) plus a PNG.
"""
import json

import numpy as np
import torch
from PIL import Image

from .attention_ref import masked_cross_attention
from .contract_inputs import cfg_entries, layout_segments, site_masks
from .diffusion import ddim_step, ddim_timesteps
from .latent import Decoder
from .rng import initial_latent
from .segmented import run_prelude, run_segments

LAYOUTS = [
    dict(name="golden0", seed=42, caption="a plain blue background",
         blobs=[dict(params=(0.5, 0.5, 0.25, 0.2, 0.3), text="a red blob")]),
    dict(name="golden1", seed=7, caption="green ground under a blue sky",
         blobs=[dict(params=(0.3, 0.35, 0.2, 0.12, 0.6), text="a yellow and black striped shape"),
                dict(params=(0.62, 0.6, 0.22, 0.15, -0.4), text="a white object with red dots"),
                dict(params=(0.5, 0.48, 0.12, 0.1, 1.2), text="a plain purple oval")]),
    dict(name="golden2", seed=12345, caption="a gradient from white at the top to gray at the bottom",
         blobs=[dict(params=(0.25, 0.25, 0.15, 0.1, 0.0), text="orange"),
                dict(params=(0.7, 0.3, 0.2, 0.08, 2.4), text="a pink and blue checkered ellipse"),
                dict(params=(0.35, 0.7, 0.18, 0.14, -1.0), text="the thing is green with yellow stripes"),
                dict(params=(0.72, 0.72, 0.16, 0.16, 0.5), text="a black blob with white dots"),
                dict(params=(0.5, 0.5, 0.1, 0.06, 0.9), text="a brown zebra")]),  # 'zebra' -> [UNK]
]
KV_SITES_STORED = "all"
QA_SITES_STORED = (1, 2)  # first-step query/attention tensors kept for these sites (size budget)


class _Blob:
    def __init__(self):
        self.parts, self.index, self.offset = [], {}, 0

    def add(self, name, arr):
        arr = np.ascontiguousarray(arr)
        dtype = "int32" if arr.dtype.kind in "iu" else "float32"
        data = arr.astype("<i4" if dtype == "int32" else "<f4").tobytes()
        self.index[name] = dict(offset=self.offset, shape=list(arr.shape), dtype=dtype)
        self.parts.append(data)
        self.offset += len(data)


@torch.no_grad()
def run_golden(te, cut, tokenizer, layout, sites, steps, guidance, mask_mode="coverage"):
    """sites: list of dicts (resolution, heads). Returns (tensors dict, rgba image)."""
    seg = layout_segments(tokenizer, layout["caption"], layout["blobs"])
    cond = te(*[torch.from_numpy(seg[k]) for k in ("input_ids", "attention_mask", "blob_params", "segment_kind")]).numpy()
    kv = run_prelude(cut, cond)
    entries = cfg_entries(len(layout["blobs"]))
    masks = site_masks(layout["blobs"], sorted({s["resolution"] for s in sites}), mask_mode)
    counts = seg["attention_mask"].sum(1)

    def attend(i, q):
        c = cut.cores[i]
        return masked_cross_attention(q, kv[c["k"]], kv[c["v"]], counts, entries, masks[sites[i]["resolution"]],
                                      sites[i]["heads"])

    out = dict(seg)
    out["cond"] = cond
    out.update(kv if KV_SITES_STORED == "all" else {})
    for r, m in masks.items():
        out[f"mask{r}"] = m
    x = initial_latent(layout["seed"], (1, 12, 32, 32))
    out["initial_noise"] = x
    ts = ddim_timesteps(steps)
    out["timesteps"] = ts.astype(np.int32)
    for i, t in enumerate(ts):
        rec = {} if i == 0 else None
        mo = run_segments(cut, dict(sample=np.concatenate([x, x]), timestep=np.full(2, t, np.float32)), attend, rec)
        guided = mo[:1] + np.float32(guidance) * (mo[1:] - mo[:1])
        prev = int(ts[i + 1]) if i + 1 < len(ts) else -1
        x = ddim_step(torch.from_numpy(guided), int(t), prev, torch.from_numpy(x)).numpy().astype(np.float32)
        if i == 0:
            for s in QA_SITES_STORED:
                out[f"step0_site{s}_q"] = rec[cut.cores[s]["q"]]
                out[f"step0_site{s}_attn"] = rec[cut.cores[s]["attn"]]
            out["step0_model_output"] = mo
            out["step0_guided"] = guided
            out["step0_latent_after"] = x
    out["final_latent"] = x
    img = Decoder()(torch.from_numpy(x)).numpy()
    out["image"] = img
    return out, img[0]


def write_golden(gdir, layout, tensors, img, settings):
    blob = _Blob()
    for k, v in tensors.items():
        blob.add(k, v)
    with open(f"{gdir}/{layout['name']}.bin", "wb") as f:
        f.write(b"".join(blob.parts))
    meta = dict(seed=layout["seed"], caption=layout["caption"],
                blobs=[dict(cx=b["params"][0], cy=b["params"][1], a=b["params"][2], b=b["params"][3],
                            theta=b["params"][4], description=b["text"]) for b in layout["blobs"]],
                settings=settings, binary=f"{layout['name']}.bin", tensors=blob.index,
                notes="CFG batch: item 0 unconditional, item 1 conditional; segments [\"\", caption, blobs...]")
    with open(f"{gdir}/{layout['name']}.json", "w") as f:
        json.dump(meta, f, indent=1)
    Image.fromarray((np.clip(img[..., :3], 0, 1) * 255 + 0.5).astype(np.uint8)).save(f"{gdir}/{layout['name']}.png")
