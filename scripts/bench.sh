#!/usr/bin/env bash
# npm run bench [-- --quick] [--db=sqlite,postgres]: the benchmarks of test/bench/run.ts (ingest, timeline, sync,
# dashboard on each database), written to bench/summary.json. The full run (no --quick) then also runs the load
# test and the front-end size benchmarks, one after the other (they would only slow each other on two cores).
# PostgreSQL: SUHDE_BENCH_DATABASE_URL, else SUHDE_TEST_DATABASE_URL; without either its figures say so.
# Each step prints its wall time; the full run adds them to the summary's extra.elapsedSeconds (run.ts writes its
# own parts there) so a run shows where its minutes go.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
steps=()
step() {
  local name=$1 t0
  shift
  t0=$(date +%s)
  "$@"
  local s=$(($(date +%s) - t0))
  steps+=("$name=$s")
  echo "[bench] $name: $((s / 60)) min $((s % 60)) s elapsed"
}
bash scripts/ensure-deps.sh
step run.ts npx tsx test/bench/run.ts "$@"
summary=bench/summary.json
for a in "$@"; do
  [ "$a" = "--quick" ] && exit 0
  case "$a" in --only=*) summary=bench/summary-only.json ;; esac
done
step load.ts npx tsx test/bench/load.ts
# --build: the sizes of this checkout, never of whatever dist/web an earlier build left.
step dashboard.ts-bundle npx tsx test/bench/dashboard.ts --skip-api --build
for extra in bench:addin bench:teams; do
  if node -e "process.exit(require('./package.json').scripts['$extra'] ? 0 : 1)"; then step "$extra" npm run --silent "$extra"; fi
done
total=$(($(date +%s) - started))
echo "[bench] npm run bench: $((total / 60)) min $((total % 60)) s in all (${steps[*]})"
# The steps after run.ts, and the whole command, beside run.ts's own parts.
node -e '
  const fs = require("node:fs");
  const [file, total, ...steps] = process.argv.slice(1);
  const s = JSON.parse(fs.readFileSync(file, "utf8"));
  const e = ((s.extra ??= {}).elapsedSeconds ??= {});
  for (const kv of steps) { const [k, v] = kv.split("="); e[`bench.sh ${k}`] = Number(v); }
  e["bench.sh total"] = Number(total);
  fs.writeFileSync(file, JSON.stringify(s, null, 2) + "\n");
' "$summary" "$total" "${steps[@]}"
