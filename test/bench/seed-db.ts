// npx tsx test/bench/seed-db.ts --db=sqlite|postgres --scale=1 --dir=<dir>
// Seeds the benchmarks' shared database of one kind (bench-data.ts) through the store's seeding, unless it is
// seeded already. run.ts starts one per kind at once: seeding is not measured, and the two kinds use both cores.
// On SQLite the load runs with bulk-load settings (a 2 GB page cache, synchronous=OFF): a crash would lose a
// throwaway database, and every benchmark that reads it opens it afresh with the product's settings.
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { seedTenant } from '../../backend/src/store/seed.ts';
import { BENCH_NOW, benchDataset, openShared } from './bench-data.ts';

const args = Object.fromEntries(process.argv.slice(2).map((a) => { const [k, v] = a.replace(/^--/, '').split('='); return [k!, v ?? 'true']; }));
const kind = args.db as 'sqlite' | 'postgres';
const scale = Number(args.scale ?? 1);
const pgUrl = process.env.SUHDE_BENCH_DATABASE_URL || process.env.SUHDE_TEST_DATABASE_URL || '';
if (kind !== 'sqlite' && kind !== 'postgres') throw new Error('--db=sqlite or --db=postgres');
if (!args.dir) throw new Error('--dir=<directory for the SQLite file>');
if (kind === 'postgres' && !pgUrl) throw new Error('no PostgreSQL (SUHDE_BENCH_DATABASE_URL or SUHDE_TEST_DATABASE_URL)');

const log = (s: string) => console.log(`[seed ${kind}] ${s}`);
const { handle, seeded } = await openShared(kind, { dir: args.dir, scale, pgUrl, cacheMb: 2048 });
try {
  if (seeded) log('already seeded');
  else {
    if (kind === 'sqlite') await sql`pragma synchronous = off`.execute(handle.db);
    const t0 = performance.now();
    const { data } = benchDataset(scale);
    log(`${data.interactionCount} interactions generated in ${Math.round((performance.now() - t0) / 1000)} s`);
    const t1 = performance.now();
    let logged = 0;
    await seedTenant(handle, data, BENCH_NOW, {
      batchSize: 20_000,
      onProgress: (n) => {
        if (n - logged < 200_000) return;
        logged = n;
        log(`seeded ${n} at ${Math.round((performance.now() - t1) / 1000)} s`);
      },
    });
    log(`seeded in ${Math.round((performance.now() - t1) / 1000)} s`);
  }
} finally {
  await handle.close();
}
