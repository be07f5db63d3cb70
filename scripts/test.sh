#!/usr/bin/env bash
# The README's test command: installs what is missing, starts the local PostgreSQL when this machine has one
# (so the store and API suites run on both databases), installs Chromium for the browser suites when it can
# (root with apt-get, as .ci/run does), type-checks, and runs every vitest suite.
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
# The browser suites (test/e2e) drive Debian's Chromium through playwright-core (test/support/chromium.ts).
chromium=${SUHDE_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ] && [ -z "${SUHDE_CHROMIUM:-}" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium for the browser suites (apt-get install chromium fonts-noto-core)..."
  # A failed install (no network, no such package) leaves the suites to skip rather than stopping every test.
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null; } \
    || echo "apt-get could not install Chromium." >&2
fi
if [ -x "$chromium" ]; then
  echo "Chromium for the browser suites: $chromium"
elif [ "${CI:-}" = true ]; then
  echo "Chromium is missing at $chromium: the browser suites (test/e2e/addin.test.ts, test/e2e/teams.test.ts) will fail. .ci/run installs it." >&2
else
  echo "Chromium is missing at $chromium: the browser suites (test/e2e/addin.test.ts, test/e2e/teams.test.ts) will be skipped." >&2
  echo "  To run them: sudo apt-get install chromium fonts-noto-core (Debian/Ubuntu), or set SUHDE_CHROMIUM to a Chromium binary." >&2
fi
npx tsc --noEmit -p tsconfig.json
bash scripts/build-web.sh
npx vitest run "$@"
