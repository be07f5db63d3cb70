// The computed dashboard's figures timed one by one on a seeded database (the shared layout of bench-data.ts),
// to see where its time goes: npx tsx test/bench/dashboard-figures.ts --db=sqlite|postgres --dir=/tmp/suhde-dash
// [--scale=1] [--runs=15] [--limit=50] [--team=...] [--compare=<dir holding another checkout's backend/src>]. With --compare
// the other checkout's figures are timed in the same process, alternating, and must be equal. --statements logs
// each statement's time (one at a time) and this process's CPU; --explain adds each plan (PostgreSQL: as run).
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { BENCH_NOW, benchTenant, openShared } from './bench-data.ts';
import { tenantScope } from '../../backend/src/store/scope.ts';
import { getTenant } from '../../backend/src/store/tenants.ts';
import { listUsers } from '../../backend/src/store/users.ts';
import { addDays, localDate, periodOf } from '../../backend/src/domain/period.ts';
import * as current from '../../backend/src/store/analytics.ts';

const args = Object.fromEntries(process.argv.slice(2).map((a) => { const [k, v] = a.replace(/^--/, '').split('='); return [k!, v ?? 'true']; }));
const kind = (args.db ?? 'sqlite') as 'sqlite' | 'postgres';
const scale = Number(args.scale ?? 1);
const runs = Number(args.runs ?? 15);
// The accounts listed, as the route's default (50).
const limit = Number(args.limit ?? 50);
const pgUrl = process.env.SUHDE_BENCH_DATABASE_URL ?? process.env.SUHDE_TEST_DATABASE_URL ?? 'postgres://suhde:suhde@127.0.0.1:5432/suhde_test';
type Figures = typeof current;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const { handle } = await openShared(kind, { dir: args.dir ?? '/tmp/suhde-dash', scale, pgUrl, cacheMb: 2048 });
  const data = benchTenant(scale);
  const tenantId = data.tenant.id;
  const scope = tenantScope(handle, tenantId);
  const tenant = await getTenant(scope);
  const users = await listUsers(scope);
  const team = args.team ?? 'Public sector';
  const members = users.filter((u) => u.team === team).map((u) => u.id);
  const to = localDate(BENCH_NOW, 'Europe/Helsinki');
  const p = periodOf(addDays(to, -89), to, 'Europe/Helsinki');
  const d: current.DashboardScope = { scope, memberIds: members, start: p.start, end: p.end, weekStarts: p.weekStarts, asOf: Math.min(p.end, BENCH_NOW), settings: tenant.settings };
  if (args.statements) {
    // Each statement's time and its SQL's start (on SQLite the statements of a figure run one after another).
    const ex = (scope.db as any).getExecutor();
    const run = ex.executeQuery.bind(ex);
    let queue: Promise<unknown> = Promise.resolve();
    ex.executeQuery = async (q: any, id: any) => {
      // One at a time, so each time is the statement's own.
      const prev = queue;
      let done!: () => void;
      queue = new Promise<void>((r) => (done = r));
      await prev;
      if (args.explain && /^\s*(with|select)/i.test(q.sql) && !/^select id, /.test(q.sql)) {
        // The plan (PostgreSQL: as run, with buffers) before the statement itself.
        const pg = kind === 'postgres';
        const plan = await run({ ...q, sql: `${pg ? 'explain (analyze, buffers, costs off)' : 'explain query plan'} ${q.sql}` }, id);
        console.log(`---- ${q.sql.replace(/\s+/g, ' ').slice(0, 120)}`);
        for (const row of plan.rows as any[]) console.log(pg ? row['QUERY PLAN'] : `${row.id} ${row.parent} ${row.detail}`);
      }
      const t = performance.now();
      const cpu = process.cpuUsage();
      const r = await run(q, id).finally(done);
      const used = process.cpuUsage(cpu);
      const text = String(q.sql ?? q.compile?.().sql ?? '').replace(/\s+/g, ' ');
      console.log(`  ${(performance.now() - t).toFixed(1).padStart(7)} ms ${((used.user + used.system) / 1000).toFixed(1).padStart(6)} cpu ms ${String(r.rows?.length ?? '').padStart(6)} rows  ${text.slice(0, 150)}`);
      return r;
    };
  }
  const impls: [string, Figures][] = [['new', current]];
  if (args.compare) impls.unshift(['old', (await import(pathToFileURL(`${args.compare}/backend/src/store/analytics.ts`).href)) as Figures]);
  // The use case as the route runs it (members, data version, snapshot, cache with refresh), per implementation.
  const useCases = new Map<Figures, any>([[current, await import('../../backend/src/use-cases/analytics/compute-dashboard.ts')]]);
  if (args.compare) useCases.set(impls[0]![1], await import(pathToFileURL(`${args.compare}/backend/src/use-cases/analytics/compute-dashboard.ts`).href));
  const caches = new Map<Figures, any>();
  for (const [, f] of impls) caches.set(f, (await import(pathToFileURL(`${args.compare && f !== current ? args.compare : process.cwd()}/backend/src/use-cases/analytics/dashboard-cache.ts`).href)).createDashboardCache());
  const steps = (f: any): [string, () => Promise<unknown>][] => [
    ['repActivity', () => f.repActivity(d)],
    ['accountActivity', () => f.accountActivity(d, limit)],
    // One pass over the portfolio where the implementation has it (careAndCold), else the two figures.
    ['care + goingCold', async () => ('careAndCold' in f ? f.careAndCold(d, limit) : { care: await f.careCompliance(d), goingCold: await f.goingCold(d, limit) })],
    ['teamPipeline', () => f.teamPipeline(d)],
    ['weeklyTrend', () => f.weeklyTrend(d)],
    // In one snapshot where the implementation has it (dashboardFigures), else side by side as before.
    ['all, side by side', () => 'dashboardFigures' in f ? f.dashboardFigures(d, limit) : Promise.all([f.repActivity(d), f.accountActivity(d, limit), 'careAndCold' in f ? f.careAndCold(d, limit) : Promise.all([f.careCompliance(d), f.goingCold(d, limit)]).then(([care, goingCold]) => ({ care, goingCold })), f.teamPipeline(d), f.weeklyTrend(d)])],
    ['computeDashboard', async () => (await useCases.get(f).computeDashboard(caches.get(f), { scope, settings: tenant.settings, period: p, team, limit, refresh: true, now: BENCH_NOW })).value],
    // --snapshot: the same figures without the snapshot, each statement its own read (as before it).
    ...(args.snapshot ? [['all, per statement', () => Promise.all([f.repActivity(d), f.accountActivity(d, limit), 'careAndCold' in f ? f.careAndCold(d, limit) : Promise.all([f.careCompliance(d), f.goingCold(d, limit)]).then(([care, goingCold]) => ({ care, goingCold })), f.teamPipeline(d), f.weeklyTrend(d)])] as [string, () => Promise<unknown>]] : []),
  ];
  console.log(`${kind}: team "${team}" of ${members.length}, ${p.from}..${p.to}, ${runs} runs each, alternating ${impls.map(([n]) => n).join(' / ')}`);
  const times = new Map<string, number[]>();
  const answers = new Map<string, unknown>();
  const cpus = new Map<string, number[]>();
  for (let k = 0; k < runs + 2; k++) {
    for (const [name, f] of impls) {
      for (const [step, run] of steps(f)) {
        const t = performance.now();
        const cpu = process.cpuUsage();
        const out = await run();
        const ms = performance.now() - t;
        const used = process.cpuUsage(cpu);
        if (k < 2) {
          // Warm-up; the answers of the implementations compared must be equal.
          const other = answers.get(step);
          if (other === undefined) answers.set(step, out);
          else if (!isDeepStrictEqual(other, out)) {
            const [a, b] = [JSON.stringify(other), JSON.stringify(out)];
            let at = 0;
            while (a[at] === b[at]) at++;
            console.log(`!! ${step}: ${name} differs at ${at}:`, a.slice(Math.max(0, at - 300), at + 200), '\n   ', b.slice(Math.max(0, at - 300), at + 200));
          }
          continue;
        }
        const key = `${step} ${name}`;
        times.set(key, [...(times.get(key) ?? []), ms]);
        // This process's CPU: on SQLite the statements' own work, whatever the machine's load does to the wall time.
        cpus.set(key, [...(cpus.get(key) ?? []), (used.user + used.system) / 1000]);
      }
    }
  }
  for (const [step] of steps(current)) {
    console.log(`${step.padEnd(20)} ${impls.map(([name]) => `${name} ${median(times.get(`${step} ${name}`)!).toFixed(1)} ms (cpu ${median(cpus.get(`${step} ${name}`)!).toFixed(1)})`).join('  ')}`);
  }
  await handle.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
