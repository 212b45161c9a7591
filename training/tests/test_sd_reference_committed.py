"""The goldens committed in test-packs/<pack>/goldens/ are what the generator makes now, and the
pack's manifest lists each of them (role "golden", size, SHA-256)."""
from sdexport.reference.testing import model_dirs  # noqa: F401 (fixture)
import hashlib
import json
import os

import numpy as np
import pytest

from sdexport.reference.cases import CASES
from sdexport.reference.golden_io import read_golden
from sdexport.reference.make_goldens import case_meta
from sdexport.reference.run import load_model, run_case

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PACKS = sorted(CASES)


def pack_dir(pack):
    path = os.path.join(ROOT, "test-packs", pack)
    assert os.path.isfile(os.path.join(path, "manifest.json")), (
        f"test-packs/{pack} is missing: export it, then run "
        f"`python -m sdexport.reference.make_goldens --model <tiny model> --pack test-packs/{pack}`")
    return path


@pytest.mark.parametrize("pack", PACKS)
def test_manifest_lists_every_golden(pack):
    path = pack_dir(pack)
    with open(os.path.join(path, "manifest.json")) as f:
        manifest = json.load(f)
    listed = {e["path"]: e for e in manifest["files"] if e["path"].startswith("goldens/")}
    expected = {f"goldens/{c.name}.{ext}" for c in CASES[pack] for ext in ("json", "bin", "png")}
    assert expected <= set(listed), sorted(expected - set(listed))
    for rel in expected:
        with open(os.path.join(path, rel), "rb") as f:
            data = f.read()
        assert listed[rel] == dict(path=rel, bytes=len(data), sha256=hashlib.sha256(data).hexdigest(), role="golden")
    assert set(manifest["goldens"]["runs"]) >= {f"goldens/{c.name}.json" for c in CASES[pack]}


@pytest.mark.parametrize("pack", PACKS)
def test_committed_goldens_are_current(pack, model_dirs):
    path = pack_dir(pack)
    model = load_model(model_dirs[pack])
    for case in CASES[pack]:
        meta, stored = read_golden(os.path.join(path, "goldens"), case.name)
        tensors, run_meta = run_case(model, case)
        fresh_meta = json.loads(json.dumps(dict(case_meta(pack, case, run_meta), name=case.name)))
        assert {k: v for k, v in meta.items() if k not in ("tensors", "binary")} == fresh_meta, case.name
        assert list(stored) == list(tensors), case.name
        for name, arr in tensors.items():
            assert stored[name].shape == arr.shape, (case.name, name)
            if arr.dtype.kind in "iu":
                np.testing.assert_array_equal(stored[name], arr, err_msg=f"{case.name}:{name}")
            else:
                # Other CPUs round float32 sums differently: errors scale with the tensor's peak
                # (latents reach ~30, so near-zero entries differ by ~2e-5). A stale golden differs
                # by far more.
                peak = max(1.0, float(np.abs(stored[name]).max(initial=0.0)))
                np.testing.assert_allclose(stored[name], arr, rtol=1e-4, atol=1e-5 * peak, err_msg=f"{case.name}:{name}")
