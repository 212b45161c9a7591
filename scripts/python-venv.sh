#!/usr/bin/env bash
# Creates .venv on Debian's /usr/bin/python3 (it sees python3-torch, numpy, onnx, pytest through
# --system-site-packages) and installs the pinned PyPI packages of training/requirements-sd*.txt.
# Idempotent: re-running with the same pins does nothing. Debian's numpy is kept (constraint).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv
[ -x "$VENV/bin/python" ] || /usr/bin/python3 -m venv --system-site-packages "$VENV"
stamp="$VENV/.requirements-sd.sha256"
want="$(cat training/requirements-sd.txt training/requirements-sd-nodeps.txt | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  constraints="$(mktemp)"
  /usr/bin/python3 -c 'import numpy; print(f"numpy=={numpy.__version__}")' > "$constraints"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -c "$constraints" -r training/requirements-sd.txt
  # open_clip_torch declares torch >= 2 but only its CLIP BPE data file is read (never imported),
  # so it is installed without dependencies, pinned by hash.
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r training/requirements-sd-nodeps.txt
  rm -f "$constraints"
  echo "$want" > "$stamp"
fi
