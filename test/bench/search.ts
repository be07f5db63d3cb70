// Search latency: GET /api/search's use case (searchRecords, all three kinds, 5 hits each) as salespeople of the
// seeded tenant, for a few queries people type: a contact's surname, an account-name prefix while typing, a word
// common in subjects, and a first name with the start of a surname. Each run asks every query `repeats` times
// (viewers taking turns) and reports the p50 and p99 of all of them.
// run.ts calls benchSearch on the timeline's seeded database. Alone:
//   npx tsx test/bench/search.ts [--quick] [--db=sqlite,postgres] [--runs=3] [--reuse=<dir>]   (quick: 10k interactions; else 1M)
// --reuse=<dir> reads run.ts's kept seeded databases (<dir>/dashboard-<scale>.db, schema bench_dash_<scale>), seeding
// one only where it is missing, and keeps them.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { Db } from '../../backend/src/store/connect.ts';
import type { GeneratedTenant } from '../../backend/src/demo/generate-tenant.ts';
import { tenantScope } from '../../backend/src/store/scope.ts';
import { searchRecords } from '../../backend/src/use-cases/search/search-records.ts';
import { words } from '../../backend/src/domain/search-text.ts';

export interface SearchFigures {
  p50Ms: number[];
  p99Ms: number[];
  queries: { label: string; q: string; hits: number; p50Ms: number }[];
  /** Wall time of the measured searches, all runs. */
  measuredMs: number;
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

/** Queries taken from the tenant itself, so they find something whatever the seed. */
export function searchQueries(data: GeneratedTenant, interactions: Iterable<{ subject: string | null }>): { label: string; q: string }[] {
  const contact = data.contacts[Math.floor(data.contacts.length / 3)]!;
  const [first, ...rest] = contact.name.split(' ');
  const surname = rest.at(-1) ?? first!;
  const account = data.accounts[Math.floor(data.accounts.length / 2)]!;
  // The most frequent long word of the first subjects: what "offer" or "tarjous" is to a sales team.
  const counts = new Map<string, number>();
  let seen = 0;
  for (const i of interactions) {
    for (const w of words(i.subject ?? '')) if (w.length >= 6) counts.set(w, (counts.get(w) ?? 0) + 1);
    if (++seen >= 2000) break;
  }
  const subjectWord = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? 'tarjous';
  return [
    { label: 'surname', q: surname },
    { label: 'account prefix', q: account.name.slice(0, 3) },
    { label: 'subject word', q: subjectWord },
    { label: 'first name + surname prefix', q: `${first} ${surname.slice(0, 3)}` },
  ];
}

export async function benchSearch(
  handle: Db, data: GeneratedTenant, interactions: Iterable<{ subject: string | null }>, opts: { runs: number; repeats: number }, log: (s: string) => void,
): Promise<SearchFigures> {
  const scope = tenantScope(handle, data.tenant.id);
  const reps = data.users.filter((u) => u.role === 'rep').slice(0, 10).map((u) => ({ userId: u.id, role: u.role }));
  const queries = searchQueries(data, interactions);
  const hits = new Map<string, number>();
  // Warm: the first statement of each shape pays for planning and cold pages.
  for (const { q } of queries) {
    const r = await searchRecords(scope, reps[0]!, { q });
    hits.set(q, r.accounts.length + r.contacts.length + r.interactions.length);
  }
  const p50Ms: number[] = [];
  const p99Ms: number[] = [];
  const perQuery = new Map<string, number[]>();
  const started = performance.now();
  for (let run = 0; run < opts.runs; run++) {
    const all: number[] = [];
    for (let k = 0; k < opts.repeats; k++) {
      for (const { q } of queries) {
        const t0 = performance.now();
        await searchRecords(scope, reps[k % reps.length]!, { q });
        const ms = performance.now() - t0;
        all.push(ms);
        perQuery.set(q, [...(perQuery.get(q) ?? []), ms]);
      }
    }
    p50Ms.push(percentile(all, 50));
    p99Ms.push(percentile(all, 99));
    log(`search run ${run + 1}: p50 ${p50Ms.at(-1)!.toFixed(2)} ms, p99 ${p99Ms.at(-1)!.toFixed(2)} ms over ${all.length} searches`);
  }
  return {
    p50Ms, p99Ms, measuredMs: performance.now() - started,
    queries: queries.map(({ label, q }) => ({ label, q, hits: hits.get(q) ?? 0, p50Ms: Math.round(percentile(perQuery.get(q) ?? [0], 50) * 100) / 100 })),
  };
}

async function main() {
  const { seedTenant } = await import('../../backend/src/store/seed.ts');
  const { benchPostgresUrl, freshDatabase } = await import('./databases.ts');
  const { BENCH_NOW, benchDataset, benchTenant, openShared } = await import('./bench-data.ts');
  const args = Object.fromEntries(process.argv.slice(2).map((a) => { const [k, v] = a.replace(/^--/, '').split('='); return [k!, v ?? 'true']; }));
  const quick = args.quick === 'true';
  const scale = Number(args.scale ?? (quick ? 0.01 : 1));
  const runs = Math.max(3, Number(args.runs ?? 3));
  const NOW = BENCH_NOW;
  const reuse = args.reuse;
  // The benchmarks' tenant (bench-data.ts), with production's time-ordered ids. A seeded database needs only its
  // users and the first subjects (the queries): the interactions are generated, not kept, unless it must be seeded.
  let dataset: ReturnType<typeof benchDataset> | null = reuse ? null : benchDataset(scale);
  const full = () => (dataset ??= benchDataset(scale));
  const data = dataset?.data ?? benchTenant(scale);
  const interactions: Iterable<{ subject: string | null }> = dataset?.interactions ?? data.interactions;
  const pg = benchPostgresUrl();
  const url = 'url' in pg ? pg.url : null;
  const out: Record<string, unknown> = { scale, accounts: data.accounts.length };
  for (const kind of (args.db ?? 'sqlite,postgres').split(',') as ('sqlite' | 'postgres')[]) {
    if (kind === 'postgres' && !url) { out[kind] = (pg as { missing: string }).missing; continue; }
    const db = reuse
      ? await openShared(kind, { dir: reuse, scale, pgUrl: url ?? '' }).then((o) => ({ ...o, dispose: () => o.handle.close() }))
      : { ...(await freshDatabase(kind, url, 'search', { poolSize: 4 })), seeded: false };
    try {
      if (!db.seeded) {
        const t0 = performance.now();
        await seedTenant(db.handle, full().data, NOW, { batchSize: 5000 });
        console.log(`[${kind}] ${full().interactions.length} interactions seeded in ${Math.round((performance.now() - t0) / 1000)} s`);
      }
      out[kind] = await benchSearch(db.handle, data, interactions, { runs, repeats: quick ? 25 : 50 }, (s) => console.log(`[${kind}] ${s}`));
    } finally {
      await db.dispose();
    }
  }
  console.log(JSON.stringify(out, null, 2));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(() => process.exit(0), (e: unknown) => { console.error(e); process.exit(1); });
}
