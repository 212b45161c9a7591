"""Golden files (docs/model-pack.md "Goldens"): `<name>.json` (case, settings, and an index
name -> {offset, shape, dtype} into `<name>.bin`, little-endian float32 / int32 concatenated)
plus `<name>.png` (the image), and the manifest entries that list them (role "golden")."""
import hashlib
import json
import math
import os

import numpy as np
from PIL import Image


def pack_tensors(tensors):
    """(bytes, index) for name -> array, in insertion order."""
    parts, index, offset = [], {}, 0
    for name, arr in tensors.items():
        arr = np.ascontiguousarray(arr)
        dtype = "int32" if arr.dtype.kind in "iub" else "float32"
        data = arr.astype("<i4" if dtype == "int32" else "<f4").tobytes()
        index[name] = dict(offset=offset, shape=list(arr.shape), dtype=dtype)
        parts.append(data)
        offset += len(data)
    return b"".join(parts), index


def read_golden(gdir, name):
    """name -> array, read back from `<name>.json` / `<name>.bin` (for tests and checks)."""
    with open(os.path.join(gdir, f"{name}.json")) as f:
        meta = json.load(f)
    if "schedulerConfig" in meta:
        meta["schedulerConfig"] = json_revive_numbers(meta["schedulerConfig"])
    with open(os.path.join(gdir, meta["binary"]), "rb") as f:
        data = f.read()
    out = {}
    for k, e in meta["tensors"].items():
        dt = "<i4" if e["dtype"] == "int32" else "<f4"
        n = int(np.prod(e["shape"])) if e["shape"] else 1
        out[k] = np.frombuffer(data, dt, n, e["offset"]).reshape(e["shape"])
    return meta, out


def json_safe(value):
    """Strict JSON for the browser: non-finite floats (e.g. diffusers' lambda_min_clipped = -inf
    in a scheduler config) become the strings "Infinity", "-Infinity", "NaN"."""
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    return value


_NON_FINITE = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


def json_revive_numbers(config):
    """Inverse of json_safe for a scheduler config (only there a string stands for a float)."""
    return {k: _NON_FINITE.get(v, v) if isinstance(v, str) else v for k, v in config.items()}


def write_golden(gdir, name, meta, tensors):
    """Writes the three files; returns their paths relative to the pack (goldens/<name>.*)."""
    os.makedirs(gdir, exist_ok=True)
    data, index = pack_tensors(tensors)
    with open(os.path.join(gdir, f"{name}.bin"), "wb") as f:
        f.write(data)
    with open(os.path.join(gdir, f"{name}.json"), "w") as f:
        json.dump(json_safe(dict(meta, name=name, binary=f"{name}.bin", tensors=index)), f, indent=1, allow_nan=False)
        f.write("\n")
    rgb = np.clip(tensors["image"][0, ..., :3], 0, 1)
    Image.fromarray((rgb * 255 + 0.5).astype(np.uint8)).save(os.path.join(gdir, f"{name}.png"))
    return [f"goldens/{name}.{ext}" for ext in ("json", "bin", "png")]


def _entry(pack_dir, rel):
    path = os.path.join(pack_dir, rel)
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    return dict(path=rel, bytes=os.path.getsize(path), sha256=digest, role="golden")


def add_goldens_to_manifest(pack_dir, written, runs):
    """Lists the golden files in `<pack>/manifest.json`: `files` gets (or refreshes) one role
    "golden" entry per written file, entries under goldens/ whose file is gone are dropped, and
    `goldens.runs` names the run JSONs. Other entries are left as they are."""
    mpath = os.path.join(pack_dir, "manifest.json")
    with open(mpath) as f:
        manifest = json.load(f)
    fresh = {rel: _entry(pack_dir, rel) for rel in written}
    files = []
    for e in manifest.get("files", []):
        if e["path"] in fresh:
            continue
        if e["path"].startswith("goldens/") and not os.path.exists(os.path.join(pack_dir, e["path"])):
            continue
        files.append(e)
    manifest["files"] = files + [fresh[rel] for rel in written]
    goldens = dict(manifest.get("goldens") or {})
    kept = [r for r in goldens.get("runs", []) if r not in runs and os.path.exists(os.path.join(pack_dir, r))]
    goldens["runs"] = kept + list(runs)
    manifest["goldens"] = goldens
    with open(mpath, "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    return manifest
