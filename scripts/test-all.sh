#!/usr/bin/env bash
# The one test command (README): every layer, stops at the first failing layer.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==== %s ====\n' "$1"; }

step 'type-check';       npx tsc -b
step 'lint';             npx eslint .
step 'unit (vitest, node)';        npx vitest run --project unit
step 'browser (vitest, chromium + WebGPU)'; npx vitest run --project browser
step 'python (training/, pytest)'; bash scripts/test-python.sh
step 'e2e (playwright, production build)';  npx playwright test
