"""Writing graphs into a pack folder: fp16 variants, ONNX external data, sizes and SHA-256."""
from __future__ import annotations

import hashlib
from pathlib import Path

import onnx
from onnx.external_data_helper import load_external_data_for_model
from onnxruntime.transformers.float16 import convert_float_to_float16

# Protobuf cannot serialise a message over 2 GiB; stay well below it.
EXTERNAL_DATA_THRESHOLD = 1_900_000_000


def weight_bytes(model: onnx.ModelProto) -> int:
    total = 0
    for t in model.graph.initializer:
        total += len(t.raw_data) if t.HasField("raw_data") else t.ByteSize()
    return total


def to_fp16(model: onnx.ModelProto) -> onnx.ModelProto:
    """fp16 weights and arithmetic; graph inputs/outputs stay float32 (casts inside the graph)."""
    return convert_float_to_float16(model, keep_io_types=True)


def save_graph(model: onnx.ModelProto, path: Path) -> list[Path]:
    """Saves model; returns the files written (the graph, plus its external data when large)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if weight_bytes(model) > EXTERNAL_DATA_THRESHOLD:
        data = path.with_name(path.name + ".data")
        if data.exists():
            data.unlink()
        onnx.save_model(model, str(path), save_as_external_data=True,
                        all_tensors_to_one_file=True, location=data.name, size_threshold=1024)
        # save_model moved the weights out of `model`; read them back so it stays usable.
        load_external_data_for_model(model, str(path.parent))
        return [path, data]
    onnx.save_model(model, str(path))
    return [path]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def file_entry(root: Path, path: Path, role: str) -> dict:
    return {"path": path.relative_to(root).as_posix(), "bytes": path.stat().st_size,
            "sha256": sha256_of(path), "role": role}
