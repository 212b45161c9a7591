"""The shipped pack: manifest sizes/hashes, graph I/O names, size budget, and goldens that are
consistent with the contracts (noise, masks, kernel reference, CFG, DDIM step)."""
import hashlib
import json
import os

import numpy as np
import onnx
import pytest
import torch

from blobgen.attention_ref import masked_cross_attention
from blobgen.contract_inputs import cfg_entries
from blobgen.diffusion import ddim_step, ddim_timesteps
from blobgen.masks import rasterize_blob_masks
from blobgen.rng import initial_latent
from conftest import PACK

MAX_BYTES = 25 * 1024 * 1024


@pytest.fixture(scope="module")
def manifest():
    with open(os.path.join(PACK, "manifest.json")) as f:
        return json.load(f)


def test_files_match_sizes_and_hashes(manifest):
    listed = set()
    for e in manifest["files"]:
        path = os.path.join(PACK, e["path"])
        data = open(path, "rb").read()
        assert len(data) == e["bytes"], e["path"]
        assert hashlib.sha256(data).hexdigest() == e["sha256"], e["path"]
        listed.add(e["path"])
    on_disk = {os.path.relpath(os.path.join(d, f), PACK).replace(os.sep, "/")
               for d, _, fs in os.walk(PACK) for f in fs} - {"manifest.json"}
    assert on_disk == listed
    assert sum(e["bytes"] for e in manifest["files"]) + os.path.getsize(os.path.join(PACK, "manifest.json")) <= MAX_BYTES


def _io(path):
    m = onnx.load(os.path.join(PACK, path))
    assert max(o.version for o in m.opset_import if o.domain in ("", "ai.onnx")) <= 17
    return [v.name for v in m.graph.input], [v.name for v in m.graph.output]


def test_graph_io_names_match_manifest(manifest):
    te = manifest["textEncoder"]
    assert _io(te["file"]) == (list(te["inputs"].values()), [te["output"]])
    pre = manifest["prelude"]
    assert _io(pre["file"]) == ([pre["input"]], pre["outputs"])
    produced = {manifest["unet"]["sampleInput"], manifest["unet"]["timestepInput"]}
    for i, seg in enumerate(manifest["unet"]["segments"]):
        assert _io(seg["file"]) == (seg["inputs"], seg["outputs"])
        assert set(seg["inputs"]) <= produced  # every input exists in the pool when the segment runs
        produced |= set(seg["outputs"])
        if i < len(manifest["unet"]["sites"]):
            site = manifest["unet"]["sites"][i]
            assert seg["outputs"][0] == site["query"] and site["key"] in pre["outputs"]
            produced.add(site["output"])
    assert manifest["unet"]["output"] in produced
    dec = manifest["decoder"]
    assert _io(dec["file"]) == ([dec["input"]], [dec["output"]])
    assert manifest["conditioning"]["mode"] == "trained-blob"


def _golden(name):
    meta = json.load(open(os.path.join(PACK, "goldens", f"{name}.json")))
    raw = open(os.path.join(PACK, "goldens", meta["binary"]), "rb").read()
    t = {}
    for k, e in meta["tensors"].items():
        dt = np.int32 if e["dtype"] == "int32" else np.float32
        n = int(np.prod(e["shape"])) if e["shape"] else 1
        t[k] = np.frombuffer(raw, dt, n, e["offset"]).reshape(e["shape"])
    return meta, t


@pytest.mark.parametrize("name", ["golden0", "golden1", "golden2"])
def test_goldens_follow_the_contracts(manifest, name):
    meta, t = _golden(name)
    blobs = [(b["cx"], b["cy"], b["a"], b["b"], b["theta"]) for b in meta["blobs"]]
    assert np.array_equal(t["initial_noise"], initial_latent(meta["seed"], (1, *manifest["latent"]["shape"])))
    for r in (32, 16, 8):
        assert np.array_equal(t[f"mask{r}"], rasterize_blob_masks(blobs, r, r, manifest["conditioning"]["maskMode"]))
    assert np.array_equal(t["timesteps"], ddim_timesteps(manifest["scheduler"]["defaultSteps"]))
    entries = cfg_entries(len(blobs))
    counts = t["attention_mask"].sum(1)
    for s in (1, 2):
        site = manifest["unet"]["sites"][s]
        attn = masked_cross_attention(t[f"step0_site{s}_q"], t[site["key"]], t[site["value"]], counts, entries,
                                      t[f"mask{site['resolution'][0]}"], site["heads"])
        assert np.abs(attn - t[f"step0_site{s}_attn"]).max() <= 1e-5
    mo, g = t["step0_model_output"], meta["settings"]["guidance"]
    assert np.abs(t["step0_guided"] - (mo[:1] + np.float32(g) * (mo[1:] - mo[:1]))).max() <= 1e-5
    ts = t["timesteps"]
    after = ddim_step(torch.from_numpy(t["step0_guided"].copy()), int(ts[0]), int(ts[1]),
                      torch.from_numpy(t["initial_noise"].copy())).numpy()
    assert np.abs(after - t["step0_latent_after"]).max() <= 1e-5
