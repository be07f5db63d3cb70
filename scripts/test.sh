#!/usr/bin/env bash
# The README's test command: installs what is missing, starts the local PostgreSQL when this machine has one
# (so the store and API suites run on both databases), type-checks, and runs every vitest suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
if [ -z "${SUHDE_TEST_DATABASE_URL:-}" ]; then
  if [ "$(id -u)" = 0 ] && command -v pg_ctlcluster >/dev/null 2>&1; then
    SUHDE_TEST_DATABASE_URL=$(bash .ci/pg-setup.sh | tail -n 1)
    export SUHDE_TEST_DATABASE_URL
  elif [ "${CI:-}" = true ]; then
    echo "CI needs PostgreSQL: run .ci/run, which installs and starts it." >&2
    exit 1
  fi
fi
echo "PostgreSQL for the store and API suites: ${SUHDE_TEST_DATABASE_URL:-not available, SQLite only}"
npx tsc --noEmit -p tsconfig.json
bash scripts/build-web.sh
npx vitest run "$@"
