#!/usr/bin/env bash
# Installs everything the app and its tests need on a fresh Debian machine (idempotent).
# Debian packages: chromium (tests drive it), Python + torch (training/ tests and export);
# PyPI packages (diffusers, transformers, onnxruntime: the SD exporter) into .venv on Debian's torch.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
[ -x /usr/bin/chromium ] || [ -n "${BLOBGEN_CHROMIUM:-}" ] || need_apt+=(chromium)
/usr/bin/python3 -c 'import torch, numpy, onnx, pytest, PIL' 2>/dev/null \
  || need_apt+=(python3-torch python3-numpy python3-onnx python3-pytest python3-pil libopenblas0-openmp)
/usr/bin/python3 -c 'import ensurepip' 2>/dev/null || need_apt+=(python3-venv)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${need_apt[@]}"
fi
npm ci --no-audit --no-fund
bash scripts/python-venv.sh
