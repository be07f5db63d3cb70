#!/usr/bin/env bash
# Installs the npm dependencies when node_modules is missing or older than package-lock.json, so the README's
# two commands work on a fresh clone and stay fast on the second run.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] \
   || ! node -e "new (require('better-sqlite3'))(':memory:').close()" 2>/dev/null; then
  echo "Installing dependencies (npm ci; better-sqlite3 compiles from source, about 2 minutes)..."
  npm ci --no-audit --no-fund --loglevel=error
fi
