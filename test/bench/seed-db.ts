// npx tsx test/bench/seed-db.ts --db=sqlite|postgres --scale=1 --dir=<dir> [--schema=<PostgreSQL schema>]
// Seeds the benchmarks' shared database of one kind (bench-data.ts) through the store's bulk seeding
// (store/seed-bulk.ts), unless it is seeded already. run.ts starts one per kind at once: seeding is not measured,
// and the two kinds use both cores. --schema seeds another PostgreSQL schema than bench_dash_<scale>.
// On SQLite the load runs with bulk-load settings (a 2 GB page cache, synchronous=OFF, no rollback journal: a
// crash would lose a throwaway database, and every benchmark that reads it opens it afresh with the
// product's settings (WAL, synchronous=FULL). A load that fails removes what it wrote, so the next run seeds again.
import { performance } from 'node:perf_hooks';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { seedTenant } from '../../backend/src/store/seed.ts';
import { BENCH_NOW, benchTenant, openShared, sharedSchema, withBenchIds } from './bench-data.ts';
import { adminQuery } from './databases.ts';

const args = Object.fromEntries(process.argv.slice(2).map((a) => { const [k, v] = a.replace(/^--/, '').split('='); return [k!, v ?? 'true']; }));
const kind = args.db as 'sqlite' | 'postgres';
const scale = Number(args.scale ?? 1);
const pgUrl = process.env.SUHDE_BENCH_DATABASE_URL || process.env.SUHDE_TEST_DATABASE_URL || '';
if (kind !== 'sqlite' && kind !== 'postgres') throw new Error('--db=sqlite or --db=postgres');
if (!args.dir) throw new Error('--dir=<directory for the SQLite file>');
if (kind === 'postgres' && !pgUrl) throw new Error('no PostgreSQL (SUHDE_BENCH_DATABASE_URL or SUHDE_TEST_DATABASE_URL)');
if (args.schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(args.schema)) throw new Error('--schema=<lower-case letters, digits and _>');

const log = (s: string) => console.log(`[seed ${kind}] ${s}`);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const { handle, seeded } = await openShared(kind, { dir: args.dir, scale, pgUrl, cacheMb: 2048, ...(args.schema ? { schema: args.schema } : {}) });
let failed = false;
try {
  if (seeded) log('already seeded');
  else {
    if (kind === 'sqlite') {
      await sql`pragma synchronous = off`.execute(handle.db);
      await sql`pragma journal_mode = off`.execute(handle.db);
    }
    const t0 = performance.now();
    const c0 = cpu();
    const data = benchTenant(scale);
    log(`${data.interactionCount} interactions planned in ${Math.round((performance.now() - t0) / 1000)} s`);
    let logged = 0;
    // Wall time per phase (and this process's CPU between phases): the parents' transaction up to the bulk load's
    // first phase, the load's phases (store/seed-bulk.ts), the statistics after it.
    const phases: [string, number, number | null][] = [];
    let last = t0;
    let lastCpu = c0;
    const opts = {
      bulk: true,
      onProgress: (n: number) => {
        if (n - logged < 200_000) return;
        logged = n;
        log(`loaded ${n} at ${Math.round((performance.now() - t0) / 1000)} s`);
      },
      onPhase: (name: string, ms: number) => {
        const now = performance.now();
        if (name.startsWith('batches: ')) return void phases.push([name, ms, null]);
        // The first phase's CPU is counted with the parents' (no mark between them).
        if (phases.length === 0) phases.push(['tenant, parents', now - ms - last, cpu() - lastCpu], [name, ms, null]);
        else phases.push([name, ms, cpu() - lastCpu]);
        last = now;
        lastCpu = cpu();
      },
    };
    // seedTenant hands its options on to the bulk load, onPhase included.
    await seedTenant(handle, { ...data, interactions: withBenchIds(data.interactions) }, BENCH_NOW, opts);
    phases.push(['analyze all', performance.now() - last, cpu() - lastCpu]);
    if (kind === 'sqlite') await sql`pragma journal_mode = wal`.execute(handle.db);
    for (const [name, ms, c] of phases) log(`  ${name}: ${(ms / 1000).toFixed(1)} s${c === null ? '' : ` (CPU here ${c.toFixed(1)} s)`}`);
    log(`seeded in ${Math.round((performance.now() - t0) / 1000)} s (this process: ${Math.round(cpu() - c0)} s of CPU)`);
  }
} catch (e) {
  failed = true;
  throw e;
} finally {
  await handle.close();
  if (failed) await removeShared();
}

/** A failed load leaves nothing that would count as seeded. */
async function removeShared(): Promise<void> {
  if (kind === 'sqlite') {
    const path = join(args.dir!, `dashboard-${scale}.db`);
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
    log(`removed ${path} after the failure`);
    return;
  }
  const schema = args.schema ?? sharedSchema(scale);
  await adminQuery(pgUrl, `drop schema if exists ${schema} cascade`);
  log(`dropped schema ${schema} after the failure`);
}
