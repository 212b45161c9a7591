"""Closed-vocabulary tokenizer, written as a Hugging Face `tokenizer.json` (WordPiece, whole words).

The browser loads tokenizer.json with @huggingface/tokenizers (which has no WordLevel model),
so the vocabulary is whole words in WordPiece form: a word that is not in the vocab has no
'##' continuation and becomes [UNK]. `encode` below mirrors BertNormalizer(lowercase) +
BertPreTokenizer + WordPiece for that vocabulary, and contracts.md §4 ([CLS] + words, truncate, pad).
"""
import json
import unicodedata

import numpy as np

SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]"]
PUNCT = list(".,!?;:'\"-()")
PAD, UNK, CLS = 0, 1, 2


def build_vocab(words):
    return SPECIAL + PUNCT + sorted(set(words) - set(SPECIAL) - set(PUNCT))


def _is_punct(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def normalize(text):
    """BertNormalizer(clean_text, lowercase, strip_accents follows lowercase)."""
    text = "".join(" " if ch.isspace() else ch for ch in text
                   if not (ord(ch) == 0 or ord(ch) == 0xFFFD or unicodedata.category(ch) in ("Cc", "Cf")) or ch.isspace())
    text = unicodedata.normalize("NFD", text.lower())
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn")


def pre_tokenize(text):
    """BertPreTokenizer: split on whitespace, every punctuation char is its own token."""
    words, cur = [], ""
    for ch in text:
        if ch.isspace() or _is_punct(ch):
            if cur:
                words.append(cur)
            cur = ""
            if _is_punct(ch):
                words.append(ch)
        else:
            cur += ch
    if cur:
        words.append(cur)
    return words


class Tokenizer:
    def __init__(self, vocab, max_tokens=16):
        self.vocab = list(vocab)
        self.ids = {w: i for i, w in enumerate(self.vocab)}
        self.max_tokens = max_tokens
        assert self.vocab[:3] == ["[PAD]", "[UNK]", "[CLS]"]

    def word_ids(self, text):
        return [self.ids.get(w, UNK) if len(w) <= 100 else UNK for w in pre_tokenize(normalize(text))]

    def encode(self, text):
        """(ids int64[L], attention mask int64[L]) per contracts.md §4."""
        ids = ([CLS] + self.word_ids(text))[: self.max_tokens]
        mask = [1] * len(ids) + [0] * (self.max_tokens - len(ids))
        ids = ids + [PAD] * (self.max_tokens - len(ids))
        return np.array(ids, dtype=np.int64), np.array(mask, dtype=np.int64)

    def decode(self, ids):
        return " ".join(self.vocab[i] for i in ids if i not in (PAD, CLS))

    def to_hf_json(self):
        return {
            "version": "1.0",
            "truncation": None,
            "padding": None,
            "added_tokens": [
                {"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False,
                 "normalized": False, "special": True} for i, t in enumerate(SPECIAL)
            ],
            "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                           "strip_accents": None, "lowercase": True},
            "pre_tokenizer": {"type": "BertPreTokenizer"},
            "post_processor": {
                "type": "TemplateProcessing",
                "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
                "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                         {"Sequence": {"id": "B", "type_id": 1}}],
                "special_tokens": {"[CLS]": {"id": "[CLS]", "ids": [CLS], "tokens": ["[CLS]"]}},
            },
            "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
            "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                      "max_input_chars_per_word": 100, "vocab": {w: i for i, w in enumerate(self.vocab)}},
        }

    def save(self, path):
        with open(path, "w") as f:
            json.dump(self.to_hf_json(), f, indent=1)

    @classmethod
    def load(cls, path, max_tokens=16):
        with open(path) as f:
            vocab = json.load(f)["model"]["vocab"]
        return cls(sorted(vocab, key=vocab.get), max_tokens)


def default_tokenizer(max_tokens=16):
    from .data import all_template_words
    return Tokenizer(build_vocab(all_template_words()), max_tokens)
