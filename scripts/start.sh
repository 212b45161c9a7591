#!/usr/bin/env bash
# Install and start the app with the default model pack (public/models/), as a production build
# served on http://127.0.0.1:4173. Needs Node 20.19+ and npm; no GPU is needed to build.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
npm run build
exec npx vite preview --host 127.0.0.1 --port "${PORT:-4173}" --strictPort
