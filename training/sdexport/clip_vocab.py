"""CLIP's BPE vocabulary (vocab.json + merges.txt) built offline, without a model hub.

The 49408-token vocabulary of every SD-1.x/2.x text encoder is defined by one merges file,
`bpe_simple_vocab_16e6.txt.gz`, which PyPI's `open_clip_torch` wheel ships. The vocabulary order
is: the 256 byte symbols (GPT-2 byte-to-unicode map), the same 256 with the end-of-word suffix
`</w>`, one token per merge (the first 48894 merges), then `<|startoftext|>` and `<|endoftext|>`.
That is the order of the `vocab.json` that SD model folders carry, so ids agree with them.

open_clip itself requires torch >= 2.0, so it is installed with `--no-deps` and never imported:
only its data file is read (located with importlib, which runs none of its code).
"""
from __future__ import annotations

import gzip
import importlib.util
import json
import os
from pathlib import Path

from transformers.models.clip.tokenization_clip import bytes_to_unicode

BPE_FILE_NAME = "bpe_simple_vocab_16e6.txt.gz"
VOCAB_SIZE = 49408
MERGE_COUNT = VOCAB_SIZE - 2 * 256 - 2  # 48894
BOS_TOKEN = "<|startoftext|>"
EOS_TOKEN = "<|endoftext|>"


def find_bpe_file() -> Path:
    """Path of open_clip's merges file; $SDEXPORT_CLIP_BPE overrides it."""
    override = os.environ.get("SDEXPORT_CLIP_BPE")
    if override:
        path = Path(override)
        if not path.is_file():
            raise FileNotFoundError(f"SDEXPORT_CLIP_BPE={override} is not a file")
        return path
    spec = importlib.util.find_spec("open_clip")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(
            "CLIP's BPE merges file was not found: install open_clip_torch (pinned in "
            "training/requirements-sd-nodeps.txt: pip install --no-deps --require-hashes -r ...) or set SDEXPORT_CLIP_BPE "
            f"to a copy of {BPE_FILE_NAME}")
    for location in spec.submodule_search_locations:
        path = Path(location) / BPE_FILE_NAME
        if path.is_file():
            return path
    raise FileNotFoundError(f"open_clip is installed but has no {BPE_FILE_NAME}")


def read_merges(bpe_path: Path) -> list[tuple[str, str]]:
    lines = gzip.open(bpe_path).read().decode("utf-8").split("\n")
    # Line 0 is a version header; CLIP uses the next MERGE_COUNT merges.
    merges = [tuple(line.split()) for line in lines[1:1 + MERGE_COUNT]]
    if len(merges) != MERGE_COUNT or any(len(m) != 2 for m in merges):
        raise ValueError(f"{bpe_path} does not hold {MERGE_COUNT} two-symbol merges")
    return merges  # type: ignore[return-value]


def build_vocab(merges: list[tuple[str, str]]) -> dict[str, int]:
    symbols = list(bytes_to_unicode().values())
    tokens = symbols + [s + "</w>" for s in symbols] + ["".join(m) for m in merges]
    tokens += [BOS_TOKEN, EOS_TOKEN]
    vocab = {token: index for index, token in enumerate(tokens)}
    if len(vocab) != VOCAB_SIZE:
        raise ValueError(f"CLIP vocabulary has {len(vocab)} distinct tokens, expected {VOCAB_SIZE}")
    return vocab


def write_clip_vocab_files(folder: Path) -> tuple[Path, Path]:
    """Writes vocab.json and merges.txt (Hugging Face CLIPTokenizer format) into folder."""
    folder.mkdir(parents=True, exist_ok=True)
    merges = read_merges(find_bpe_file())
    vocab_path, merges_path = folder / "vocab.json", folder / "merges.txt"
    vocab_path.write_text(json.dumps(build_vocab(merges), ensure_ascii=False), encoding="utf-8")
    merges_path.write_text("#version: 0.2\n" + "\n".join(" ".join(m) for m in merges) + "\n",
                           encoding="utf-8")
    return vocab_path, merges_path
