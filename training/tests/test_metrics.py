import numpy as np
import pytest

from blobgen import data
from blobgen.metrics import evaluate_images


def _scenes(n=24):
    return [data.sample_scene(20_000_000 + i, heldout=True) for i in range(n)]


def test_ground_truth_renders_score_perfect_colour_and_background():
    scenes = _scenes()
    m = evaluate_images(scenes, [data.render(s) for s in scenes])
    assert m["colour"] == 1.0 and m["colour_blobs_gt50"] == 1.0 and m["background"] == 1.0
    assert m["miou"] > 0.9  # < 1 only where a blob's colour also appears in a covering blob's pattern


def test_breakdown_partitions_the_headline_figures():
    scenes = _scenes()
    imgs = [data.render(s) for s in scenes]
    imgs[0] = np.zeros_like(imgs[0])  # one wrong image: its blobs and background score ~0
    m = evaluate_images(scenes, imgs)
    by_pattern, by_kind = m["colourByPattern"], m["backgroundByKind"]
    assert sum(v["count"] for v in by_pattern.values()) == m["blobs"]
    assert set(by_pattern) <= set(data.PATTERNS) and set(by_kind) <= {"flat", "gradient", "split"}
    pooled = sum(v["mean"] * v["count"] for v in by_pattern.values()) / m["blobs"]
    assert abs(pooled - m["colour"]) < 1e-3
    assert sum(v["count"] for v in by_kind.values()) == len(scenes)
    assert by_kind[scenes[0]["bg_kind"]]["mean"] < 1.0 and m["colour"] < 1.0


@pytest.mark.parametrize("kind", ["gradient", "split"])
def test_upside_down_background_scores_zero(kind):
    """The right two colours in the wrong places (sky under the ground) is a wrong background."""
    scene = next(s for s in _scenes(64) if s["bg_kind"] == kind)
    m = evaluate_images([scene], [data.render(dict(scene, bg=scene["bg"][::-1]))])
    assert m["background"] == 0.0 and m["colour"] == 1.0
