"""Golden for colourFidelity.test.ts: per-blob colour accuracy from training/blobgen/metrics.py on
rendered held-out scenes with noise added (so some pixels flip colour), images quantised to 8 bits
first so that TypeScript and Python classify exactly the same pixels.

    cd training && /usr/bin/python3 ../src/studio/fidelity/__fixtures__/make_fidelity_golden.py
"""
import base64
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.getcwd())
from blobgen import data  # noqa: E402
from blobgen.metrics import scene_metrics  # noqa: E402

out = []
rng = np.random.default_rng(7)
for seed in range(20_000_000, 20_000_006):
    scene = data.sample_scene(seed, heldout=True)
    img = data.render(scene)
    img = np.clip(img + rng.normal(0, 0.18, img.shape), 0, 1)
    q = np.round(img * 255).astype(np.uint8)
    col_acc, _, _ = scene_metrics(scene, q.astype(np.float32) / np.float32(255))
    rgba = np.concatenate([q, np.full(q.shape[:2] + (1,), 255, np.uint8)], axis=-1)
    out.append(dict(
        caption=scene["caption"],
        blobs=[dict(cx=b["params"][0], cy=b["params"][1], a=b["params"][2], b=b["params"][3], theta=b["params"][4],
                    description=b["text"], colors=[data.COLOR_NAMES[c] for c in b["colors"]]) for b in scene["blobs"]],
        rgbaBase64=base64.b64encode(rgba.tobytes()).decode(),
        colourAccuracy=col_acc,
    ))
json.dump(dict(size=data.IMAGE, colours=data.COLORS, scenes=out),
          open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "fidelity-golden.json"), "w"))
