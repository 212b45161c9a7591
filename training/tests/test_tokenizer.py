import json

import numpy as np

from blobgen.tokenizer import CLS, PAD, UNK, Tokenizer, default_tokenizer


def test_round_trip_and_format(tmp_path):
    tok = default_tokenizer()
    path = tmp_path / "tokenizer.json"
    tok.save(path)
    spec = json.loads(path.read_text())
    assert spec["model"]["type"] == "WordPiece" and spec["normalizer"]["type"] == "BertNormalizer"
    assert spec["pre_tokenizer"]["type"] == "BertPreTokenizer"
    again = Tokenizer.load(path)
    for text in ["a red striped blob", "The object is bright BLUE with white dots.", "green and yellow stripes", ""]:
        ids, mask = tok.encode(text)
        ids2, mask2 = again.encode(text)
        assert np.array_equal(ids, ids2) and np.array_equal(mask, mask2)
        words = tok.decode(ids)
        assert words == " ".join(text.lower().replace(".", " .").split())


def test_contract_cls_pad_truncate_unknown():
    tok = default_tokenizer(max_tokens=8)
    ids, mask = tok.encode("")
    assert ids[0] == CLS and mask.sum() == 1 and (ids[1:] == PAD).all()
    ids, mask = tok.encode("A Red, striped blob... zebra!")
    words = [tok.vocab[i] for i in ids[: mask.sum()]]
    assert words[:5] == ["[CLS]", "a", "red", ",", "striped"]
    ids, _ = tok.encode("zebra élan naïve")
    assert list(ids[1:4]) == [UNK, UNK, UNK]
    ids, mask = tok.encode(" ".join(["red"] * 30))
    assert mask.sum() == 8 and ids[0] == CLS


def test_accents_and_case_are_normalised():
    tok = default_tokenizer()
    assert np.array_equal(tok.encode("RÉD BLÛE")[0], tok.encode("red blue")[0])
