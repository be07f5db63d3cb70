// Where ingest's time goes, batch by batch: one store run of test/bench/ingest.ts's shape (the benchmark's rows,
// batches of 5000, mergeInteractionCopies into a fresh database), with every statement timed, then a table of
// each batch's wall time and its costliest statements, so a statement whose cost grows with the table shows.
// npx tsx test/bench/ingest-profile.ts [--db=sqlite|postgres] [--ingest=40000] [--scale=1] [--top=8] [--raw]
// --scale: the tenant's parents (accounts, contacts, users) of bench-data.ts at this scale; only the ingested
// interactions are generated.
// --raw: the raw driver's run too (ingest.ts's rawRun is not exported; the total is printed from benchIngest).
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, type LogEvent } from 'kysely';
import type { Database } from '../../backend/src/store/database.ts';
import { withStatementCache } from '../../backend/src/store/sqlite-statement-cache.ts';
import { tenantScope } from '../../backend/src/store/scope.ts';
import { mergeInteractionCopies } from '../../backend/src/use-cases/interactions/merge-interaction-copies.ts';
import type { Db } from '../../backend/src/store/connect.ts';
import { BENCH_NOW, benchTenant, withBenchIds } from './bench-data.ts';
import type { Interaction } from '../../backend/src/domain/types.ts';
import { benchPostgresUrl, freshDatabase, type BenchDb } from './databases.ts';
import { benchIngest, INGEST_BATCH, writeParents } from './ingest.ts';
import { startProfile } from './cpu-profile.ts';

const args = Object.fromEntries(process.argv.slice(2).map((a) => { const [k, v] = a.replace(/^--/, '').split('='); return [k!, v ?? 'true']; }));
const kind = (args.db ?? 'sqlite') as BenchDb;
const n = Number(args.ingest ?? 40_000);
const top = Number(args.top ?? 8);
const scale = Number(args.scale ?? 1);
const pgUrl = kind === 'postgres' ? (benchPostgresUrl() as { url: string }).url : null;

let batchStats = new Map<string, { n: number; ms: number }>();
const log = (e: LogEvent) => {
  const k = e.query.sql.replace(/\s+/g, ' ').slice(0, 110);
  const s = batchStats.get(k) ?? { n: 0, ms: 0 };
  s.n++;
  s.ms += e.queryDurationMillis;
  batchStats.set(k, s);
};

async function main() {
  // The first n interactions only, as run.ts's datasetHead: materialising all of them costs minutes and gigabytes.
  const tenant = benchTenant(scale);
  const rows: Interaction[] = [];
  for (const i of withBenchIds(tenant.interactions)) {
    if (rows.length >= n) break;
    rows.push(i);
  }
  const data = { ...tenant, interactions: rows };
  const fresh = await freshDatabase(kind, pgUrl, 'ingest-profile');
  await fresh.closeHandle();
  let handle: Db;
  if (kind === 'sqlite') {
    const sqlite = new SQLite(fresh.path!);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma(`cache_size = -${64 * 1024}`);
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), log });
    handle = { db, dialect: 'sqlite', close: () => db.destroy() };
  } else {
    const pool = new pg.Pool({ connectionString: pgUrl!, max: 8, options: `-c jit=off -c search_path=${fresh.schema}` });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
    handle = { db, dialect: 'postgres', close: () => db.destroy() };
  }
  await writeParents(handle, data);
  const scope = tenantScope(handle, data.tenant.id);
  const total = new Map<string, { n: number; ms: number }>();
  const profile = await startProfile(`ingest-${kind}-${n}`);
  const t0 = performance.now();
  for (let k = 0; k < rows.length; k += INGEST_BATCH) {
    batchStats = new Map();
    const b0 = performance.now();
    await mergeInteractionCopies(scope, rows.slice(k, k + INGEST_BATCH), BENCH_NOW, { checkReferences: false });
    const ms = performance.now() - b0;
    const sqlMs = [...batchStats.values()].reduce((a, s) => a + s.ms, 0);
    const costliest = [...batchStats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 4).map(([q, s]) => `${Math.round(s.ms)}ms ${s.n}x ${q.slice(0, 60)}`);
    console.log(`batch ${k / INGEST_BATCH + 1}: ${Math.round(ms)} ms (sql ${Math.round(sqlMs)}) | ${costliest.join(' | ')}`);
    for (const [q, s] of batchStats) {
      const t = total.get(q) ?? { n: 0, ms: 0 };
      t.n += s.n;
      t.ms += s.ms;
      total.set(q, t);
    }
  }
  const secs = (performance.now() - t0) / 1000;
  await profile.stop(console.log);
  console.log(`store: ${Math.round(rows.length / secs)}/s (${secs.toFixed(1)} s)`);
  console.log([...total].sort((a, b) => b[1].ms - a[1].ms).slice(0, top).map(([q, s]) => `${Math.round(s.ms)} ms ${s.n}x ${q}`).join('\n'));
  await handle.close();
  await fresh.dispose();
  if (args.raw) {
    const f = await benchIngest(kind, pgUrl, data, rows, BENCH_NOW, 1, console.log);
    console.log(`benchIngest: store ${Math.round(f.storePerSec[0]!)}/s raw ${Math.round(f.rawPerSec[0]!)}/s`);
  }
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
