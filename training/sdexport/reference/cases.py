"""The golden cases per test pack: every sampler once, ≥ 2 blobs with one overlapping pair, a
negative caption, a 0-blob case and a blob description longer than 77 tokens. Few steps and
tiny packs keep the files small: every site's K/V (the prelude check) is stored in the first case
of each pack and the long-description case, the other cases keep the K/V of the two sites whose
query / attention output they store."""
from .plan import Blob
from .run import Case

NEGATIVE = "blurry, low quality, watermark"
# Blob 0 and blob 1 overlap (centres 0.22 apart, semi-axes 0.2-0.26); blob 2 is apart.
CAT = Blob(0.36, 0.45, 0.26, 0.18, 0.35, "a ginger cat curled up asleep")
SOFA = Blob(0.56, 0.58, 0.24, 0.2, -0.6, "a grey velvet sofa cushion")
LAMP = Blob(0.8, 0.2, 0.12, 0.08, 1.1, "a brass floor lamp glowing warm")
LONG = Blob(0.5, 0.5, 0.3, 0.22, 0.0, (
    "an extremely detailed and very long description of a small wooden sailing boat with a tall white "
    "canvas sail, red and blue stripes painted along its hull, a coil of rope on the deck, a brass bell "
    "near the bow, two seagulls resting on the mast, gentle waves around it reflecting the orange evening "
    "sun, distant green hills on the horizon, soft clouds drifting across a pale sky, and a tiny lighthouse "
    "on a rocky island far behind it, painted in the style of a classic oil painting with thick brush strokes"))
CAPTION = "a cosy living room in the afternoon"

CASES = {
    "sd1-tiny": [
        Case("ddim-2blobs", 11, CAPTION, [CAT, SOFA], "ddim", 4, 5.0, NEGATIVE, "hard", all_kv=True),
        Case("euler-2blobs-coverage", 12, CAPTION, [CAT, SOFA], "euler", 4, 5.0, NEGATIVE, "coverage"),
        Case("euler-ancestral-3blobs-feather", 13, CAPTION, [CAT, SOFA, LAMP], "euler-ancestral", 4, 5.0, NEGATIVE,
             "feather", feather_width=0.04),
        Case("dpmpp-2m-karras-2blobs", 14, CAPTION, [CAT, SOFA], "dpmpp-2m-karras", 4, 5.0, NEGATIVE, "hard"),
        Case("ddim-0blobs", 16, "a quiet beach at dawn", [], "ddim", 3, 6.0, NEGATIVE, "hard"),
        Case("ddim-long-description", 17, CAPTION, [LONG, LAMP], "ddim", 3, 5.0, NEGATIVE, "coverage", all_kv=True),
    ],
    "sd2-tiny": [
        Case("ddim-2blobs-v", 21, CAPTION, [CAT, SOFA], "ddim", 4, 5.0, NEGATIVE, "hard", all_kv=True),
        Case("euler-ancestral-2blobs-v", 22, CAPTION, [CAT, SOFA], "euler-ancestral", 3, 5.0, NEGATIVE, "coverage"),
        Case("dpmpp-2m-karras-2blobs-v", 23, CAPTION, [SOFA, CAT], "dpmpp-2m-karras", 3, 5.0, "", "feather"),
        Case("turbo-1step", 24, CAPTION, [CAT, SOFA], "euler", 1, 0.0, "", "hard", guided=False,
             scheduler_overrides=dict(timestep_spacing="trailing")),
        Case("turbo-4step", 25, CAPTION, [CAT, SOFA, LAMP], "euler", 4, 0.0, "", "hard", guided=False,
             scheduler_overrides=dict(timestep_spacing="trailing")),
    ],
    "lcm-tiny": [
        Case("lcm-4step-2blobs", 31, CAPTION, [CAT, SOFA], "lcm", 4, 8.0, "", "hard", guided=False, all_kv=True),
        Case("lcm-2step-0blobs", 32, "a quiet beach at dawn", [], "lcm", 2, 4.0, "", "hard", guided=False),
    ],
}
