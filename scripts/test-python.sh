#!/usr/bin/env bash
# training/ tests on Debian's interpreter (the python3 first on PATH may not see python3-torch).
set -euo pipefail
cd "$(dirname "$0")/.."
exec /usr/bin/python3 -m pytest -q -p no:cacheprovider training/tests "$@"
