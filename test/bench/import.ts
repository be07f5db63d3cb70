// The CSV import at scale: a generated file of accounts and their contacts (half each) uploaded, dry-run and run
// through the API on a fresh database, while a salesperson's GET /api/accounts is asked over and over beside it.
// Reports the run's rows per second (upload and dry run apart) and the p50/p99 of that concurrent GET against its
// p99 on an idle server: the import yields between batches, so the list keeps being answered.
// Alone: npx tsx test/bench/import.ts [--db=sqlite,postgres] [--rows=50000]; run.ts calls benchImport.
import { performance } from 'node:perf_hooks';
import { apiHarness, type Harness } from '../support/api-harness.ts';
import { benchPostgresUrl, freshDatabase, type BenchDb } from './databases.ts';
import { NO_RATE_LIMITS } from '../../backend/src/http/rate-limit.ts';

export interface ImportFigures {
  rows: number;
  rowsPerSec: number;
  uploadMs: number;
  dryRunMs: number;
  runMs: number;
  concurrentP50Ms: number;
  concurrentP99Ms: number;
  concurrentRequests: number;
  idleP99Ms: number;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};

/** Accounts and contacts files, half the rows each; Finnish Excel's dialect (BOM, semicolons, a quoted line break). */
export function generateImportFiles(rows: number): { accounts: string; contacts: string } {
  const n = Math.floor(rows / 2);
  const tiers = ['A', 'B', 'C', 'D'];
  const acc = ['\ufeffNimi;Verkkotunnus;Luokka;Toimiala;Alue'];
  const con = ['\ufeffEtunimi;Sukunimi;Sähköposti;Titteli;Yrityksen verkkotunnus'];
  for (let k = 0; k < n; k++) {
    acc.push(`Yritys ${k} Oy;yritys-${k}.fi;${tiers[k % 4]};"Teollisuus\nja palvelut";Alue ${k % 20}`);
    con.push(`Etu${k};Suku${k};henkilo${k}@yritys-${k}.fi;Ostopäällikkö;yritys-${k}.fi`);
  }
  return { accounts: `${acc.join('\r\n')}\r\n`, contacts: `${con.join('\r\n')}\r\n` };
}

export async function benchImport(kind: BenchDb, url: string | null, rows: number, log: (s: string) => void): Promise<ImportFigures> {
  const db = await freshDatabase(kind, url, 'import', { poolSize: 8 });
  try {
    // No rate limits: the reader asks as fast as it is answered, which is the point.
    const h = await apiHarness(db.handle, 64 * 1024, { rateLimits: NO_RATE_LIMITS });
    h.clock.now = Date.now();
    const manager = await h.token(h.a, h.a.users.manager);
    const rep = await h.token(h.a, h.a.users.rep);
    const files = generateImportFiles(rows);
    const idle: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      await h.call('GET', '/api/accounts?limit=50', { as: rep });
      idle.push(performance.now() - t);
    }
    let uploadMs = 0;
    let dryRunMs = 0;
    let runMs = 0;
    const during: number[] = [];
    for (const [name, csv] of [['accounts.csv', files.accounts], ['contacts.csv', files.contacts]] as const) {
      let t = performance.now();
      const up = await h.call('POST', `/api/imports?fileName=${name}`, { as: manager, raw: csv, headers: { 'content-type': 'text/csv' } });
      if (up.status !== 201) throw new Error(`upload ${name}: ${up.status} ${JSON.stringify(up.body)}`);
      uploadMs += performance.now() - t;
      const id = up.body.import.id as string;
      t = performance.now();
      const plan = await h.call('POST', `/api/imports/${id}/dry-run`, { as: manager, body: { mapping: up.body.suggested } });
      if (plan.status !== 200) throw new Error(`dry run ${name}: ${plan.status} ${JSON.stringify(plan.body)}`);
      dryRunMs += performance.now() - t;
      t = performance.now();
      const started = await h.call('POST', `/api/imports/${id}/run`, { as: manager });
      if (started.status !== 202) throw new Error(`run ${name}: ${started.status} ${JSON.stringify(started.body)}`);
      // The salesperson's list, asked again as soon as it answers, for as long as the import runs.
      let finished = false;
      const reader = (async () => {
        while (!finished) {
          const r0 = performance.now();
          const r = await h.call('GET', '/api/accounts?limit=50', { as: rep });
          if (r.status !== 200) throw new Error(`GET /api/accounts during the import: ${r.status}`);
          during.push(performance.now() - r0);
          // In-process requests on SQLite finish in microtasks: without this the timers and the job never run.
          await new Promise((r) => setImmediate(r));
        }
      })();
      let job = started.body;
      while (job.status === 'running') {
        await new Promise((r) => setTimeout(r, 100));
        job = (await h.call('GET', `/api/imports/${id}`, { as: manager })).body;
      }
      runMs += performance.now() - t;
      finished = true;
      await reader;
      if (job.status !== 'done' || job.counts.created !== Math.floor(rows / 2)) throw new Error(`import ${name} ended ${job.status}: ${JSON.stringify(job.counts)} ${job.error ?? ''}`);
      log(`import ${name}: ${job.totalRows} rows run in ${Math.round(performance.now() - t)} ms (${JSON.stringify(job.counts)})`);
    }
    const total = 2 * Math.floor(rows / 2);
    return {
      rows: total, rowsPerSec: total / (runMs / 1000), uploadMs, dryRunMs, runMs,
      concurrentP50Ms: pct(during, 50), concurrentP99Ms: pct(during, 99), concurrentRequests: during.length, idleP99Ms: pct(idle, 99),
    };
  } finally {
    await db.dispose();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = Object.fromEntries(process.argv.slice(2).map((a) => { const [k, v] = a.replace(/^--/, '').split('='); return [k!, v ?? 'true']; }));
  const rows = Number(args.rows ?? 50_000);
  const pgUrl = benchPostgresUrl();
  const url = 'url' in pgUrl ? pgUrl.url : null;
  const kinds = (args.db ?? 'sqlite,postgres').split(',') as BenchDb[];
  (async () => {
    for (const kind of kinds) {
      if (kind === 'postgres' && !url) {
        console.log('[postgres] not measured: no PostgreSQL URL');
        continue;
      }
      const f = await benchImport(kind, url, rows, (s) => console.log(`[${kind}] ${s}`));
      console.log(`[${kind}] ${JSON.stringify(f, (_, v: unknown) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v))}`);
    }
    process.exit(0);
  })().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
