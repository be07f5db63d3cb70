#!/usr/bin/env bash
# npm run bench: every benchmark, one after the other (they would only slow each other on two cores).
# Arguments go to the store/API benchmark (test/bench/run.ts), e.g. -- --scale=0.1 --db=sqlite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npx tsx test/bench/run.ts "$@"
npx tsx test/bench/sync.ts
npx tsx test/bench/load.ts
for extra in bench:dashboard bench:addin bench:teams; do
  if node -e "process.exit(require('./package.json').scripts['$extra'] ? 0 : 1)"; then npm run --silent "$extra"; fi
done
