"""Write mask rasterisation test vectors (contracts.md §2) for the WGSL kernel:
public/models/<pack>/goldens/masks.json. Also writes rng.json (contracts.md §5 reference values).

    /usr/bin/python3 training/make_mask_goldens.py [--pack public/models/blobgen-tiny-shapes]
"""
import argparse
import json
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from blobgen.masks import rasterize_blob_masks  # noqa: E402
from blobgen.rng import SeededNoise  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_PACK = os.path.join(ROOT, "public", "models", "blobgen-tiny-shapes")

# A spread of geometry: axis-aligned, rotated (incl. θ = π and negative), thin, tiny (smaller
# than a cell), partly off-image, covering everything, degenerate (a ≤ 0), overlapping.
LAYOUTS = [
    [(0.5, 0.5, 0.3, 0.2, 0.0)],
    [(0.5, 0.5, 0.3, 0.2, 0.5), (0.3, 0.7, 0.15, 0.05, -1.2)],
    [(0.25, 0.3, 0.2, 0.1, math.pi), (0.7, 0.6, 0.25, 0.12, 2.0), (0.6, 0.5, 0.1, 0.1, 0.0)],
    [(0.02, 0.95, 0.2, 0.15, 0.7), (0.5, 0.5, 0.9, 0.9, 0.3)],
    [(0.4, 0.4, 0.01, 0.008, 0.1), (0.5, 0.5, 0.0, 0.1, 0.0), (0.5, 0.5, 0.2, -0.1, 0.0)],
    [(0.61, 0.37, 0.33, 0.07, -2.6), (0.45, 0.55, 0.12, 0.09, 1.1)],
]
SIZES = [(8, 8), (16, 16), (32, 32), (12, 20)]
MODES = [("coverage", None), ("hard", None), ("feather", 0.02), ("feather", 0.05)]


def mask_cases():
    cases = []
    for li, blobs in enumerate(LAYOUTS):
        for h, w in SIZES:
            for mode, fw in MODES:
                m = rasterize_blob_masks(blobs, h, w, mode, fw if fw else 0.02)
                case = dict(name=f"layout{li}-{h}x{w}-{mode}" + (f"-{fw}" if fw else ""),
                            blobs=[dict(cx=b[0], cy=b[1], a=b[2], b=b[3], theta=b[4]) for b in blobs],
                            h=h, w=w, mode=mode, values=[round(float(v), 7) for v in m.reshape(-1)])
                if fw:
                    case["featherWidth"] = fw
                cases.append(case)
    return cases


def rng_reference():
    out = []
    for seed in (0, 1, 12345):
        g = SeededNoise(seed)
        u32 = [g.next_u32() for _ in range(8)]
        normals = SeededNoise(seed).normals(8)
        out.append(dict(seed=seed, uint32=u32, normals=[float(v) for v in normals]))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pack", default=DEFAULT_PACK)
    main_into(ap.parse_args().pack)


def main_into(pack):
    gdir = os.path.join(pack, "goldens")
    os.makedirs(gdir, exist_ok=True)
    with open(os.path.join(gdir, "masks.json"), "w") as f:
        json.dump(dict(contract="docs/contracts.md §2", layout="float32[nBlobs, h, w] row-major, flattened",
                       tolerance=1 / 255, cases=mask_cases()), f, separators=(",", ":"))
    with open(os.path.join(gdir, "rng.json"), "w") as f:
        json.dump(dict(contract="docs/contracts.md §5", cases=rng_reference()), f, indent=1)
    print("wrote", gdir)


if __name__ == "__main__":
    main()
