"""manifest.json of a model pack (schema documented in docs/model-pack.md)."""
import hashlib
import os

from .data import COLORS, NOUNS, PATTERNS
from .diffusion import T

SCHEMA_VERSION = 1


def file_entry(pack_dir, rel, role):
    path = os.path.join(pack_dir, rel)
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return dict(path=rel, bytes=os.path.getsize(path), sha256=h.hexdigest(), role=role)


def build_manifest(pack_dir, name, cut, sites, tokenizer, te_dim, settings, files, evaluation=None):
    segs = [dict(file=f"unet_segment{i}.onnx", inputs=s.inputs, outputs=s.outputs) for i, s in enumerate(cut.segments)]
    m = {
        "schemaVersion": SCHEMA_VERSION,
        "name": name,
        "version": "1.0.0",
        "license": "MIT",
        "description": "BlobGEN-tiny: a 2.3 M-parameter blob-conditioned diffusion model trained from scratch "
                       "on synthetic scenes of coloured, patterned ellipses (Nie et al., ICML 2024, in miniature).",
        "domain": {
            "summary": "Flat, gradient or sky/ground backgrounds with up to 6 ellipses, each a named colour, "
                       "solid or striped/dotted/checkered with a second colour.",
            "colors": [dict(name=k, rgb=list(v)) for k, v in COLORS.items()],
            "patterns": list(PATTERNS),
            "nouns": NOUNS,
            "maxBlobs": 6,
        },
        "image": {"width": 64, "height": 64},
        "latent": {
            "shape": [12, 32, 32],
            "scale": 1.0,
            "kind": "space-to-depth",
            "channelOrder": "channel 4*c + 2*dy + dx holds colour c (RGB) of pixel (2*y + dy, 2*x + dx), value 2*v - 1",
        },
        "tokenizer": {"file": "tokenizer.json", "maxTokensPerSegment": tokenizer.max_tokens,
                      "padTokenId": 0, "unkTokenId": 1, "clsTokenId": 2},
        "conditioning": {"mode": "trained-blob", "maskMode": settings["maskMode"], "featherWidth": None,
                         "maxBlobs": 6, "unconditionalCaption": ""},
        "textEncoder": {
            "file": "text_encoder.onnx",
            "inputs": {"inputIds": "input_ids", "attentionMask": "attention_mask", "blobParams": "blob_params",
                       "segmentKind": "segment_kind"},
            "inputTypes": {"input_ids": "int64[S,L]", "attention_mask": "float32[S,L]",
                           "blob_params": "float32[S,5]", "segment_kind": "float32[S]"},
            "output": "cond",
            "outputShape": ["S", "L", te_dim],
        },
        "prelude": {"file": "prelude.onnx", "input": cut.prelude.inputs[0], "outputs": cut.prelude.outputs},
        "unet": {
            "sampleInput": "sample",
            "timestepInput": "timestep",
            "output": "model_output",
            "segments": segs,
            "sites": [dict(index=i, segmentBefore=i, segmentAfter=i + 1, resolution=[r["resolution"]] * 2,
                           heads=r["heads"], headDim=r["headDim"], query=c["q"], output=c["attn"],
                           key=c["k"], value=c["v"]) for i, (c, r) in enumerate(zip(cut.cores, sites))],
            "monolithic": {
                "file": "bench/unet_monolithic.onnx",
                "purpose": "benchmark only: the same UNet with the masked attention inside, additive bias inputs",
                "inputs": {"sample": "sample", "timestep": "timestep", "cond": "cond",
                           "biasByResolution": {"32": "bias32", "16": "bias16", "8": "bias8"}},
                "inputTypes": {"sample": "float32[B,12,32,32]", "timestep": "float32[B]", "cond": "float32[B,N,128]",
                               "bias32": "float32[B,1024,N]", "bias16": "float32[B,256,N]", "bias8": "float32[B,64,N]"},
                "output": "model_output",
            },
            "flopsPerForward": settings["flops"],
        },
        "decoder": {"file": "decoder.onnx", "input": "latent", "output": "image",
                    "outputLayout": "NHWC", "outputChannels": "RGBA", "outputRange": [0, 1]},
        "scheduler": {
            "type": settings.get("sampler", "ddim"),
            "numTrainTimesteps": T,
            "betaSchedule": "squaredcos_cap_v2",
            "predictionType": "v_prediction",
            "timestepSpacing": "trailing",
            "setAlphaToOne": True,
            "clipSample": True,
            "clipSampleRange": 1.0,
            "eta": 0.0,
            "defaultSteps": settings["steps"],
            "defaultGuidance": settings["guidance"],
        },
        "precision": {"default": "fp32", "variants": {"fp32": {"requiresShaderF16": False}}},
        "goldens": {"masks": "goldens/masks.json", "rng": "goldens/rng.json",
                    "runs": [f"goldens/golden{i}.json" for i in range(3)]},
        "files": [file_entry(pack_dir, rel, role) for rel, role in files],
    }
    if evaluation:
        m["evaluation"] = evaluation
    return m
