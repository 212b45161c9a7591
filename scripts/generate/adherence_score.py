"""Score generated PNGs with training/'s layout-following metric (blobgen/metrics.py: per-blob
colour accuracy by nearest vocabulary colour, share of blobs > 50 % correct, background, mIoU).

    /usr/bin/python3 scripts/generate/adherence_score.py OUT_DIR
"""
import json
import os
import sys

import numpy as np
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "training"))
from blobgen import data  # noqa: E402
from blobgen.metrics import evaluate_images  # noqa: E402

out = sys.argv[1]
entries = json.load(open(os.path.join(out, "scenes.json")))
scenes = [data.sample_scene(e["seed"], heldout=True) for e in entries]
imgs = [np.asarray(Image.open(os.path.join(out, e["png"])).convert("RGB"), dtype=np.float32) / 255.0 for e in entries]
print(json.dumps(evaluate_images(scenes, imgs)))
