#!/usr/bin/env bash
# Install everything the tests need on a fresh Debian machine, then run every test layer.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/test-all.sh
