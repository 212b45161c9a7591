"""Synthetic blob scenes: layout + description + rendered 64x64 RGB image, deterministic per seed.

A scene is drawn from numpy's PCG64 seeded with (seed, split) so that the same seed always
gives the same layout, texts and pixels. Held-out templates (evaluation) never appear in
training scenes: `heldout=True` switches every text to the held-out template set.
"""
import numpy as np

from .masks import rho2

IMAGE = 64

# The colour vocabulary: names and sRGB values (shipped in the manifest; the evaluation
# classifies pixels by their nearest vocabulary colour).
COLORS = {
    "red": (220, 30, 30),
    "orange": (245, 140, 20),
    "yellow": (245, 225, 40),
    "green": (40, 170, 60),
    "blue": (40, 80, 220),
    "purple": (130, 50, 180),
    "pink": (245, 140, 190),
    "brown": (120, 75, 35),
    "black": (20, 20, 20),
    "white": (240, 240, 240),
    "gray": (128, 128, 128),
}
COLOR_NAMES = list(COLORS)
PALETTE = np.array([COLORS[c] for c in COLOR_NAMES], dtype=np.float32) / 255.0
PATTERNS = ("solid", "striped", "dotted", "checkered")

NOUNS = ["blob", "shape", "object", "ellipse", "oval", "thing", "spot", "patch"]
ADJ = ["", "bright ", "vivid ", "bold ", "plain "]  # never change the colour itself

# {c}: main colour, {d}: second colour, {n}: noun, {j}: adjective
BLOB_TEMPLATES = {
    "solid": (
        ["a {j}{c} {n}", "{c}", "the {n} is {c}", "a plain {c} {n}", "solid {c} {n}",
         "a {n} that is {j}{c}", "{j}{c} colored {n}", "this {n} is entirely {c}"],
        ["the {n} is colored {j}{c}", "an {c} {n} with no pattern"],
    ),
    "striped": (
        ["a {c} {n} with {d} stripes", "{c} and {d} stripes", "a {c} and {d} striped {n}",
         "the {n} is {c} with {d} stripes", "striped {n} in {c} and {d}", "{j}{c} stripes on {d}"],
        ["{d} stripes on a {c} {n}", "the {n} has {c} and {d} stripes"],
    ),
    "dotted": (
        ["a {c} {n} with {d} dots", "the {n} is {j}{c} with {d} dots", "{c} with {d} spots",
         "a dotted {c} and {d} {n}", "{d} dots on a {c} {n}", "{c} {n} covered in {d} dots"],
        ["{d} spots on a {j}{c} {n}", "the {n} is dotted {c} and {d}"],
    ),
    "checkered": (
        ["a {c} and {d} checkered {n}", "{c} and {d} checks", "a checkered {n} in {c} and {d}",
         "the {n} is checkered {c} and {d}", "{c} {n} with {d} checks", "checkerboard of {c} and {d}"],
        ["{d} and {c} checks on the {n}", "the {n} has a {c} and {d} checkerboard"],
    ),
}
BG_TEMPLATES = {
    "flat": (["a plain {c} background", "{c} background", "the background is {c}", "a scene on {c}"],
             ["everything behind is {c}"]),
    "gradient": (["a gradient from {c} at the top to {d} at the bottom", "{c} fading to {d}",
                  "the background fades from {c} to {d}",
                  "a vertical gradient from {c} to {d}", "{c} on top fading to {d} below"],
                 ["a {c} to {d} gradient background"]),
    "split": (["{d} ground under a {c} sky", "a {c} sky over {d} ground", "sky is {c} and ground is {d}"],
              ["{d} ground with {c} sky above"]),
}
# Words only appearing in tokenizer vocab (punctuation and a few fillers) so that typed
# captions from the app still tokenise sensibly.
EXTRA_WORDS = ["and", "with", "a", "an", "the", "of", "in", "on", "is", "scene", "image", "picture",
               "light", "dark", "circle", "ball", "round", "pattern", "stripe", "dot", "check",
               "blobs", "shapes", "objects", "over", "under", "above", "below", "left", "right"]


def all_template_words():
    words = set(COLOR_NAMES) | set(NOUNS) | set(EXTRA_WORDS) | {j.strip() for j in ADJ if j}
    for table in (BLOB_TEMPLATES, BG_TEMPLATES):
        for train, held in table.values():
            for t in train + held:
                for tok in t.replace("{j}", "").split():
                    if "{" not in tok:
                        words.add(tok)
    return sorted(words)


def _fill(rng, template, c, d=None):
    noun = NOUNS[rng.integers(len(NOUNS))]
    adj = ADJ[rng.integers(len(ADJ))]
    text = template.format(c=c, d=d, n=noun, j=adj)
    if text.startswith("an ") and text[3] not in "aeiou":  # keep grammar plausible
        text = "a " + text[3:]
    return " ".join(text.split())


def _pick(rng, options):
    return options[rng.integers(len(options))]


def sample_scene(seed, heldout=False, max_blobs=6):
    """A scene dict: caption, background spec, blobs (params, colours, pattern, text)."""
    rng = np.random.default_rng([seed, 1 if heldout else 0])
    split = 1 if heldout else 0
    kind = _pick(rng, ["flat", "flat", "gradient", "split"])
    bg = [int(i) for i in rng.choice(len(COLOR_NAMES), size=2, replace=False)]
    if kind == "flat":
        bg = bg[:1]
    caption = _fill(rng, _pick(rng, BG_TEMPLATES[kind][split]), *[COLOR_NAMES[i] for i in bg])
    horizon = float(rng.uniform(0.35, 0.7))
    n = int(rng.integers(1, max_blobs + 1))
    free = [i for i in range(len(COLOR_NAMES)) if i not in bg]  # blobs contrast with the background
    blobs = []
    for _ in range(n):
        a = float(rng.uniform(0.08, 0.3))
        b = float(rng.uniform(max(0.06, 0.35 * a), a))
        cx, cy = (float(v) for v in rng.uniform(0.12, 0.88, size=2))
        theta = float(rng.uniform(-np.pi, np.pi))
        pattern = _pick(rng, PATTERNS)
        cols = [int(i) for i in rng.choice(free, size=2, replace=False)]
        if pattern == "solid":
            cols = cols[:1]
        text = _fill(rng, _pick(rng, BLOB_TEMPLATES[pattern][split]), *[COLOR_NAMES[i] for i in cols])
        blobs.append(dict(params=(cx, cy, a, b, theta), colors=cols, pattern=pattern, text=text))
    return dict(seed=seed, heldout=heldout, caption=caption, bg_kind=kind, bg=bg,
                horizon=horizon, blobs=blobs)


def _pixel_grid(size=IMAGE):
    c = (np.arange(size, dtype=np.float32) + np.float32(0.5)) / np.float32(size)
    return np.meshgrid(c, c)  # x, y at pixel centres, y down


def render_background(scene, size=IMAGE):
    x, y = _pixel_grid(size)
    c0 = PALETTE[scene["bg"][0]]
    if scene["bg_kind"] == "flat":
        return np.broadcast_to(c0, (size, size, 3)).copy()
    c1 = PALETTE[scene["bg"][1]]
    if scene["bg_kind"] == "gradient":
        t = y[..., None]
        return (1 - t) * c0 + t * c1
    return np.where((y < scene["horizon"])[..., None], c0, c1)


def pattern_mask(blob, x, y):
    """True where the blob shows its second colour (in blob-local coordinates, image-width units)."""
    cx, cy, a, b, th = blob["params"]
    dx, dy = x - cx, y - cy
    pu = dx * np.cos(th) + dy * np.sin(th)
    pv = -dx * np.sin(th) + dy * np.cos(th)
    if blob["pattern"] == "striped":  # stripes run along the blob's major axis
        return np.floor(pv / 0.0625) % 2 == 1
    if blob["pattern"] == "dotted":
        gu = pu - 0.125 * np.round(pu / 0.125)
        gv = pv - 0.125 * np.round(pv / 0.125)
        return gu * gu + gv * gv <= 0.035 ** 2
    if blob["pattern"] == "checkered":
        return (np.floor(pu / 0.09) + np.floor(pv / 0.09)) % 2 == 1
    return np.zeros_like(x, dtype=bool)


def render(scene, size=IMAGE):
    """float32[size, size, 3] in [0, 1]; later blobs are painted on top."""
    img = render_background(scene, size)
    x, y = _pixel_grid(size)
    for blob in scene["blobs"]:
        inside = rho2(blob["params"], x, y) <= 1
        col = np.where(pattern_mask(blob, x, y)[..., None] & (len(blob["colors"]) > 1),
                       PALETTE[blob["colors"][-1]], PALETTE[blob["colors"][0]])
        img = np.where(inside[..., None], col, img)
    return img.astype(np.float32)
