"""Write held-out evaluation layouts (training/evaluate.py's scenes: held-out templates, seeds
disjoint from training) as Layout JSON v1 files, plus scenes.json for scoring.

    /usr/bin/python3 scripts/generate/adherence_layouts.py OUT_DIR N
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "training"))
from blobgen import data  # noqa: E402

EVAL_SEED = 20_000_000  # training/evaluate.py: disjoint from training and quick-eval seeds

out, n = sys.argv[1], int(sys.argv[2])
os.makedirs(out, exist_ok=True)
scenes = []
for i in range(n):
    s = data.sample_scene(EVAL_SEED + i, heldout=True)
    layout = {"format": "blobgen-layout", "version": 1, "caption": s["caption"],
              "blobs": [{"id": f"b{k}", "cx": float(b["params"][0]), "cy": float(b["params"][1]), "a": float(b["params"][2]),
                         "b": float(b["params"][3]), "theta": float(b["params"][4]), "description": b["text"]}
                        for k, b in enumerate(s["blobs"])]}
    with open(os.path.join(out, f"layout{i:03d}.json"), "w") as f:
        json.dump(layout, f)
    scenes.append(dict(file=f"layout{i:03d}.json", png=f"image{i:03d}.png", seed=EVAL_SEED + i))
with open(os.path.join(out, "scenes.json"), "w") as f:
    json.dump(scenes, f)
