// npm run bench:dashboard [-- --db=sqlite,postgres --reuse=/tmp/suhde-dash --scale=1 --skip-api --skip-bundle]
// Figures, not pass/fail, for the Teams app (#5):
// - the managers' dashboard API for a team of 50 over 90 days at about 1M interactions (#2's generator, the
//   benchmark scale with 253 users, so each of the 5 teams has about 50 members), through app.request() with a
//   real token, on SQLite and PostgreSQL; also a rep's Today list;
// - the Teams tab's initial JavaScript, gzip: the entry chunk and everything it imports statically (what the
//   browser must fetch before first paint), with the lazily loaded chunks (charts) reported apart.
// --reuse=<dir> keeps the seeded databases (SQLite file, PostgreSQL schema) between runs: seeding 1M takes minutes.
// The computed figures come from the write-time rollups (migration 016); a database seeded before them is
// backfilled by the migration when reused. "Computed" is refresh=true; "shared" is the cache keyed by the tenant's
// data version, which a write anywhere moves.
import { analyzeAll } from '../../backend/src/store/statistics.ts';
import { NO_RATE_LIMITS } from '../../backend/src/http/rate-limit.ts';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Db } from '../../backend/src/store/connect.ts';
import { seedTenant } from '../../backend/src/store/seed.ts';
import { BENCH_NOW, benchDataset, benchSizes, benchTenant, dropShared, openShared } from './bench-data.ts';
import { createApp } from '../../backend/src/app.ts';
import { createAccessTokenVerifier, createDemoIssuer } from '../../backend/src/auth/index.ts';
import { findTenantByEntraId } from '../../backend/src/store/tenants.ts';
import { localDate, addDays } from '../../backend/src/domain/period.ts';

const args = Object.fromEntries(process.argv.slice(2).map((a) => { const [k, v] = a.replace(/^--/, '').split('='); return [k!, v ?? 'true']; }));
const scale = Number(args.scale ?? 1);
const pgUrl = process.env.SUHDE_TEST_DATABASE_URL ?? 'postgres://suhde:suhde@127.0.0.1:5432/suhde_test';
const dbs = (args.db ?? (process.env.SUHDE_TEST_DATABASE_URL ? 'sqlite,postgres' : 'sqlite')).split(',') as ('sqlite' | 'postgres')[];
const reuse = args.reuse as string | undefined;
const NOW = BENCH_NOW;
const TEAM_SIZE_GOAL = 50;
const sizes = benchSizes(scale);

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const round = (x: number) => Math.round(x * 10) / 10;

async function openStore(kind: 'sqlite' | 'postgres'): Promise<{ handle: Db; seeded: boolean; close: () => Promise<void> }> {
  const dir = reuse ?? join('/tmp', `suhde-dash-${process.pid}`);
  const { handle, seeded } = await openShared(kind, { dir, scale, pgUrl, cacheMb: 2048 });
  return {
    handle, seeded,
    close: async () => {
      await handle.close();
      if (reuse) return;
      if (kind === 'sqlite') execFileSync('rm', ['-rf', dir]);
      else await dropShared(pgUrl, scale);
    },
  };
}

async function benchApi(kind: 'sqlite' | 'postgres') {
  const log = (s: string) => console.log(`[${kind}] ${s}`);
  const t0 = performance.now();
  const data = benchTenant(scale);
  const { handle, seeded, close } = await openStore(kind);
  log(`tenant generated and database opened in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  if (!seeded) {
    const t0 = performance.now();
    // Time-ordered ids as production writes them, as run.ts's shared seeding does (seed-db.ts).
    await seedTenant(handle, benchDataset(scale).data, NOW, { batchSize: 20_000, onProgress: (n) => { if (n % 100_000 === 0) log(`seeded ${n}`); } });
    log(`seeded ${data.interactionCount} interactions in ${Math.round((performance.now() - t0) / 1000)} s`);
  } else log('reusing the seeded database');
  const s0 = performance.now();
  // This schema's tables only: a bare VACUUM visits every schema of the database, other runs' included, and waits
  // for their open transactions' locks (minutes, on a shared database).
  if (kind === 'postgres') {
    const tables = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(handle.db);
    for (const t of tables.rows) await sql`vacuum analyze ${sql.id(t.name)}`.execute(handle.db);
  } else await analyzeAll(handle.db); // the store's sampled analysis, as production keeps it (a full ANALYZE took minutes at 1M)
  log(`statistics gathered in ${((performance.now() - s0) / 1000).toFixed(1)} s`);
  const touches = Number((await handle.db.selectFrom('account_touches').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  // The rollups the computed dashboard reads (migration 016): a reused database seeded before them was backfilled.
  const rollupRows: Record<string, number> = {};
  for (const t of ['rollup_activity', 'rollup_account_days', 'rollup_contact_days', 'rollup_shared_interactions', 'rollup_replies']) {
    rollupRows[t] = Number((await sql<{ n: unknown }>`select count(*) as n from ${sql.table(t)}`.execute(handle.db)).rows[0]!.n);
  }
  log(`${touches} touches; rollup rows: ${Object.entries(rollupRows).map(([t, n]) => `${t} ${n}`).join(', ')}`);

  const authorityHost = 'http://127.0.0.1:9/bench-auth';
  const issuer = await createDemoIssuer({ authorityHost, tenantId: data.tenant.entraTenantId, audience: '00000000-5eed-4e5e-8000-00000000da5b' });
  const verifier = createAccessTokenVerifier({
    audiences: [issuer.audience], authorityHost, getKey: issuer.getKey,
    isTenantOnboarded: async (tid) => (await findTenantByEntraId(handle.db, tid)) !== null,
  });
  const app = createApp({ handle, clock: () => NOW, config: { publicUrl: 'http://127.0.0.1', bodyLimitBytes: 1 << 20, demo: false, rateLimits: NO_RATE_LIMITS }, verify: (t) => verifier.verify(t) });
  const teams = new Map<string, number>();
  for (const u of data.users) if (u.team) teams.set(u.team, (teams.get(u.team) ?? 0) + 1);
  const [team, members] = [...teams].sort((a, b) => Math.abs(a[1] - TEAM_SIZE_GOAL) - Math.abs(b[1] - TEAM_SIZE_GOAL))[0]!;
  const manager = data.users.find((u) => u.role === 'manager' && u.team === team)!;
  const rep = data.users.find((u) => u.role === 'rep' && u.team === team)!;
  const bearer = async (u: typeof manager) => ({ authorization: `Bearer ${await issuer.issue({ oid: u.entraObjectId, name: u.displayName, username: u.email, ttlSeconds: 86_400 })}` });
  const to = localDate(NOW, 'Europe/Helsinki');
  const url = `/api/analytics/dashboard?from=${addDays(to, -89)}&to=${to}&team=${encodeURIComponent(team)}`;
  const time = async (n: number, path: string, headers: Record<string, string>) => {
    const xs: number[] = [];
    let body: any;
    for (let k = 0; k < n; k++) {
      const t = performance.now();
      const r = await app.request(path, { headers });
      body = await r.json();
      if (r.status !== 200) throw new Error(`${path}: ${r.status} ${JSON.stringify(body)}`);
      xs.push(performance.now() - t);
    }
    return { p50: round(pct(xs, 50)), p95: round(pct(xs, 95)), max: round(Math.max(...xs)), n, body, runs: xs.map(round) };
  };
  const managerHeaders = await bearer(manager);
  await time(2, `${url}&refresh=true`, managerHeaders);
  // Computed: what the first manager to open it in a minute waits for; shared: everyone else in that minute.
  const dashboard = await time(Number(args.computeRuns ?? 10), `${url}&refresh=true`, managerHeaders);
  const shared = await time(30, url, managerHeaders);
  if (!shared.body.cached || dashboard.body.cached) throw new Error('the dashboard cache did not behave: shared figures were computed, or refresh=true was not');
  const figures = dashboard.body;
  const interactionsInPeriod = figures.reps.reduce((n: number, r: any) => n + r.emailsSent + r.emailsReceived + r.meetings + r.calls + r.chats + r.notes, 0);
  log(`dashboard, team "${team}" of ${members}, 90 days: computed p50 ${dashboard.p50} ms, p95 ${dashboard.p95} ms; shared p50 ${shared.p50} ms, p95 ${shared.p95} ms (${interactionsInPeriod} member-interactions, ${figures.accounts.total} accounts touched)`);
  const repHeaders = await bearer(rep);
  await time(3, '/api/today', repHeaders);
  const today = await time(30, '/api/today', repHeaders);
  log(`today for a rep: p50 ${today.p50} ms, p95 ${today.p95} ms (${today.body.items.length} actions)`);
  await close();
  return {
    database: kind, interactions: data.interactionCount, touches, rollupRows, team, members, memberInteractionsInPeriod: interactionsInPeriod,
    accountsTouched: figures.accounts.total,
    dashboardMs: { p50: dashboard.p50, p95: dashboard.p95, max: dashboard.max, n: dashboard.n, runs: dashboard.runs },
    sharedDashboardMs: { p50: shared.p50, p95: shared.p95, max: shared.max, n: shared.n },
    todayMs: { p50: today.p50, p95: today.p95, max: today.max, n: today.n },
  };
}

/** The tab's initial JavaScript: its entry script and the chunks reachable through static imports. */
function benchBundle() {
  const root = 'dist/web';
  if (!existsSync(join(root, 'teams-app/index.html')) || args.build) execFileSync('bash', ['scripts/build-web.sh'], { stdio: 'inherit' });
  const html = readFileSync(join(root, 'teams-app/index.html'), 'utf8');
  const entries = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)].map((m) => m[1]!);
  const file = (u: string) => join(root, u.replace(/^\//, ''));
  const initial = new Set<string>();
  const walk = (u: string) => {
    if (initial.has(u)) return;
    initial.add(u);
    const code = readFileSync(file(u), 'utf8');
    // Static imports only (`import ... from "./x.js"`, `import "./x.js"`); import("./x.js") is lazy.
    for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[^'"()]*?from\s*)?["']([^"']+\.js)["']/g)) walk(new URL(m[1]!, `http://x${u}`).pathname);
  };
  for (const e of entries) walk(e);
  const gz = (u: string) => gzipSync(readFileSync(file(u))).length;
  const initialGzip = [...initial].reduce((n, u) => n + gz(u), 0);
  const all = readdirSync(join(root, 'assets')).filter((f) => f.endsWith('.js')).map((f) => `/assets/${f}`);
  const lazy = all.filter((u) => !initial.has(u) && /chart/i.test(u));
  // teams-js is imported only inside a frame (a plain page never needs it); inside Teams it comes on top.
  const teamsJs = all.filter((u) => !initial.has(u) && readFileSync(file(u), 'utf8').includes('isNAAChannelRecommended'));
  const teamsJsGzip = teamsJs.reduce((n, u) => n + gz(u), 0);
  return {
    initialFiles: [...initial].map((u) => ({ file: u, gzipBytes: gz(u) })),
    initialGzipKb: round(initialGzip / 1024),
    teamsJsGzipKb: round(teamsJsGzip / 1024),
    initialInTeamsGzipKb: round((initialGzip + teamsJsGzip) / 1024),
    lazyChartChunks: lazy.map((u) => ({ file: u, gzipKb: round(gz(u) / 1024) })),
  };
}

async function main() {
  console.log(`Suhde dashboard benchmark: ${sizes.interactions} interactions, ${sizes.accounts} accounts, ${sizes.users} users on ${dbs.join(', ')}; ${cpus().length} cores`);
  const api: Awaited<ReturnType<typeof benchApi>>[] = [];
  if (!args['skip-api']) for (const kind of dbs) api.push(await benchApi(kind));
  const bundle = args['skip-bundle'] ? null : benchBundle();
  if (bundle) console.log(`Teams tab initial JS: ${bundle.initialGzipKb} kB gzip in ${bundle.initialFiles.length} files (${bundle.initialInTeamsGzipKb} kB with teams-js inside Teams); lazy charts: ${bundle.lazyChartChunks.map((c) => `${c.file} ${c.gzipKb} kB`).join(', ') || 'none'}`);
  const report = { at: new Date().toISOString(), node: process.version, cores: cpus().length, scale, sizes, api, bundle };
  mkdirSync('bench', { recursive: true });
  const file = scale === 1 ? 'bench/dashboard-results' : `bench/dashboard-results-scale-${scale}`;
  const previous = existsSync(`${file}.json`) ? (JSON.parse(readFileSync(`${file}.json`, 'utf8')) as { api: unknown[]; bundle: unknown }) : null;
  // A partial run (one database, --skip-api, --skip-bundle) keeps the rest of the last report.
  const kept = ((previous?.api ?? []) as { database: string }[]).filter((r) => !api.some((x) => x.database === r.database));
  const merged = { ...report, api: [...api, ...kept] as typeof api, bundle: bundle ?? previous?.bundle ?? null } as typeof report;
  writeFileSync(`${file}.json`, JSON.stringify(merged, null, 2) + '\n');
  const lines = [
    `# Dashboard and Teams tab benchmark (scale ${scale})`, '',
    `Run ${merged.at} on Node ${merged.node}, ${merged.cores} cores (shared). ${sizes.interactions} interactions, ${sizes.accounts} accounts, ${sizes.users} users. Command: \`npm run bench:dashboard\`.`, '',
    '## Managers’ dashboard API (team, 90 days, app.request with a real token)', '',
    '| database | team (members) | member-interactions in period | accounts touched | dashboard computed p50 / p95 ms | dashboard shared p50 / p95 ms | Today p50 / p95 ms |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...(merged.api as Awaited<ReturnType<typeof benchApi>>[]).map((r) => `| ${r.database} | ${r.team} (${r.members}) | ${r.memberInteractionsInPeriod} | ${r.accountsTouched} | ${r.dashboardMs.p50} / ${r.dashboardMs.p95} | ${r.sharedDashboardMs ? `${r.sharedDashboardMs.p50} / ${r.sharedDashboardMs.p95}` : '–'} | ${r.todayMs.p50} / ${r.todayMs.p95} |`),
    '', 'Goal: dashboard <= 100 ms on SQLite and on PostgreSQL. "Computed" is `refresh=true` (the figures computed for this request: what the first manager in a minute waits for); "shared" is the same request within the minute the server shares computed figures for.', '',
    '## Teams tab initial JavaScript (gzip)', '',
    ...(merged.bundle
      ? [
          `Initial, as a web page: **${(merged.bundle as ReturnType<typeof benchBundle>).initialGzipKb} kB**; inside Teams, with teams-js (${(merged.bundle as ReturnType<typeof benchBundle>).teamsJsGzipKb} kB, imported only in a frame): **${(merged.bundle as ReturnType<typeof benchBundle>).initialInTeamsGzipKb} kB** (goal <= 250 kB). The entry and its static imports:`, '',
          ...(merged.bundle as ReturnType<typeof benchBundle>).initialFiles.map((f) => `- ${f.file}: ${round(f.gzipBytes / 1024)} kB`), '',
          `Loaded lazily (charts, on the dashboard only): ${(merged.bundle as ReturnType<typeof benchBundle>).lazyChartChunks.map((c) => `${c.file} ${c.gzipKb} kB`).join(', ') || 'none'}`,
        ]
      : ['(not measured in this run)']),
    '',
  ];
  writeFileSync(`${file}.md`, lines.join('\n'));
  console.log(lines.join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
