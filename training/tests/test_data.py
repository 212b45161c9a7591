import numpy as np

from blobgen import data
from blobgen.tokenizer import UNK, default_tokenizer


def test_scene_is_deterministic_per_seed():
    for seed in (0, 1, 999):
        a, b = data.sample_scene(seed), data.sample_scene(seed)
        assert a == b
        assert np.array_equal(data.render(a), data.render(b))
    assert data.sample_scene(1) != data.sample_scene(2)


def test_scene_ranges():
    for seed in range(200):
        s = data.sample_scene(seed)
        assert 1 <= len(s["blobs"]) <= 6
        for b in s["blobs"]:
            cx, cy, a, bb, th = b["params"]
            assert 0 < bb <= a and -np.pi <= th <= np.pi and 0 < cx < 1 and 0 < cy < 1
            assert not set(b["colors"]) & set(s["bg"])  # blobs always contrast with the background
        img = data.render(s)
        assert img.shape == (64, 64, 3) and img.min() >= 0 and img.max() <= 1


def _template_texts(heldout):
    split = 1 if heldout else 0
    return {t for table in (data.BLOB_TEMPLATES, data.BG_TEMPLATES) for v in table.values() for t in v[split]}


def test_heldout_templates_are_disjoint_and_used_only_for_eval():
    assert not _template_texts(True) & _template_texts(False)
    train_texts = {b["text"] for s in range(300) for b in data.sample_scene(s)["blobs"]}
    held_texts = {b["text"] for s in range(300) for b in data.sample_scene(s, heldout=True)["blobs"]}
    assert not train_texts & held_texts - {""}


def test_all_generated_words_are_in_vocab():
    tok = default_tokenizer()
    for seed in range(100):
        for heldout in (False, True):
            s = data.sample_scene(seed, heldout=heldout)
            for text in [s["caption"]] + [b["text"] for b in s["blobs"]]:
                assert UNK not in tok.word_ids(text), text


def test_eleven_colours_four_patterns():
    assert len(data.COLORS) >= 11 and set(data.PATTERNS) >= {"solid", "striped", "dotted", "checkered"}
