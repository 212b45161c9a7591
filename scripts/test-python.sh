#!/usr/bin/env bash
# Python tests: training/tests (our trained pack, the SD exporter test_sdexport_*, the SD reference
# and goldens test_sd_reference_*). All run on .venv's interpreter: it is
# Debian's python3 (python3-torch, numpy, onnx, pytest via --system-site-packages) plus the pinned
# PyPI packages the SD tests need (diffusers, transformers, onnxruntime: scripts/python-venv.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  echo "test-python: .venv is missing; create it with: bash scripts/python-venv.sh" >&2
  exit 1
fi
exec .venv/bin/python -m pytest -q -p no:cacheprovider training/tests "$@"
