"""The exported test packs (onnxruntime CPU, the numpy kernel reference between the cut segments)
reproduce the goldens: the first step's queries, attention outputs and model output, then the
whole run (diffusers' scheduler on the pack's UNet) and the decoder. This is what the browser
engine is held to, checked on the Python side with the same tensors."""
import sdexport.reference.testing  # noqa: F401 (fails loudly without the .venv packages)
import json
import os
import sys

import diffusers
import numpy as np
import onnxruntime as ort
import pytest
import torch

from blobgen.attention_ref import masked_cross_attention
from sdexport.reference.cases import CASES
from sdexport.reference.golden_io import read_golden

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ALL = [(p, c.name) for p in sorted(CASES) for c in CASES[p]]


class Pack:
    def __init__(self, pack):
        self.dir = os.path.join(ROOT, "test-packs", pack)
        with open(os.path.join(self.dir, "manifest.json")) as f:
            self.manifest = json.load(f)
        self.sessions = {}

    def run(self, entry, outputs, feeds):
        if entry["file"] not in self.sessions:
            opts = ort.SessionOptions()
            opts.log_severity_level = 3
            self.sessions[entry["file"]] = ort.InferenceSession(os.path.join(self.dir, entry["file"]), opts,
                                                                providers=["CPUExecutionProvider"])
        return self.sessions[entry["file"]].run(outputs, feeds)


_PACKS = {}


def pack_of(name):
    if name not in _PACKS:
        _PACKS[name] = Pack(name)
    return _PACKS[name]


@pytest.mark.parametrize("pack,name", ALL, ids=[f"{p}:{n}" for p, n in ALL])
def test_pack_reproduces_the_golden_first_step_and_decoder(pack, name):
    p = pack_of(pack)
    m = p.manifest
    meta, t = read_golden(os.path.join(p.dir, "goldens"), name)
    te, pre, u = m["textEncoder"], m["prelude"], m["unet"]
    cond = p.run(te, [te["output"]], {te["inputs"]["inputIds"]: t["input_ids"].astype(np.int64)})[0]
    np.testing.assert_allclose(cond, t["cond"], atol=1e-5)
    kv = dict(zip(pre["outputs"], p.run(pre, pre["outputs"], {pre["input"]: t["cond"]})))
    for s in meta["kvSites"]:
        np.testing.assert_allclose(kv[f"site{s}_k"], t[f"site{s}_k"], atol=1e-5)
        np.testing.assert_allclose(kv[f"site{s}_v"], t[f"site{s}_v"], atol=1e-5)

    items = [[tuple(e) for e in it] for it in meta["items"]]
    S = len(meta["segments"])
    qa = {}

    def unet(latent, timestep):
        """The cut UNet on a stored (VP) latent: segments, the kernel reference at each site."""
        batch = len(items)
        pool = {u["sampleInput"]: np.repeat(latent, batch, 0), u["timestepInput"]: np.full(batch, timestep, np.float32)}
        if "timestepCondInput" in u:
            pool[u["timestepCondInput"]] = t["timestep_cond"]
        for i, segment in enumerate(u["segments"]):
            pool.update(zip(segment["outputs"], p.run(segment, segment["outputs"], {n: pool[n] for n in segment["inputs"]})))
            if i < len(u["sites"]):
                site = u["sites"][i]
                q = pool[site["query"]]
                pool[site["output"]] = masked_cross_attention(q, kv[site["key"]], kv[site["value"]], np.full(S, 77), items,
                                                              t[f"mask{site['resolution'][0]}"], site["heads"])
                qa.setdefault(i, (q, pool[site["output"]]))
        return pool[u["output"]]

    # step 0 from the golden's own initial latent
    out = unet(t["initial_latent"], t["timesteps"][0])
    for i in (0, 1):
        np.testing.assert_allclose(qa[i][0], t[f"step0_site{i}_q"], atol=1e-4, err_msg=f"site {i} q")
        np.testing.assert_allclose(qa[i][1], t[f"step0_site{i}_attn"], atol=1e-4, err_msg=f"site {i} attn")
    ref = t["step0_model_output"]
    assert np.abs(out - ref).max() <= 1e-4 * max(1.0, np.abs(ref).max()), np.abs(out - ref).max()

    # the whole run: diffusers' scheduler (the golden's class and config), the golden's noise draws
    sch = getattr(diffusers, meta["schedulerClass"]).from_config(meta["schedulerConfig"])
    sch.set_timesteps(meta["settings"]["steps"])
    x = torch.from_numpy(t["initial_noise"].copy()) * sch.init_noise_sigma
    draws = iter(t["step_noise"]) if "step_noise" in t else iter(())
    module = sys.modules[type(sch).__module__]
    saved = module.randn_tensor
    module.randn_tensor = lambda shape, **kw: torch.from_numpy(next(draws)[None].copy())
    try:
        for i, ts in enumerate(sch.timesteps):
            mo = unet(sch.scale_model_input(x, ts).numpy(), float(ts))
            g = mo[:1] + np.float32(meta["settings"]["guidance"]) * (mo[1:] - mo[:1]) if len(items) == 2 else mo
            prev = sch.step(torch.from_numpy(g), ts, x, return_dict=False)
            x = prev[1] if meta["settings"]["sampler"] == "lcm" and i == len(sch.timesteps) - 1 else prev[0]
    finally:
        module.randn_tensor = saved
    final = x.numpy()
    ref = t["final_latent"]
    assert np.abs(final - ref).max() <= 2e-5 * max(1.0, np.abs(ref).max()), np.abs(final - ref).max()

    d = m["decoder"]
    img = p.run(d, [d["output"]], {d["input"]: final / np.float32(m["latent"]["scale"])})[0]
    assert img.shape == t["image"].shape
    np.testing.assert_allclose(img, t["image"], atol=1e-4)
