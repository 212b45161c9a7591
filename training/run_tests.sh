#!/bin/sh
# CI entry point for the training/export tests (Debian python3 with python3-torch, -numpy, -onnx,
# -pytest, -pil installed by the CI script). Run from anywhere.
set -e
cd "$(dirname "$0")/.."
exec /usr/bin/python3 -m pytest -q training/tests "$@"
