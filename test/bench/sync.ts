// npm run bench:sync [-- --db=sqlite,postgres --messages=100000 --events=10000 --page=200]
// 100k messages and 10k events in the Graph emulator (its own process, zero latency), synced end to end into
// SQLite and PostgreSQL through the real client, planner and store. Figures: items per second, Graph requests
// against the floor of ceil(items / page size) per stream, and the share of time spent in the database.
import { fork } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openDb, type Db } from '../../backend/src/store/connect.ts';
import { migrateToLatest } from '../../backend/src/store/migrate.ts';
import { insertTenant } from '../../backend/src/store/tenants.ts';
import { insertUsers } from '../../backend/src/store/users.ts';
import { insertAccounts, insertContacts } from '../../backend/src/store/seed.ts';
import { insertMailbox } from '../../backend/src/store/mailboxes.ts';
import { tenantScope } from '../../backend/src/store/scope.ts';
import { DEFAULT_TENANT_SETTINGS, type Account, type Contact, type User } from '../../backend/src/domain/types.ts';
import { createGraphClient } from '../../backend/src/graph/index.ts';
import { runSyncPass, type SyncPassResult } from '../../backend/src/sync/run-sync-pass.ts';
import { mailboxStreams } from '../../backend/src/sync/streams.ts';
import { wallClockStoreTimer } from '../../backend/src/sync/store-timer.ts';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const dbs = (args.db ?? (process.env.SUHDE_TEST_DATABASE_URL ? 'sqlite,postgres' : 'sqlite')).split(',');
const pgUrl = process.env.SUHDE_TEST_DATABASE_URL ?? 'postgres://suhde:suhde@127.0.0.1:5432/suhde_test';
const MAILBOXES = 10;
const messages = Number(args.messages ?? 100_000);
const events = Number(args.events ?? 10_000);
const pageSize = Number(args.page ?? 200);
const concurrency = Number(args.concurrency ?? 4);
const NOW = Date.UTC(2026, 10, 1, 12);
const DOMAIN = 'bench-seller.fi';

async function openBenchDb(kind: string): Promise<{ handle: Db; dispose(): Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'suhde-bench-sync-'));
    const handle = openDb({ kind: 'sqlite', path: join(dir, 'bench.db') });
    await migrateToLatest(handle.db);
    return { handle, dispose: async () => { await handle.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  const schema = `bench_sync_${process.pid}`;
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  await c.end();
  const handle = openDb({ kind: 'postgres', url: pgUrl, schema, poolSize: 8 });
  await migrateToLatest(handle.db, { schema });
  return {
    handle,
    dispose: async () => {
      await handle.close();
      const d = new pg.Client({ connectionString: pgUrl });
      await d.connect();
      await d.query(`DROP SCHEMA ${schema} CASCADE`);
      await d.end();
    },
  };
}

async function seedWorld(handle: Db) {
  const tenantId = 'bench-sync';
  await insertTenant(handle.db, { id: tenantId, entraTenantId: '00000000-0000-4000-8000-00000000b5c0', name: 'Bench Sync Oy', settings: { ...DEFAULT_TENANT_SETTINGS, internalDomains: [DOMAIN] }, createdAt: NOW });
  const scope = tenantScope(handle, tenantId);
  const users: User[] = Array.from({ length: MAILBOXES }, (_, i) => ({
    id: `u${i}`, tenantId, entraObjectId: `oid-${i}`, displayName: `Myyjä ${i}`, email: `myyja${i}@${DOMAIN}`, role: 'rep', team: 'Bench', createdAt: NOW,
  }));
  await insertUsers(scope, users);
  const accounts: Account[] = Array.from({ length: 1000 }, (_, i) => ({
    id: `a${i}`, tenantId, name: `Asiakas ${i} Oy`, domains: [`asiakas${i}.fi`], tier: 'B', lifecycle: 'customer', ownerId: users[i % MAILBOXES]!.id,
    industry: null, size: null, region: null, createdAt: NOW, updatedAt: NOW,
  } as Account));
  await insertAccounts(scope, accounts);
  // Half the customers are known contacts; the rest match their account by domain only.
  const customers = Array.from({ length: 4000 }, (_, k) => `henkilo${k}@asiakas${k % 1000}.fi`);
  const contacts: Contact[] = customers.filter((_, k) => k % 2 === 0).map((address, k) => ({
    id: `c${k}`, tenantId, accountId: `a${(k * 2) % 1000}`, name: `Henkilö ${k}`, emails: [address], phones: [], title: null, ownerId: null, createdAt: NOW, updatedAt: NOW,
  } as Contact));
  await insertContacts(scope, contacts);
  const mailboxes = [];
  for (const u of users) mailboxes.push(await insertMailbox(scope, { id: `m-${u.id}`, userId: u.id, address: u.email, windowBackDays: 180, windowAheadDays: 90 }, NOW));
  return { tenantId, users, customers, mailboxes };
}

function startEmulator(plan: object): Promise<{ url: string; stats(): Promise<{ total: number }>; stop(): void }> {
  const child = fork(new URL('./sync-emulator-child.ts', import.meta.url).pathname, { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  return new Promise((resolve) => {
    child.once('message', (m: { type: string; url: string }) =>
      resolve({
        url: m.url,
        stats: () => new Promise((r) => { child.once('message', r as never); child.send({ type: 'stats' }); }),
        stop: () => child.send({ type: 'stop' }),
      }),
    );
    child.send({ type: 'start', plan });
  });
}

async function pool<T>(items: T[], n: number, fn: (t: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => { while (next < items.length) await fn(items[next++]!); }));
}

interface Figures { db: string; items: number; seconds: number; itemsPerSecond: number; requests: number; floor: number; requestRatio: number; dbShare: number; stored: number; concurrency: number }

async function benchOne(kind: string): Promise<Figures> {
  const { handle, dispose } = await openBenchDb(kind);
  try {
    const world = await seedWorld(handle);
    const emulator = await startEmulator({
      mailboxes: world.users.map((u) => u.email), messagesPerMailbox: messages / MAILBOXES, eventsPerMailbox: events / MAILBOXES,
      customers: world.customers, internalDomain: DOMAIN, now: Date.now(),
    });
    const graph = createGraphClient({ baseUrl: `${emulator.url}/v1.0`, authProvider: async () => 'bench', maxInFlight: 16 });
    const timing = wallClockStoreTimer();
    const jobs = world.mailboxes.flatMap((m) => mailboxStreams(m.folders).map((stream) => ({ tenantId: world.tenantId, mailboxId: m.id, stream })));
    const results: SyncPassResult[] = [];
    const t0 = performance.now();
    await pool(jobs, concurrency, async (job) => { results.push(await runSyncPass({ handle, graphFor: () => graph, pageSize, storeTimer: timing }, job)); });
    const seconds = (performance.now() - t0) / 1000;
    const stats = await emulator.stats();
    emulator.stop();
    const seen = results.reduce((n, r) => n + r.seen, 0);
    // The floor: each stream needs ceil(items / page) requests; its last page also carries the deltaLink.
    const perStream = new Map<string, number>();
    for (const r of results) perStream.set(`${r.mailboxId}/${r.stream}`, r.seen);
    const floor = [...perStream.values()].reduce((n, items) => n + Math.max(1, Math.ceil(items / pageSize)), 0);
    return {
      db: kind, items: seen, seconds: Math.round(seconds * 100) / 100, itemsPerSecond: Math.round(seen / seconds), requests: stats.total, floor,
      requestRatio: Math.round((stats.total / floor) * 1000) / 1000,
      // With passes in parallel the store's spans overlap; divide by the passes in flight to get a share of wall time.
      dbShare: Math.round((timing.busyMs() / 1000 / seconds) * 1000) / 1000,
      stored: results.reduce((n, r) => n + r.stored, 0), concurrency,
    };
  } finally {
    await dispose();
  }
}

const out: Figures[] = [];
for (const kind of dbs) {
  const f = await benchOne(kind);
  console.log(`[bench:sync] ${kind}: ${f.items} items in ${f.seconds} s = ${f.itemsPerSecond}/s; Graph requests ${f.requests} vs floor ${f.floor} (${f.requestRatio}x); time in the database ${(f.dbShare * 100).toFixed(1)}%`);
  out.push(f);
}
mkdirSync('bench', { recursive: true });
writeFileSync('bench/sync-results.json', JSON.stringify({ at: new Date().toISOString(), messages, events, pageSize, concurrency, results: out }, null, 2));
writeFileSync(
  'bench/sync-results.md',
  `# Graph sync benchmark\n\n${new Date().toISOString()}: ${messages} messages and ${events} events in ${MAILBOXES} mailboxes, page size ${pageSize}, ` +
    `${concurrency} passes in parallel, emulator in its own process at zero latency.\n\n| database | items | seconds | items/s | Graph requests | floor | ratio | time in database |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n` +
    out.map((f) => `| ${f.db} | ${f.items} | ${f.seconds} | ${f.itemsPerSecond} | ${f.requests} | ${f.floor} | ${f.requestRatio}x | ${(f.dbShare * 100).toFixed(1)}% |`).join('\n') + '\n',
);
process.exit(0);
