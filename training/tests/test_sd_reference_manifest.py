"""add_goldens_to_manifest: the pack writer's manifest lists every golden file (role "golden")."""
import sdexport.reference.testing  # noqa: F401 (fails loudly without the .venv packages)
import hashlib
import json

import numpy as np

from sdexport.reference.golden_io import add_goldens_to_manifest, read_golden, write_golden


def test_goldens_are_listed_with_size_and_sha256(tmp_path):
    (tmp_path / "goldens").mkdir()
    (tmp_path / "unet.onnx").write_bytes(b"graph")
    (tmp_path / "goldens" / "stale.json").write_text("{}")
    manifest = dict(schemaVersion=1, files=[
        dict(path="unet.onnx", bytes=5, sha256=hashlib.sha256(b"graph").hexdigest(), role="unet-segment"),
        dict(path="goldens/gone.bin", bytes=1, sha256="0" * 64, role="golden")],
        goldens=dict(runs=["goldens/gone.json"]))
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    tensors = dict(ids=np.arange(6, dtype=np.int64).reshape(2, 3), image=np.full((1, 2, 2, 4), 0.5, np.float32))
    written = write_golden(str(tmp_path / "goldens"), "case-a", dict(seed=1), tensors)
    out = add_goldens_to_manifest(str(tmp_path), written, ["goldens/case-a.json"])
    again = json.loads((tmp_path / "manifest.json").read_text())
    assert again == out
    paths = [f["path"] for f in out["files"]]
    assert paths == ["unet.onnx", "goldens/case-a.json", "goldens/case-a.bin", "goldens/case-a.png"]
    for f in out["files"][1:]:
        data = (tmp_path / f["path"]).read_bytes()
        assert f == dict(path=f["path"], bytes=len(data), sha256=hashlib.sha256(data).hexdigest(), role="golden")
    assert out["goldens"]["runs"] == ["goldens/case-a.json"]
    meta, back = read_golden(str(tmp_path / "goldens"), "case-a")
    assert meta["tensors"]["ids"] == dict(offset=0, shape=[2, 3], dtype="int32")
    np.testing.assert_array_equal(back["ids"], tensors["ids"])
    np.testing.assert_array_equal(back["image"], tensors["image"])
    # running it twice changes nothing
    assert add_goldens_to_manifest(str(tmp_path), written, ["goldens/case-a.json"]) == out
