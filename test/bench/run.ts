// npm run bench [-- --scale=0.1 --db=sqlite,postgres]
// Figures, not pass/fail: ingest rate beside the raw driver's, timeline and match latency through
// app.request(), logging an email, and HTTP throughput of the timeline route over loopback (autocannon).
// Results go to bench/results.md (and .json); the machine is noisy, so medians and ratios are what to quote.
import { NO_RATE_LIMITS } from '../../backend/src/http/rate-limit.ts';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import autocannon from 'autocannon';
import { serve } from '@hono/node-server';
import { openDb, type Db } from '../../backend/src/store/connect.ts';
import { migrateToLatest } from '../../backend/src/store/migrate.ts';
import { insertAccounts, seedTenant } from '../../backend/src/store/seed.ts';
import { insertTenant } from '../../backend/src/store/tenants.ts';
import { insertUsers } from '../../backend/src/store/users.ts';
import { tenantScope } from '../../backend/src/store/scope.ts';
import { generateTenant, BENCH_SCALE } from '../../backend/src/demo/generate-tenant.ts';
import { createApp } from '../../backend/src/app.ts';
import { createAccessTokenVerifier, createDemoIssuer } from '../../backend/src/auth/index.ts';
import { findTenantByEntraId } from '../../backend/src/store/tenants.ts';
import type { Interaction } from '../../backend/src/domain/types.ts';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const scale = Number(args.scale ?? process.env.SUHDE_BENCH_SCALE ?? 1);
const dbs = (args.db ?? (process.env.SUHDE_TEST_DATABASE_URL ? 'sqlite,postgres' : 'sqlite')).split(',');
const pgUrl = process.env.SUHDE_TEST_DATABASE_URL ?? 'postgres://suhde:suhde@127.0.0.1:5432/suhde_test';
const NOW = Date.UTC(2026, 10, 1, 12, 0, 0);
const SEED = 20261122;
/** Interactions per transaction, for the store and the raw yardstick alike (a commit is an fsync). */
const BATCH = 5000;

const sizes = {
  users: Math.max(10, Math.round(BENCH_SCALE.users * scale)),
  accounts: Math.max(50, Math.round(BENCH_SCALE.accounts * scale)),
  contactsPerAccount: BENCH_SCALE.contactsPerAccount,
  interactions: Math.max(1000, Math.round((BENCH_SCALE.interactions ?? 1_000_000) * scale)),
  months: BENCH_SCALE.months,
};

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (x: number) => Math.round(x * 1000) / 1000;

function dataset() {
  return generateTenant({ seed: SEED, now: NOW, scale: sizes });
}

/** The same rows the store writes, written with the bare driver: the yardstick for ingest. */
async function rawInsert(kind: string, rows: Interaction[], data: ReturnType<typeof dataset>): Promise<number> {
  const tenantId = data.tenant.id;
  const flat = rows.map((i) => ({
    i,
    parts: i.participants.map((p, ordinal) => [tenantId, i.id, ordinal, p.role, p.address.toLowerCase(), p.displayName, p.userId, p.contactId]),
  }));
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'suhde-raw-'));
    const h = openDb({ kind: 'sqlite', path: join(dir, 'raw.db') });
    await migrateToLatest(h.db);
    await h.close();
    const db = new SQLite(join(dir, 'raw.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('cache_size = -65536'); // as the store's connection (connect.ts)
    db.pragma('foreign_keys = OFF'); // the raw yardstick skips what the store guarantees: it only bounds the cost
    const ins = db.prepare('insert into interactions (tenant_id,id,kind,direction,occurred_at,subject,snippet,note,duration_minutes,opportunity_id,source,visibility,external_key,created_by,created_at,updated_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)');
    const insP = db.prepare('insert into interaction_participants (tenant_id,interaction_id,ordinal,role,address,display_name,user_id,contact_id) values (?,?,?,?,?,?,?,?)');
    const insA = db.prepare('insert or ignore into interaction_accounts (tenant_id,account_id,occurred_at,interaction_id,kind) values (?,?,?,?,?)');
    const insH = db.prepare('insert or ignore into interaction_holders (tenant_id,interaction_id,user_id,relation,at) values (?,?,?,?,?)');
    const t0 = performance.now();
    for (let k = 0; k < flat.length; k += BATCH) {
      db.transaction(() => {
        for (const { i, parts } of flat.slice(k, k + BATCH)) {
          ins.run(tenantId, i.id, i.kind, i.direction, i.occurredAt, i.subject, i.snippet, i.note, i.durationMinutes, i.opportunityId, i.source, i.visibility, i.externalKey, null, NOW, NOW);
          for (const p of parts) insP.run(...p);
          for (const a of i.accountIds) insA.run(tenantId, a, i.occurredAt, i.id, i.kind);
          for (const x of i.holders) insH.run(tenantId, i.id, x.userId, x.relation, x.at);
        }
      })();
    }
    const secs = (performance.now() - t0) / 1000;
    db.close();
    rmSync(dir, { recursive: true, force: true });
    return rows.length / secs;
  }
  const schema = `raw_${process.pid}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`drop schema if exists ${schema} cascade; create schema ${schema}`);
  const h = openDb({ kind: 'postgres', url: pgUrl, schema });
  await migrateToLatest(h.db, { schema });
  // PostgreSQL checks foreign keys whatever the session wants (short of disabling every trigger, the analytics
  // ones too): the parents go in first, untimed, so the raw rows pay the same checks the store's do.
  await insertTenant(h.db, data.tenant);
  await insertUsers(tenantScope(h, tenantId), data.users);
  await insertAccounts(tenantScope(h, tenantId), data.accounts);
  await h.close();
  await admin.query(`set search_path=${schema}`);
  const multi = async (table: string, cols: string[], values: unknown[][], conflict = '') => {
    for (let k = 0; k < values.length; k += 1000) {
      const chunk = values.slice(k, k + 1000);
      const params: unknown[] = [];
      const tuples = chunk.map((row) => `(${row.map((v) => { params.push(v); return `$${params.length}`; }).join(',')})`);
      await admin.query(`insert into ${table} (${cols.join(',')}) values ${tuples.join(',')} ${conflict}`, params);
    }
  };
  const t0 = performance.now();
  for (let k = 0; k < flat.length; k += BATCH) {
    const part = flat.slice(k, k + BATCH);
    await admin.query('begin');
    await multi('interactions', ['tenant_id', 'id', 'kind', 'direction', 'occurred_at', 'subject', 'snippet', 'note', 'duration_minutes', 'opportunity_id', 'source', 'visibility', 'external_key', 'created_by', 'created_at', 'updated_at'],
      part.map(({ i }) => [tenantId, i.id, i.kind, i.direction, i.occurredAt, i.subject, i.snippet, i.note, i.durationMinutes, null, i.source, i.visibility, i.externalKey, null, NOW, NOW]));
    await multi('interaction_participants', ['tenant_id', 'interaction_id', 'ordinal', 'role', 'address', 'display_name', 'user_id', 'contact_id'], part.flatMap((x) => x.parts));
    await multi('interaction_accounts', ['tenant_id', 'account_id', 'occurred_at', 'interaction_id', 'kind'], part.flatMap(({ i }) => i.accountIds.map((a) => [tenantId, a, i.occurredAt, i.id, i.kind])), 'on conflict do nothing');
    await multi('interaction_holders', ['tenant_id', 'interaction_id', 'user_id', 'relation', 'at'], part.flatMap(({ i }) => i.holders.map((x) => [tenantId, i.id, x.userId, x.relation, x.at])), 'on conflict do nothing');
    await admin.query('commit');
  }
  const secs = (performance.now() - t0) / 1000;
  await admin.query(`drop schema ${schema} cascade`);
  await admin.end();
  return rows.length / secs;
}

async function benchOne(kind: string) {
  const log = (s: string) => console.log(`[${kind}] ${s}`);
  let handle: Db;
  let cleanup: () => Promise<void>;
  let pgSchema: string | undefined;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'suhde-bench-'));
    handle = openDb({ kind: 'sqlite', path: join(dir, 'bench.db') });
    cleanup = async () => { await handle.close(); rmSync(dir, { recursive: true, force: true }); };
  } else {
    const schema = `bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`drop schema if exists ${schema} cascade; create schema ${schema}`);
    await admin.end();
    handle = openDb({ kind: 'postgres', url: pgUrl, schema, poolSize: 8 });
    pgSchema = schema;
    cleanup = async () => {
      await handle.close();
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    };
  }
  await migrateToLatest(handle.db, pgSchema ? { schema: pgSchema } : {});

  // Ingest through the store (the path sync and seeding use), timed over the whole data set.
  const data = dataset();
  const sample: Interaction[] = [];
  const sampleSize = Math.min(100_000, sizes.interactions);
  const counted = (function* () {
    for (const i of data.interactions) {
      if (sample.length < sampleSize) sample.push({ ...i, id: `raw-${i.id}` });
      yield i;
    }
  })();
  const t0 = performance.now();
  const { interactions } = await seedTenant(handle, { ...data, interactions: counted }, NOW, {
    batchSize: BATCH,
    onProgress: (n) => { if (n % 100_000 === 0) log(`ingested ${n}`); },
  });
  const ingestSecs = (performance.now() - t0) / 1000;
  const ingestRate = interactions / ingestSecs;
  log(`ingest: ${interactions} interactions in ${ingestSecs.toFixed(1)} s = ${Math.round(ingestRate)}/s`);
  // The store's rate on the same first rows, against the raw driver on the same rows, same run.
  const rawRate = await rawInsert(kind, sample, data);
  log(`raw driver: ${Math.round(rawRate)}/s on the first ${sample.length} rows`);
  if (kind === 'postgres') await (await import('kysely')).sql`analyze`.execute(handle.db);

  // The app, with a demo issuer's token for a rep (real signature checks on every request).
  const authorityHost = 'http://127.0.0.1:9/bench-auth';
  const issuer = await createDemoIssuer({ authorityHost, tenantId: data.tenant.entraTenantId, audience: '00000000-5eed-4e5e-8000-00000000be7c' });
  const verifier = createAccessTokenVerifier({
    audiences: [issuer.audience], authorityHost, getKey: issuer.getKey,
    isTenantOnboarded: async (tid) => (await findTenantByEntraId(handle.db, tid)) !== null,
  });
  const app = createApp({ handle, clock: () => NOW, config: { publicUrl: 'http://127.0.0.1', bodyLimitBytes: 1 << 20, demo: false, rateLimits: NO_RATE_LIMITS }, verify: (t) => verifier.verify(t) });
  const rep = data.users.find((u) => u.role === 'rep')!;
  const token = await issuer.issue({ oid: rep.entraObjectId, name: rep.displayName, username: rep.email, ttlSeconds: 86_400 });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

  // Busiest accounts: the timeline pages people actually open.
  const busy = (await handle.db
    .selectFrom('interaction_accounts')
    .select(['account_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('account_id')
    .orderBy('n', 'desc')
    .limit(200)
    .execute()).map((r) => r.account_id);

  const time = async (n: number, fn: (k: number) => Response | Promise<Response>) => {
    const xs: number[] = [];
    for (let k = 0; k < n; k++) {
      const t = performance.now();
      const r = await fn(k);
      if (r.status >= 300) throw new Error(`bench request failed: ${r.status} ${await r.text()}`);
      await r.arrayBuffer();
      xs.push(performance.now() - t);
    }
    return { p50: ms(pct(xs, 50)), p99: ms(pct(xs, 99)), n };
  };
  await time(200, (k) => app.request(`/api/accounts/${busy[k % busy.length]}/timeline?limit=50`, { headers })); // warm-up
  const timeline = await time(2000, (k) => app.request(`/api/accounts/${busy[k % busy.length]}/timeline?limit=50`, { headers }));
  log(`timeline page of 50: p50 ${timeline.p50} ms, p99 ${timeline.p99} ms`);

  const addresses = data.contacts.flatMap((c) => c.emails).slice(0, 5000);
  const unknown = (k: number) => `someone${k}@unknown-${k % 97}.fi`;
  const match = await time(2000, (k) =>
    app.request('/api/match', {
      method: 'POST', headers,
      body: JSON.stringify({ addresses: Array.from({ length: 10 }, (_, j) => ({ address: j < 7 ? addresses[(k * 10 + j) % addresses.length]! : unknown(k * 10 + j), displayName: null })) }),
    }),
  );
  log(`match of 10 addresses: p50 ${match.p50} ms, p99 ${match.p99} ms`);

  const contact = data.contacts.find((c) => c.accountId && c.emails.length)!;
  const logEmail = await time(1000, (k) =>
    app.request('/api/interactions', {
      method: 'POST', headers,
      body: JSON.stringify({
        kind: 'email', occurredAt: NOW - k * 60_000, subject: `Bench ${k}`, internetMessageId: `<bench-${kind}-${k}@bench.suhde>`,
        participants: [{ role: 'from', address: contact.emails[0], displayName: contact.name }, { role: 'to', address: rep.email, displayName: rep.displayName }],
      }),
    }),
  );
  log(`log an email: p50 ${logEmail.p50} ms, p99 ${logEmail.p99} ms`);

  // HTTP over loopback: the same app behind @hono/node-server, autocannon in this process.
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as { port: number }).port;
  const requests = busy.slice(0, 50).map((id) => ({ method: 'GET' as const, path: `/api/accounts/${id}/timeline?limit=50`, headers }));
  const result = await autocannon({ url: `http://127.0.0.1:${port}`, connections: 32, duration: 10, requests });
  // Let in-flight requests finish before the store closes under them.
  await new Promise((r) => server.close(r));
  const rps = result.requests.average;
  log(`HTTP timeline: ${Math.round(rps)} req/s (p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors})`);

  await cleanup();
  return {
    database: kind,
    ingest: { interactions, seconds: Math.round(ingestSecs * 10) / 10, perSecond: Math.round(ingestRate), rawDriverPerSecond: Math.round(rawRate), ratioToRaw: Math.round((ingestRate / rawRate) * 100) / 100 },
    timelinePage50Ms: timeline,
    match10Ms: match,
    logEmailMs: logEmail,
    httpTimeline: { requestsPerSecond: Math.round(rps), p50Ms: result.latency.p50, p99Ms: result.latency.p99, non2xx: result.non2xx, errors: result.errors },
  };
}

async function main() {
  console.log(`Suhde benchmark: scale ${scale} (${sizes.interactions} interactions, ${sizes.accounts} accounts, ~${sizes.accounts * sizes.contactsPerAccount} contacts, ${sizes.users} users) on ${dbs.join(', ')}; ${cpus().length} cores`);
  const results = [];
  for (const kind of dbs) results.push(await benchOne(kind));
  const report = { at: new Date().toISOString(), node: process.version, cores: cpus().length, scale, sizes, results };
  mkdirSync('bench', { recursive: true });
  const file = scale === 1 ? 'bench/results' : `bench/results-scale-${scale}`;
  const history = existsSync(`${file}.json`) ? (JSON.parse(readFileSync(`${file}.json`, 'utf8')) as unknown[]) : [];
  writeFileSync(`${file}.json`, JSON.stringify([...history, report].slice(-10), null, 2) + '\n');
  const lines = [
    `# Benchmark results (scale ${scale})`, '', `Run ${report.at} on Node ${report.node}, ${report.cores} cores. ${sizes.interactions} interactions, ${sizes.accounts} accounts, ${sizes.users} users.`, '',
    '| database | ingest/s | raw driver/s | ratio | timeline p50 / p99 ms | match p50 / p99 ms | log email p50 / p99 ms | HTTP timeline req/s (p99 ms) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.map((r) => `| ${r.database} | ${r.ingest.perSecond} | ${r.ingest.rawDriverPerSecond} | ${r.ingest.ratioToRaw} | ${r.timelinePage50Ms.p50} / ${r.timelinePage50Ms.p99} | ${r.match10Ms.p50} / ${r.match10Ms.p99} | ${r.logEmailMs.p50} / ${r.logEmailMs.p99} | ${r.httpTimeline.requestsPerSecond} (${r.httpTimeline.p99Ms}) |`),
    '', 'Goals: ingest >= 50% of the raw driver; timeline p99 <= 10 ms; match p99 <= 5 ms; HTTP >= 5,000 req/s.', '',
  ];
  writeFileSync(`${file}.md`, lines.join('\n'));
  console.log(lines.join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
