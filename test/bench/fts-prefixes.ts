// SQLite's FTS5 prefix indexes, measured side by side (issue #15, migrations 036 and 039): which prefix lengths
// the search index keeps, as search latency at 1M and as ingest rate, the variants alternating in one process so
// the shared machine's noise falls on both.
//   npx tsx test/bench/fts-prefixes.ts rebuild --db=<copy.db> --prefixes='2 3 4'
//     rebuilds a copy's search_fts with these prefixes as migration 036 does, timed.
//   npx tsx test/bench/fts-prefixes.ts search --a=<copy.db> --b=<copy.db> [--runs=3] [--repeats=30]
//     two copies of the seeded 1M database (never the shared file itself: this opens them for writing), their
//     search_fts rebuilt with the prefixes to compare beforehand; the benchmark's queries (search.ts) plus 4- and
//     5-letter prefixes of real surnames and account names, each run both databases in turn (order swapped each run).
//   npx tsx test/bench/fts-prefixes.ts ingest --prefixes='2 3|2 3 4' [--rows=100000] [--runs=3]
//     the ingest benchmark's store side (ingest.ts: mergeInteractionCopies, 5000 a batch, fresh copies of one
//     template holding the parents), once per prefix setting per run, the template's search_fts rebuilt per setting.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { openDb } from '../../backend/src/store/connect.ts';
import { migrateToLatest } from '../../backend/src/store/migrate.ts';
import { tenantScope } from '../../backend/src/store/scope.ts';
import { newId } from '../../backend/src/store/ids.ts';
import { searchRecords } from '../../backend/src/use-cases/search/search-records.ts';
import { mergeInteractionCopies } from '../../backend/src/use-cases/interactions/merge-interaction-copies.ts';
import type { Interaction } from '../../backend/src/domain/types.ts';
import { BENCH_NOW, benchTenant } from './bench-data.ts';
import { searchQueries } from './search.ts';
import { INGEST_BATCH, writeParents } from './ingest.ts';

const args = Object.fromEntries(process.argv.slice(3).map((a) => { const [k, ...v] = a.replace(/^--/, '').split('='); return [k!, v.join('=') || 'true']; }));
const runs = Number(args.runs ?? 3);
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!; };
const median = (xs: number[]) => pct(xs, 50);
const r2 = (x: number) => Math.round(x * 100) / 100;

/** The search index's prefix setting, read from its definition. */
function prefixesOf(path: string): string {
  const raw = new SQLite(path, { readonly: true });
  try {
    const ddl = (raw.prepare("select sql from sqlite_master where name = 'search_fts'").get() as { sql: string }).sql;
    return /prefix='([^']*)'/.exec(ddl)?.[1] ?? 'none';
  } finally {
    raw.close();
  }
}

/** search_fts as migration 036 creates it, with these prefixes, rebuilt from search_documents; the seconds it took. */
export function rebuildFts(path: string, prefixes: string): number {
  const raw = new SQLite(path);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  const t0 = performance.now();
  raw.transaction(() => {
    raw.exec('drop table search_fts');
    raw.exec(`create virtual table search_fts using fts5(meta_text, content_text, kind, content='search_documents', content_rowid='doc_id',
      tokenize='unicode61 remove_diacritics 2', prefix='${prefixes}')`);
    raw.exec("insert into search_fts(search_fts, rank) values ('secure-delete', 1)");
    raw.exec("insert into search_fts(search_fts, rank) values ('automerge', 16)");
    raw.exec(`insert into search_fts(search_fts, rank) values ('hashsize', ${8 * 1024 * 1024})`);
    raw.exec("insert into search_fts(search_fts) values ('rebuild')");
  })();
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
  return (performance.now() - t0) / 1000;
}

async function searchBench(): Promise<void> {
  const data = benchTenant(1);
  const head: Interaction[] = [];
  for (const i of data.interactions) { if (head.length >= 2000) break; head.push(i); }
  const names = [1, 2, 3, 4, 5].map((k) => data.contacts[Math.floor((k * data.contacts.length) / 6) + 7]!.name.split(' ').at(-1)!);
  const accounts = [1, 2, 3, 4].map((k) => data.accounts[Math.floor((k * data.accounts.length) / 5) + 3]!.name.split(' ')[0]!);
  const queries = [
    ...searchQueries(data, head),
    ...[...new Set(names)].flatMap((n) => [4, 5].map((len) => ({ label: `surname ${len}`, q: n.slice(0, len) }))),
    ...[...new Set(accounts)].flatMap((n) => [4, 5].map((len) => ({ label: `account ${len}`, q: n.slice(0, len) }))),
  ].filter((q, k, all) => all.findIndex((o) => o.q === q.q) === k);
  const dbs = [args.a!, args.b!].map((path) => ({ path, prefixes: prefixesOf(path), handle: openDb({ kind: 'sqlite', path }) }));
  const reps = data.users.filter((u) => u.role === 'rep').slice(0, 10).map((u) => ({ userId: u.id, role: u.role }));
  const repeats = Number(args.repeats ?? 30);
  // CPU time beside wall time: SQLite runs on this thread (better-sqlite3 is synchronous), so a search's CPU time is
  // its work, which the shared machine's load (8-10 on 2 cores while measured) stretches far less than its wall time.
  const result = dbs.map(() => ({ p50: [] as number[], p99: [] as number[], cpu50: [] as number[], cpu99: [] as number[], perQuery: new Map<string, number[]>(), cpuPerQuery: new Map<string, number[]>(), hits: new Map<string, number>() }));
  for (const [k, db] of dbs.entries()) {
    await migrateToLatest(db.handle.db);
    // Warm each statement shape and the pages it reads, as search.ts does.
    for (const { q } of queries) {
      const r = await searchRecords(tenantScope(db.handle, data.tenant.id), reps[0]!, { q });
      result[k]!.hits.set(q, r.accounts.length + r.contacts.length + r.interactions.length);
    }
  }
  console.log(`queries: ${queries.map((q) => q.q).join(', ')}; load ${load()}`);
  for (let run = 0; run < runs; run++) {
    for (const k of run % 2 === 0 ? [0, 1] : [1, 0]) {
      const scope = tenantScope(dbs[k]!.handle, data.tenant.id);
      const all: number[] = [];
      const cpu: number[] = [];
      for (let rep = 0; rep < repeats; rep++) {
        for (const { q } of queries) {
          const t0 = performance.now();
          const c0 = process.cpuUsage();
          await searchRecords(scope, reps[rep % reps.length]!, { q });
          const c = process.cpuUsage(c0);
          const ms = performance.now() - t0;
          all.push(ms);
          cpu.push((c.user + c.system) / 1000);
          result[k]!.perQuery.set(q, [...(result[k]!.perQuery.get(q) ?? []), ms]);
          result[k]!.cpuPerQuery.set(q, [...(result[k]!.cpuPerQuery.get(q) ?? []), cpu.at(-1)!]);
        }
      }
      result[k]!.p50.push(pct(all, 50));
      result[k]!.p99.push(pct(all, 99));
      result[k]!.cpu50.push(pct(cpu, 50));
      result[k]!.cpu99.push(pct(cpu, 99));
      console.log(`run ${run + 1} prefix='${dbs[k]!.prefixes}': p50 ${r2(pct(all, 50))} ms, p99 ${r2(pct(all, 99))} ms; CPU p50 ${r2(pct(cpu, 50))}, p99 ${r2(pct(cpu, 99))} ms (${all.length} searches, load ${load()})`);
    }
  }
  for (const [k, db] of dbs.entries()) {
    const r = result[k]!;
    console.log(`prefix='${db.prefixes}': median p50 ${r2(median(r.p50))} ms, median p99 ${r2(median(r.p99))} ms; CPU median p50 ${r2(median(r.cpu50))}, p99 ${r2(median(r.cpu99))} ms`);
    for (const { label, q } of queries) {
      const xs = r.perQuery.get(q) ?? [];
      const cs = r.cpuPerQuery.get(q) ?? [];
      console.log(`  ${label.padEnd(30)} ${q.padEnd(22)} hits ${r.hits.get(q)}  p50 ${r2(pct(xs, 50))}  p99 ${r2(pct(xs, 99))}  CPU p50 ${r2(pct(cs, 50))}`);
    }
    await db.handle.close();
  }
}

async function ingestBench(): Promise<void> {
  const variants = (args.prefixes ?? '2 3|2 3 4').split('|');
  const rows = Number(args.rows ?? 100_000);
  const data = benchTenant(1);
  const head: Interaction[] = [];
  let n = 0;
  for (const i of data.interactions) { if (head.length >= rows) break; head.push({ ...i, id: newId(BENCH_NOW + n++) }); }
  const tenant = { ...data, interactions: head };
  const dir = mkdtempSync(join(tmpdir(), 'suhde-fts-prefixes-'));
  try {
    const base = join(dir, 'parents.db');
    const handle = openDb({ kind: 'sqlite', path: base });
    await migrateToLatest(handle.db);
    await writeParents(handle, tenant);
    await handle.close();
    const templates = variants.map((p, k) => {
      const path = join(dir, `template-${k}.db`);
      copyFileSync(base, path);
      console.log(`template prefix='${p}': search_fts rebuilt in ${rebuildFts(path, p).toFixed(1)} s`);
      return { prefixes: p, path, perSec: [] as number[] };
    });
    for (let run = 0; run < runs; run++) {
      for (const t of run % 2 === 0 ? templates : [...templates].reverse()) {
        const path = join(dir, 'run.db');
        copyFileSync(t.path, path);
        const db = openDb({ kind: 'sqlite', path });
        const scope = tenantScope(db, data.tenant.id);
        const t0 = performance.now();
        for (let k = 0; k < head.length; k += INGEST_BATCH) await mergeInteractionCopies(scope, head.slice(k, k + INGEST_BATCH), BENCH_NOW, { checkReferences: false });
        t.perSec.push(head.length / ((performance.now() - t0) / 1000));
        await db.close();
        const raw = new SQLite(path, { readonly: true });
        const fts = raw.prepare('select count(*) n, sum(length(block)) b from search_fts_data').get() as { n: number; b: number };
        raw.close();
        rmSync(path, { force: true });
        console.log(`run ${run + 1} prefix='${t.prefixes}': ${Math.round(t.perSec.at(-1)!)}/s (${head.length} interactions; FTS ${fts.n} pages, ${Math.round(fts.b / 1e6)} MB; load ${load()})`);
      }
    }
    for (const t of templates) console.log(`prefix='${t.prefixes}': median ${Math.round(median(t.perSec))}/s of ${t.perSec.map(Math.round).join(', ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function rebuild(): Promise<void> {
  console.log(`search_fts of ${args.db} rebuilt with prefix='${args.prefixes}' in ${rebuildFts(args.db!, args.prefixes!).toFixed(1)} s (load ${load()})`);
}

const modes: Record<string, () => Promise<void>> = { search: searchBench, ingest: ingestBench, rebuild };
(modes[process.argv[2] ?? ''] ?? (() => Promise.reject(new Error('search, ingest or rebuild'))))()
  .then(() => process.exit(0), (e: unknown) => { console.error(e); process.exit(1); });
