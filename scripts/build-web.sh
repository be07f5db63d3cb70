#!/usr/bin/env bash
# Builds the front ends into dist/web (vite), which the backend serves. Skipped while no face has a page yet.
set -euo pipefail
cd "$(dirname "$0")/.."
if ls addin/*.html teams-app/*.html >/dev/null 2>&1; then
  npx vite build --logLevel warn
fi
