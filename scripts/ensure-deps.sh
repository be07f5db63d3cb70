#!/usr/bin/env bash
# Installs the npm dependencies when node_modules is missing or older than package-lock.json, so the README's
# two commands work on a fresh clone and stay fast on the second run.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] \
   || ! node -e "new (require('better-sqlite3'))(':memory:').close()" 2>/dev/null; then
  # A git worktree that links another checkout's node_modules gets a fresh mtime on package-lock.json at
  # checkout; npm ci here would wipe the shared directory under everyone using it. That checkout installs.
  if [ -L node_modules ]; then
    echo "node_modules links to $(readlink -f node_modules) and looks out of date; not installing through the link (run npm ci in that checkout)." >&2
    exit 0
  fi
  echo "Installing dependencies (npm ci; better-sqlite3 compiles from source, about 2 minutes)..."
  npm ci --no-audit --no-fund --loglevel=error
fi
