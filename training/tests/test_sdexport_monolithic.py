"""`export_pack(..., benchmark_monolithic=True)` (`--benchmark-monolithic`): the benchmark-only
monolithic UNet (plain attention with additive biases, bench/sdEngine.*) equals diffusers' UNet,
its biases act as masks, and the option changes nothing else in the pack."""
import json
import os

import numpy as np
import pytest
import torch

try:
    import diffusers  # noqa: F401
    import onnxruntime as ort
except ImportError as error:  # fail loudly: these tests must never be skipped silently
    raise ImportError(f"{error}: run the SD tests with .venv/bin/python (bash scripts/python-venv.sh)") from error

from diffusers import UNet2DConditionModel

from sdexport.exporter import export_pack
from sdexport.tiny_models import tiny_model_folder

ATOL = 2e-5  # fp32 graph vs torch (measured 1.7e-6)


@pytest.fixture(scope="module")
def bench_pack(tmp_path_factory):
    root = os.environ.get("SDEXPORT_CACHE") or str(tmp_path_factory.mktemp("tiny-models"))
    folder = tiny_model_folder("sd1-tiny", root)
    out = tmp_path_factory.mktemp("packs")
    plain = export_pack(folder, out / "plain", ("fp32",), name="sd1-tiny", log=lambda *_: None)
    mono = export_pack(folder, out / "mono", ("fp32",), name="sd1-tiny", log=lambda *_: None,
                       benchmark_monolithic=True)
    return folder, out / "plain", plain, out / "mono", mono


def _feeds(manifest, x, t, cond, excluded_from=None):
    mono = manifest["unet"]["monolithic"]
    n = cond.shape[1]
    feeds = {mono["inputs"]["sample"]: x, mono["inputs"]["timestep"]: t, mono["inputs"]["cond"]: cond}
    for res, name in mono["inputs"]["biasByResolution"].items():
        bias = np.zeros((x.shape[0], int(res) ** 2, n), np.float32)
        if excluded_from is not None:
            bias[:, :, excluded_from:] = -np.inf
        feeds[name] = bias
    return feeds


def test_monolithic_graph_equals_diffusers_and_its_bias_masks_keys(bench_pack):
    folder, _, _, out, manifest = bench_pack
    unet = UNet2DConditionModel.from_pretrained(str(folder / "unet")).eval()
    session = ort.InferenceSession(str(out / manifest["unet"]["monolithic"]["file"]),
                                   providers=["CPUExecutionProvider"])
    rng = np.random.default_rng(5)
    x = rng.standard_normal((2, 4, 16, 16)).astype(np.float32)
    t = np.array([999.0, 321.0], np.float32)
    c0 = rng.standard_normal((2, 77, 32)).astype(np.float32)
    c1 = rng.standard_normal((2, 77, 32)).astype(np.float32)
    with torch.no_grad():
        ref = unet(torch.from_numpy(x), torch.from_numpy(t), encoder_hidden_states=torch.from_numpy(c0)).sample.numpy()
    zero_bias = session.run(None, _feeds(manifest, x, t, c0))[0]
    two = np.concatenate([c0, c1], axis=1)
    second_excluded = session.run(None, _feeds(manifest, x, t, two, excluded_from=77))[0]
    second_attended = session.run(None, _feeds(manifest, x, t, two))[0]
    assert np.abs(zero_bias - ref).max() <= ATOL
    assert np.abs(second_excluded - ref).max() <= ATOL
    assert np.abs(second_attended - ref).max() > 100 * ATOL  # the bias is what excluded those keys


def test_option_adds_only_the_benchmark_graph(bench_pack):
    _, plain_dir, _, mono_dir, _ = bench_pack
    plain = json.loads((plain_dir / "manifest.json").read_text())
    mono = json.loads((mono_dir / "manifest.json").read_text())
    entry = mono["unet"].pop("monolithic")
    extra = [f for f in mono["files"] if f["path"] == entry["file"]]
    assert [f["role"] for f in extra] == ["benchmark"]
    mono["files"] = [f for f in mono["files"] if f["path"] != entry["file"]]
    assert mono == plain
    assert "monolithic" not in plain["unet"]
    assert entry["inputs"]["biasByResolution"] == {"16": "bias16", "8": "bias8", "4": "bias4"}
    assert entry["inputTypes"]["cond"] == "float32[B,N,32]"
