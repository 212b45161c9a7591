"""python -m sdexport --model <diffusers folder> --out <pack folder> [--variant fp16|fp32|both] [--taesd <folder>]

Run from training/ with the project's venv: `cd training && ../.venv/bin/python -m sdexport ...`.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .attention_marker import UnsupportedModelError
from .model_folder import MissingComponentError


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sdexport", description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, type=Path, help="diffusers model folder (model_index.json, unet/, vae/, text_encoder/, tokenizer/, scheduler/)")
    parser.add_argument("--out", required=True, type=Path, help="pack folder to write")
    parser.add_argument("--variant", choices=["fp32", "fp16", "both"], default="both")
    parser.add_argument("--taesd", type=Path, help="TAESD (AutoencoderTiny) folder for previews")
    parser.add_argument("--name", help="pack name (default: the model folder's name)")
    parser.add_argument("--license", default="unspecified", help="SPDX id or licence name of the weights")
    parser.add_argument("--description")
    parser.add_argument("--benchmark-monolithic", action="store_true",
                        help="also write unet_monolithic.onnx (fp32, plain attention with additive biases; "
                             "listed as unet.monolithic, role benchmark; for bench/ only)")
    args = parser.parse_args(argv)
    variants = ("fp32", "fp16") if args.variant == "both" else (args.variant,)
    from .exporter import export_pack  # heavy imports after argument errors
    try:
        export_pack(args.model, args.out, variants, args.taesd, args.name, args.license, args.description,
                    benchmark_monolithic=args.benchmark_monolithic)
    except (UnsupportedModelError, MissingComponentError) as error:
        print(f"sdexport: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
