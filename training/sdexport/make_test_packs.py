"""Writes the repository's small SD-shaped test packs: test-packs/{sd1,sd2,lcm}-tiny/ (fp32).

    cd training && ../.venv/bin/python -m sdexport.make_test_packs [--out ../test-packs] [names...]

Each pack is the exporter's output for a random-weight model of tiny_models.py (sd1-tiny also
gets the tiny TAESD as its preview decoder). Goldens that reference code wrote into a pack
(`goldens/`, the manifest's `goldens` entry and its "golden" files) are kept across re-exports.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from .exporter import export_pack
from .pack_files import file_entry
from .tiny_models import TINY_MODEL_NAMES, tiny_model_folder, tiny_taesd_folder

REPO = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO / "test-packs"
LICENSE = "MIT"


def description(name: str) -> str:
    return (f"{name}: RANDOM weights in a small SD-shaped configuration (training/sdexport/"
            "tiny_models.py), for tests only: it paints noise.")


def make_test_pack(name: str, out_root: Path = DEFAULT_OUT, model_root: Path | None = None,
                   log=print) -> dict:
    out = Path(out_root) / name
    old = json.loads((out / "manifest.json").read_text()) if (out / "manifest.json").is_file() else {}
    taesd = tiny_taesd_folder(model_root) if name == "sd1-tiny" else None
    manifest = export_pack(tiny_model_folder(name, model_root), out, ("fp32",), taesd, name=name,
                           license_id=LICENSE, description=description(name), log=log)
    manifest.pop("_timings", None)
    if "goldens" in old:
        manifest["goldens"] = old["goldens"]
        for entry in old.get("files", []):
            path = out / entry["path"]
            if entry.get("role") == "golden" and path.is_file():
                manifest["files"].append(file_entry(out, path, "golden"))
        (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    return manifest


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("names", nargs="*", default=list(TINY_MODEL_NAMES))
    args = parser.parse_args(argv)
    for name in args.names:
        print(name)
        manifest = make_test_pack(name, args.out)
        total = sum(f["bytes"] for f in manifest["files"])
        print(f"  {len(manifest['files'])} files, {total / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
