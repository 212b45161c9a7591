import json
import math
import os

import numpy as np
import pytest

from blobgen.masks import rasterize_blob_masks
from conftest import PACK


def test_coverage_hard_feather_basics():
    blobs = [(0.5, 0.5, 0.3, 0.2, 0.4), (0.5, 0.5, 2.0, 2.0, 0.0), (0.5, 0.5, 0.0, 0.1, 0.0), (0.5, 0.5, 0.2, float("nan"), 0.0)]
    cov = rasterize_blob_masks(blobs, 16, 16, "coverage")
    assert cov.shape == (4, 16, 16) and cov.dtype == np.float32
    assert np.allclose(cov * 16, np.round(cov * 16))
    assert (cov[1] == 1).all() and (cov[2] == 0).all() and (cov[3] == 0).all()
    hard = rasterize_blob_masks(blobs, 16, 16, "hard")
    assert np.array_equal(hard, (cov >= 0.5).astype(np.float32))
    fea = rasterize_blob_masks(blobs, 16, 16, "feather", 0.05)
    assert fea.min() >= 0 and fea.max() <= 1
    assert (fea[0] > 0).sum() >= (cov[0] > 0).sum()  # soft edges reach further out
    area = cov[0].sum() / 256
    assert abs(area - math.pi * 0.3 * 0.2) < 0.02
    with pytest.raises(ValueError):
        rasterize_blob_masks(blobs, 4, 4, "blur")


def test_y_points_down_and_theta_rotates_clockwise_on_screen():
    m = rasterize_blob_masks([(0.5, 0.25, 0.3, 0.12, 0.0)], 8, 8, "hard")[0]
    assert m[1:3].sum() > 0 and m[5:].sum() == 0  # cy = 0.25 is in the top half
    m = rasterize_blob_masks([(0.5, 0.5, 0.45, 0.05, math.pi / 4)], 16, 16, "hard")[0]
    assert m[3, 3] == 1 and m[12, 12] == 1 and m[3, 12] == 0  # +45° runs top-left to bottom-right


def test_shipped_mask_goldens_match():
    path = os.path.join(PACK, "goldens", "masks.json")
    cases = json.load(open(path))["cases"]
    assert {c["mode"] for c in cases} == {"coverage", "hard", "feather"}
    for c in cases:
        blobs = [(b["cx"], b["cy"], b["a"], b["b"], b["theta"]) for b in c["blobs"]]
        m = rasterize_blob_masks(blobs, c["h"], c["w"], c["mode"], c.get("featherWidth", 0.02))
        assert np.abs(m.reshape(-1) - np.array(c["values"], np.float32)).max() <= 1e-6, c["name"]
