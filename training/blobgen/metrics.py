"""Layout-following metrics on generated images, by nearest vocabulary colour.

- colour accuracy (per blob): share of the blob's interior pixels (ρ ≤ 0.9, outside every other
  blob) whose nearest vocabulary colour is a described colour (either colour for patterned
  blobs); averaged over blobs. Also reported: share of blobs with > 50 % correct pixels.
- background accuracy: share of pixels outside every blob (ρ > 1.1) whose nearest colour is one
  of the caption's colours, in the right place: a gradient's first colour in the top fifth of
  the rows and its second in the bottom fifth (where the colour is unambiguous); a split's sky
  colour above the horizon and its ground colour below it (rows within 0.05 of it excluded).
- mIoU: per blob, IoU between its visible ellipse (not covered by later blobs) and the pixels of
  its colour(s) that lie outside every other blob; averaged over blobs.
"""
import numpy as np

from .data import IMAGE, PALETTE, _pixel_grid
from .masks import rho2


def nearest_colour(img):
    d = ((img[:, :, None, :] - PALETTE[None, None]) ** 2).sum(-1)
    return d.argmin(-1)


def scene_metrics(scene, img):
    lab = nearest_colour(img)
    x, y = _pixel_grid(IMAGE)
    r2 = [rho2(b["params"], x, y) for b in scene["blobs"]]
    inside = [r <= 1 for r in r2]
    any_blob = np.any([r <= 1.21 for r in r2], axis=0)
    col_acc, col_pattern, iou = [], [], []
    for i, b in enumerate(scene["blobs"]):
        others = np.zeros_like(inside[i])
        for j in range(len(scene["blobs"])):
            if j != i:
                others |= inside[j]
        match = np.isin(lab, b["colors"])
        core = (r2[i] <= 0.81) & ~others
        if core.sum() >= 4:
            col_acc.append(float(match[core].mean()))
            col_pattern.append(b["pattern"])
        later = np.zeros_like(inside[i])
        for j in range(i + 1, len(scene["blobs"])):
            later |= inside[j]
        vis = inside[i] & ~later
        if vis.sum() >= 4:
            pred = match & ~others
            pred_region = pred | (match & inside[i] & ~later)
            iou.append(float((vis & pred_region).sum() / max(1, (vis | pred_region).sum())))
    bg = ~any_blob
    if scene["bg_kind"] == "gradient":
        top, bot = y < 0.2, y > 0.8
        ok = np.where(top, lab == scene["bg"][0], lab == scene["bg"][1])
        region = bg & (top | bot)
    elif scene["bg_kind"] == "split":
        above = y < scene["horizon"]
        ok = np.where(above, lab == scene["bg"][0], lab == scene["bg"][1])
        region = bg & (np.abs(y - scene["horizon"]) > 0.05)
    else:
        ok = lab == scene["bg"][0]
        region = bg
    bg_acc = float(ok[region].mean()) if region.sum() > 0 else None
    return col_acc, col_pattern, iou, bg_acc


def _means_by(keys, values):
    """{key: {"mean", "count"}}: where the headline figures lose, e.g. per pattern or background kind."""
    out = {}
    for k in sorted(set(keys)):
        v = [x for kk, x in zip(keys, values) if kk == k]
        out[k] = dict(mean=round(float(np.mean(v)), 4), count=len(v))
    return out


def evaluate_images(scenes, imgs):
    cols, patterns, ious, bgs, kinds = [], [], [], [], []
    for s, im in zip(scenes, imgs):
        c, p, i, b = scene_metrics(s, im)
        cols += c
        patterns += p
        ious += i
        if b is not None:
            bgs.append(b)
            kinds.append(s["bg_kind"])
    return dict(colour=float(np.mean(cols)), colour_blobs_gt50=float(np.mean(np.array(cols) > 0.5)),
                background=float(np.mean(bgs)), miou=float(np.mean(ious)), blobs=len(cols),
                colourByPattern=_means_by(patterns, cols), backgroundByKind=_means_by(kinds, bgs))
