#!/usr/bin/env bash
# npm run bench [-- --quick] [--db=sqlite,postgres]: the benchmarks of test/bench/run.ts (ingest, timeline, sync,
# dashboard on each database), written to bench/summary.json. The full run (no --quick) then also runs the load
# test and the front-end size benchmarks, one after the other (they would only slow each other on two cores).
# PostgreSQL: SUHDE_BENCH_DATABASE_URL, else SUHDE_TEST_DATABASE_URL; without either its figures say so.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npx tsx test/bench/run.ts "$@"
for a in "$@"; do [ "$a" = "--quick" ] && exit 0; done
npx tsx test/bench/load.ts
npx tsx test/bench/dashboard.ts --skip-api
for extra in bench:addin bench:teams; do
  if node -e "process.exit(require('./package.json').scripts['$extra'] ? 0 : 1)"; then npm run --silent "$extra"; fi
done
