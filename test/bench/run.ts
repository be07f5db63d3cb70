// npm run bench [-- --quick] [--db=sqlite,postgres] [--runs=3] [--only=ingest,timeline,sync,import,dashboard] [--reuse=<dir>]
// Every benchmark of issue #15 on each database, each figure the median of `runs` runs with its spread, written to
// bench/summary.json (see summary.ts for its shape):
// - ingest: the sync's batch insert through the store against the raw driver writing the same rows (ingest.ts);
// - timeline: the route over loopback with a real token, against a bare Hono route with the same bytes, the load
//   tool in a child process (timeline.ts);
// - sync: the Graph emulator synced end to end, against the same pages fetched with nothing stored (sync.ts);
// - dashboard: GET /api/analytics/dashboard?refresh=true as a manager, through dashboard.ts in its own process;
// - search: the search use case's p50/p99 for a few typed queries, on the timeline's seeded database (search.ts).
// Timeline, search and dashboard read one seeded database per kind (bench-data.ts), both seeded at once first.
// --quick: a small tenant (10k interactions, 5k ingested per run, 5.5k synced items), meant for at most 5 minutes.
// The full run: 1M interactions in the shared database, 100k ingested per run, 110k synced, 50k rows imported.
// --only: just these parts (e.g. --only=timeline while working on one); the figures are printed and written to
// bench/summary-only.json, leaving bench/summary.json to whole runs. SUHDE_BENCH_PROFILE=<dir>: the timeline's
// measured runs are CPU-profiled in the server's process (timeline.ts), summarised by cpuprofile-summary.ts.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { GeneratedTenant } from '../../backend/src/demo/generate-tenant.ts';
import type { Interaction } from '../../backend/src/domain/types.ts';
import { BENCH_NOW, benchSizes, benchTenant, dropShared, openShared } from './bench-data.ts';
import { newId } from '../../backend/src/store/ids.ts';
import { benchPostgresUrl, type BenchDb } from './databases.ts';
import { benchIngest } from './ingest.ts';
import { benchTimeline } from './timeline.ts';
import { benchSync, stopSyncEmulators } from './sync.ts';
import { benchSearch } from './search.ts';
import { benchImport } from './import.ts';
import { assembleSummary, type DatabaseMeasures, type SummaryInput } from './summary.ts';

const args = Object.fromEntries(process.argv.slice(2).map((a) => { const [k, v] = a.replace(/^--/, '').split('='); return [k!, v ?? 'true']; }));
const quick = args.quick === 'true';
const runs = Math.max(3, Number(args.runs ?? 3));
const scale = Number(args.scale ?? (quick ? 0.01 : 1));
const pgUrl = benchPostgresUrl();
const dbs = (args.db ?? 'sqlite,postgres').split(',') as BenchDb[];
const PARTS = ['ingest', 'timeline', 'sync', 'import', 'dashboard'] as const;
const only = new Set((args.only ?? PARTS.join(',')).split(','));
for (const p of only) if (!(PARTS as readonly string[]).includes(p)) throw new Error(`--only: no part called ${p} (${PARTS.join(', ')})`);
const NOW = BENCH_NOW;
const sizes = benchSizes(scale);
const ingestRows = Number(args.ingest ?? (quick ? 5000 : 100_000));
const syncSize = quick ? { messages: 5000, events: 500 } : { messages: 100_000, events: 10_000 };
const timelineLoad = { runs, durationSeconds: quick ? 3 : 10, connections: 32 };
// The shared seeded databases (bench-data.ts): the SQLite file here, PostgreSQL in schema bench_dash_<scale>.
// --reuse=<dir> keeps them for the next run (seeding 1M takes minutes); without it they go at the end.
const sharedDir = args.reuse ?? mkdtempSync(join(tmpdir(), 'suhde-bench-shared-'));

// Where the run's minutes go: each part's wall time (printed as it ends, and in summary.json's
// extra.elapsedSeconds), beside the seconds its figures were measured in (extra.measuredSeconds): the difference
// is setup (fresh databases, parents, seeding, warm-ups) that no figure reads.
const elapsedSeconds: Record<string, number> = {};
const measuredSeconds: Record<string, number> = {};
const secs = (ms: number) => Math.round(ms / 100) / 10;
const clock = (s: number) => `${Math.floor(Math.round(s) / 60)} min ${String(Math.round(s) % 60).padStart(2, '0')} s`;
async function timed<T>(part: string, fn: () => Promise<T> | T): Promise<T> {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    elapsedSeconds[part] = secs(performance.now() - t0);
    const m = measuredSeconds[part];
    console.log(`[bench] ${part}: ${clock(elapsedSeconds[part]!)} elapsed${m !== undefined ? `, ${clock(m)} of it measured` : ''}`);
  }
}

/**
 * The first `n` interactions of the benchmarks' tenant exactly as benchDataset gives them (the generator's time
 * order, production's time-ordered ids), without generating the rest: ingest writes the first 100k and search
 * reads the first subjects; the 1M live only in the seeded databases. Materialising all 1M cost every run minutes
 * and gigabytes of heap, which the garbage collector then walked during every measured part.
 */
function datasetHead(n: number): { data: GeneratedTenant; head: Interaction[] } {
  const data = benchTenant(scale);
  const head: Interaction[] = [];
  let k = 0;
  for (const i of data.interactions) {
    if (head.length >= n) break;
    head.push({ ...i, id: newId(NOW + k++) });
  }
  return { data: { ...data, interactions: head }, head };
}

const reason = (e: unknown) => `not measured: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;

async function benchDatabase(kind: BenchDb, data: GeneratedTenant, interactions: Interaction[], url: string | null): Promise<DatabaseMeasures> {
  const log = (s: string) => console.log(`[${kind}] ${s}`);
  const out: DatabaseMeasures = {};
  if (only.has('ingest')) try {
    const f = await timed(`${kind}.ingest`, async () => {
      const f = await benchIngest(kind, url, data, interactions.slice(0, ingestRows), NOW, runs, log);
      measuredSeconds[`${kind}.ingest`] = secs(f.measuredMs);
      return f;
    });
    out['ingest.perSec'] = { runs: f.storePerSec };
    out['ingest.rawPerSec'] = { runs: f.rawPerSec };
    extra[`${kind}.ingest`] = { rows: f.rows, batch: 5000, tablesDiffering: f.tablesDiffering };
  } catch (e) {
    console.error(e);
    out['ingest.perSec'] = out['ingest.rawPerSec'] = { missing: reason(e) };
  }
  if (only.has('timeline')) try {
    // The shared seeded database (seedShared), opened with the product's settings.
    const db = await timed(`${kind}.open`, () => openShared(kind, { dir: sharedDir, scale, pgUrl: url ?? '', poolSize: 8 }));
    if (!db.seeded) throw new Error('the shared database was not seeded (see the seeding output above)');
    try {
      measuredSeconds[`${kind}.timeline`] = 2 * timelineLoad.runs * timelineLoad.durationSeconds;
      const f = await timed(`${kind}.timeline`, () => benchTimeline(db.handle, data, NOW, timelineLoad, log));
      out['timeline.reqPerSec'] = { runs: f.reqPerSec };
      out['timeline.bareReqPerSec'] = { runs: f.bareReqPerSec };
      out['timeline.p99Ms'] = f.p99Ms.length > 0 ? { runs: f.p99Ms } : { missing: `not measured: no request finished within the ${timelineLoad.durationSeconds} s runs` };
      extra[`${kind}.timeline`] = { connections: timelineLoad.connections, durationSeconds: timelineLoad.durationSeconds, responseBytes: f.responseBytes, bareP99Ms: f.bareP99Ms, cpuUsPerReq: f.cpuUsPerReq, bareCpuUsPerReq: f.bareCpuUsPerReq, errors: f.errors };
      // The same seeded database: the index was written by the seed's transactions, as production writes it.
      try {
        const sf = await timed(`${kind}.search`, async () => {
          const sf = await benchSearch(db.handle, data, interactions, { runs, repeats: quick ? 25 : 50 }, log);
          measuredSeconds[`${kind}.search`] = secs(sf.measuredMs);
          return sf;
        });
        out['search.p50Ms'] = { runs: sf.p50Ms };
        out['search.p99Ms'] = { runs: sf.p99Ms };
        extra[`${kind}.search`] = { queries: sf.queries };
      } catch (e) {
        console.error(e);
        out['search.p50Ms'] = out['search.p99Ms'] = { missing: reason(e) };
      }
    } finally {
      await db.handle.close();
    }
  } catch (e) {
    console.error(e);
    out['timeline.reqPerSec'] = out['timeline.bareReqPerSec'] = out['timeline.p99Ms'] = { missing: reason(e) };
    out['search.p50Ms'] ??= { missing: reason(e) };
    out['search.p99Ms'] ??= { missing: reason(e) };
  }
  if (only.has('sync')) try {
    const f = await timed(`${kind}.sync`, async () => {
      const f = await benchSync(kind, url, { ...syncSize, pageSize: 1000, concurrency: 4, runs }, log);
      measuredSeconds[`${kind}.sync`] = secs(f.measuredMs);
      return f;
    });
    out['sync.itemsPerSec'] = { runs: f.itemsPerSec };
    out['sync.graphOnlyItemsPerSec'] = { runs: f.graphOnlyItemsPerSec };
    out['sync.dbShare'] = { runs: f.dbShare };
    extra[`${kind}.sync`] = { items: f.items, pageSize: 1000, concurrency: 4, requests: f.requests, floor: f.floor };
  } catch (e) {
    console.error(e);
    out['sync.itemsPerSec'] = out['sync.graphOnlyItemsPerSec'] = out['sync.dbShare'] = { missing: reason(e) };
  }
  if (only.has('import')) try {
    // The CSV import (#14): accounts and contacts, with a salesperson's account list asked beside it.
    const rows = quick ? 5000 : 50_000;
    const f = await timed(`${kind}.import`, async () => {
      const f = await benchImport(kind, url, rows, log);
      measuredSeconds[`${kind}.import`] = secs(f.runMs);
      return f;
    });
    out['import.rowsPerSec'] = { runs: [f.rowsPerSec] };
    out['import.concurrentP99Ms'] = { runs: [f.concurrentP99Ms] };
    extra[`${kind}.import`] = { rows: f.rows, uploadMs: Math.round(f.uploadMs), dryRunMs: Math.round(f.dryRunMs), concurrentP50Ms: f.concurrentP50Ms, concurrentRequests: f.concurrentRequests, idleP99Ms: f.idleP99Ms };
  } catch (e) {
    console.error(e);
    out['import.rowsPerSec'] = out['import.concurrentP99Ms'] = { missing: reason(e) };
  }
  return out;
}

/** dashboard.ts in its own process, once: its computed runs (`refresh=true`, each computed afresh) per kind. */
function benchDashboard(kinds: BenchDb[], url: string | null): Record<string, number[] | { missing: string }> {
  const out: Record<string, number[] | { missing: string }> = {};
  if (kinds.length === 0) return out;
  const reuse = sharedDir;
  const file = scale === 1 ? 'bench/dashboard-results' : `bench/dashboard-results-scale-${scale}`;
  const had = existsSync(`${file}.json`) ? readFileSync(`${file}.json`, 'utf8') : null;
  const hadMd = existsSync(`${file}.md`) ? readFileSync(`${file}.md`, 'utf8') : null;
  try {
    execFileSync('npx', ['tsx', 'test/bench/dashboard.ts', `--db=${kinds.join(',')}`, `--scale=${scale}`, `--reuse=${reuse}`, '--skip-bundle', `--computeRuns=${Math.max(runs, quick ? 5 : 10)}`], {
      stdio: 'inherit', env: { ...process.env, ...(url ? { SUHDE_TEST_DATABASE_URL: url } : {}) },
    });
    const report = JSON.parse(readFileSync(`${file}.json`, 'utf8')) as { api: { database: string; dashboardMs?: { runs?: number[] } }[] };
    for (const kind of kinds) {
      const r = report.api.find((a) => a.database === kind)?.dashboardMs?.runs;
      out[kind] = Array.isArray(r) && r.length >= 3 ? r : { missing: 'not measured: dashboard.ts reported no dashboardMs.runs' };
    }
  } catch (e) {
    for (const kind of kinds) out[kind] = { missing: `not measured: the dashboard benchmark failed (${e instanceof Error ? e.message.split('\n')[0] : e})` };
  } finally {
    // Its files are its own command's; a run from here leaves them as they were.
    if (had === null) rmSync(`${file}.json`, { force: true }); else writeFileSync(`${file}.json`, had);
    if (hadMd === null) rmSync(`${file}.md`, { force: true }); else writeFileSync(`${file}.md`, hadMd);
  }
  return out;
}

/**
 * Seeds the shared database of each kind the timeline, search or dashboard reads, all kinds at once, each in a
 * process of its own (seed-db.ts): nothing is measured meanwhile, and the two kinds keep both cores busy.
 */
async function seedShared(kinds: BenchDb[], url: string | null): Promise<void> {
  if (!only.has('timeline') && !only.has('dashboard')) return;
  const t0 = performance.now();
  await Promise.all(kinds.map((kind) => new Promise<void>((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'test/bench/seed-db.ts', `--db=${kind}`, `--scale=${scale}`, `--dir=${sharedDir}`], {
      stdio: 'inherit', env: { ...process.env, ...(url ? { SUHDE_BENCH_DATABASE_URL: url } : {}) },
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`seeding ${kind} exited with ${code}`))));
  })).map((p) => p.catch((e: unknown) => console.error(e))));
  console.log(`[bench] shared databases seeded in ${Math.round((performance.now() - t0) / 1000)} s`);
}

const extra: Record<string, unknown> = {};

async function main() {
  const started = performance.now();
  const load0 = loadavg()[0]!;
  // Search's queries read the first 2,000 subjects (search.ts); ingest the first ingestRows.
  const { data, head: interactions } = await timed('dataset', () => datasetHead(only.has('ingest') ? Math.max(ingestRows, 2000) : 2000));
  console.log(`Suhde benchmark${quick ? ' (quick)' : ''}: ${data.interactionCount} interactions, ${sizes.accounts} accounts, ${sizes.users} users; ${runs} runs a figure; ${cpus().length} cores, load ${load0.toFixed(1)}`);
  const databases: SummaryInput['databases'] = { sqlite: { missing: 'not measured: not in --db' }, postgres: { missing: 'not measured: not in --db' } };
  const url = 'url' in pgUrl ? pgUrl.url : null;
  const kinds = dbs.filter((k) => k === 'sqlite' || url);
  await timed('seeding', () => seedShared(kinds, url));
  if (dbs.includes('postgres') && !url) databases.postgres = { missing: (pgUrl as { missing: string }).missing };
  try {
    for (const kind of kinds) databases[kind] = await benchDatabase(kind, data, interactions, url);
  } finally {
    await stopSyncEmulators();
  }
  const dashboard = only.has('dashboard') ? await timed('dashboard', () => benchDashboard(kinds, url)) : {};
  if (!args.reuse) rmSync(sharedDir, { recursive: true, force: true });
  if (!args.reuse && url && kinds.includes('postgres')) await dropShared(url, scale).catch((e) => console.warn(`[bench] dropping the shared schema: ${e.message}`));
  if (only.has('dashboard')) for (const kind of kinds) (databases[kind] as DatabaseMeasures)['dashboard.computedP50Ms'] = Array.isArray(dashboard[kind]) ? { runs: dashboard[kind] } : (dashboard[kind] as { missing: string }) ?? { missing: 'not measured' };
  const minutes = (performance.now() - started) / 60_000;
  elapsedSeconds.total = secs(performance.now() - started);
  extra.elapsedSeconds = elapsedSeconds;
  extra.measuredSeconds = measuredSeconds;
  console.log(`[bench] run.ts: ${clock(elapsedSeconds.total)} in all; ${Object.entries(elapsedSeconds).filter(([k]) => k !== 'total').map(([k, v]) => `${k} ${v} s`).join(', ')}`);
  const summary = assembleSummary({
    at: new Date().toISOString(), quick, machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
    note: `Medians of ${runs} runs with min-max in spread. Load average ${load0.toFixed(1)} at the start and ${loadavg()[0]!.toFixed(1)} at the end on ${cpus().length} cores (the benchmark's own work included); on a shared or loaded machine absolute figures are low and noisy, and the ratios (same run, same machine) are what to read. Took ${minutes.toFixed(1)} minutes.`,
    sizes: { ...sizes, ingestRows, syncMessages: syncSize.messages, syncEvents: syncSize.events, timelineConnections: timelineLoad.connections, timelineSeconds: timelineLoad.durationSeconds },
    databases, extra,
  });
  mkdirSync('bench', { recursive: true });
  writeFileSync(only.size === PARTS.length ? 'bench/summary.json' : 'bench/summary-only.json', JSON.stringify(summary, null, 2) + '\n');
  console.log(JSON.stringify(summary, null, 2));
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
