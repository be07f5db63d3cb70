// npm run bench:sync [-- --db=sqlite,postgres --messages=100000 --events=10000 --page=1000 --runs=3]
// Messages and events in the Graph emulator (its own process, zero latency), synced end to end into a fresh
// SQLite or PostgreSQL database through the real client, planner and store, several runs. Beside each run, the
// same Graph pages fetched and parsed with nothing stored: the yardstick for the sync's rate. Figures: items per
// second, Graph requests against the floor of ceil(items / page size) per stream, and the share of wall time in
// which the store was busy (the union of the timed store calls of all passes, see sync/store-timer.ts).
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { Db } from '../../backend/src/store/connect.ts';
import { insertTenant } from '../../backend/src/store/tenants.ts';
import { insertUsers } from '../../backend/src/store/users.ts';
import { insertAccounts, insertContacts } from '../../backend/src/store/seed.ts';
import { insertMailbox } from '../../backend/src/store/mailboxes.ts';
import { tenantScope } from '../../backend/src/store/scope.ts';
import { DEFAULT_TENANT_SETTINGS, type Account, type Contact, type User } from '../../backend/src/domain/types.ts';
import { createGraphClient, messageSelect, type GraphClient } from '../../backend/src/graph/index.ts';
import { DEFAULT_PAGE_SIZE, runSyncPass, type SyncPassResult } from '../../backend/src/sync/run-sync-pass.ts';
import { calendarWindow, mailboxStreams, parseStream } from '../../backend/src/sync/streams.ts';
import { wallClockStoreTimer } from '../../backend/src/sync/store-timer.ts';
import { benchPostgresUrl, freshDatabase, type BenchDb } from './databases.ts';
import { median } from './summary.ts';

const MAILBOXES = 10;
const NOW = Date.UTC(2026, 10, 1, 12);
const DOMAIN = 'bench-seller.fi';
const CUSTOMERS = Array.from({ length: 4000 }, (_, k) => `henkilo${k}@asiakas${k % 1000}.fi`);

export interface SyncOptions { messages: number; events: number; pageSize: number; concurrency: number; runs: number }

export interface SyncFigures {
  itemsPerSec: number[];
  graphOnlyItemsPerSec: number[];
  dbShare: number[];
  items: number;
  requests: number[];
  floor: number;
  /** Wall time of the timed syncs and Graph-only fetches, all runs. */
  measuredMs: number;
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
  const customers = CUSTOMERS;
  const contacts: Contact[] = customers.filter((_, k) => k % 2 === 0).map((address, k) => ({
    id: `c${k}`, tenantId, accountId: `a${(k * 2) % 1000}`, name: `Henkilö ${k}`, emails: [address], phones: [], title: null, ownerId: null, createdAt: NOW, updatedAt: NOW,
  } as Contact));
  await insertContacts(scope, contacts);
  const mailboxes = [];
  for (const u of users) mailboxes.push(await insertMailbox(scope, { id: `m-${u.id}`, userId: u.id, address: u.email, windowBackDays: 180, windowAheadDays: 90 }, NOW));
  return { tenantId, users, customers, mailboxes };
}

type Emulator = { url: string; stats(): Promise<{ total: number }>; stop(): void };

// One emulator per plan for the whole process: its mailboxes do not change while synced (every run starts from no
// delta link), so run.ts's second database syncs the same items without building them again (tens of seconds).
const emulators = new Map<string, Promise<Emulator>>();

function sharedEmulator(plan: object): Promise<Emulator> {
  const key = JSON.stringify(plan);
  let e = emulators.get(key);
  if (!e) emulators.set(key, (e = startEmulator({ ...plan, now: Date.now() })));
  return e;
}

/** Stops the emulators benchSync started (run.ts, when every database is done). */
export async function stopSyncEmulators(): Promise<void> {
  for (const e of emulators.values()) (await e).stop();
  emulators.clear();
}

function startEmulator(plan: object): Promise<Emulator> {
  // The emulator answers stats with every request so far: each run takes the difference.
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

/** The same rounds the sync runs, fetched and parsed by the same client, nothing stored: items per second. */
async function graphOnly(graph: GraphClient, jobs: { address: string; stream: string }[], opts: SyncOptions): Promise<number> {
  let items = 0;
  const t0 = performance.now();
  await pool(jobs, opts.concurrency, async (job) => {
    const stream = parseStream(job.stream)!;
    const pages = stream.kind === 'mail'
      ? graph.deltaMessages(job.address, stream.folder, null, { select: messageSelect(DEFAULT_TENANT_SETTINGS.storeSnippets), pageSize: opts.pageSize })
      : graph.deltaEvents(job.address, calendarWindow(Date.now(), 180, 90), null, { pageSize: opts.pageSize });
    for await (const page of pages as AsyncGenerator<{ items: unknown[]; removedIds: string[]; unreadable: unknown[] }>) items += page.items.length + page.removedIds.length + page.unreadable.length;
  });
  return items / ((performance.now() - t0) / 1000);
}

export async function benchSync(kind: BenchDb, pgUrl: string | null, opts: SyncOptions, log: (s: string) => void): Promise<SyncFigures> {
  const e0 = performance.now();
  const emulator = await sharedEmulator({
    mailboxes: Array.from({ length: MAILBOXES }, (_, i) => `myyja${i}@${DOMAIN}`), messagesPerMailbox: opts.messages / MAILBOXES, eventsPerMailbox: opts.events / MAILBOXES,
    customers: CUSTOMERS, internalDomain: DOMAIN,
  });
  log(`sync: the emulator's ${opts.messages + opts.events} items ready in ${((performance.now() - e0) / 1000).toFixed(1)} s`);
  const graph = createGraphClient({ baseUrl: `${emulator.url}/v1.0`, authProvider: async () => 'bench', maxInFlight: 16 });
  const figures: SyncFigures = { itemsPerSec: [], graphOnlyItemsPerSec: [], dbShare: [], items: 0, requests: [], floor: 0, measuredMs: 0 };
  for (let r = 0; r < opts.runs; r++) {
    const s0 = performance.now();
    const db = await freshDatabase(kind, pgUrl, 'sync');
    try {
      const world = await seedWorld(db.handle);
      const setupSeconds = (performance.now() - s0) / 1000;
      const jobs = world.mailboxes.flatMap((m) => mailboxStreams(m.folders).map((stream) => ({ tenantId: world.tenantId, mailboxId: m.id, address: m.address, stream })));
      const timer = wallClockStoreTimer();
      const before = (await emulator.stats()).total;
      const results: SyncPassResult[] = [];
      const t0 = performance.now();
      await pool(jobs, opts.concurrency, async (job) => {
        results.push(await runSyncPass({ handle: db.handle, graphFor: () => graph, pageSize: opts.pageSize, storeTimer: timer }, { tenantId: job.tenantId, mailboxId: job.mailboxId, stream: job.stream }));
      });
      const seconds = (performance.now() - t0) / 1000;
      const seen = results.reduce((n, x) => n + x.seen, 0);
      // The floor: each stream needs ceil(items / page) requests; its last page also carries the deltaLink.
      figures.floor = results.reduce((n, x) => n + Math.max(1, Math.ceil(x.seen / opts.pageSize)), 0);
      figures.requests.push((await emulator.stats()).total - before);
      figures.items = seen;
      figures.itemsPerSec.push(seen / seconds);
      figures.dbShare.push(timer.busyMs() / 1000 / seconds);
      const g0 = performance.now();
      figures.graphOnlyItemsPerSec.push(await graphOnly(graph, jobs, opts));
      figures.measuredMs += seconds * 1000 + (performance.now() - g0);
      log(`sync run ${r + 1}: ${seen} items in ${seconds.toFixed(2)} s = ${Math.round(seen / seconds)}/s, store busy ${(figures.dbShare.at(-1)! * 100).toFixed(1)}% of the time; Graph only ${Math.round(figures.graphOnlyItemsPerSec.at(-1)!)}/s; requests ${figures.requests.at(-1)} (floor ${figures.floor}); fresh database and its mailboxes ${setupSeconds.toFixed(1)} s`);
    } finally {
      await db.dispose();
    }
  }
  return figures;
}

async function main() {
  const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
  const pgUrl = benchPostgresUrl();
  const dbs = (args.db ?? ('url' in pgUrl ? 'sqlite,postgres' : 'sqlite')).split(',') as BenchDb[];
  const opts: SyncOptions = {
    messages: Number(args.messages ?? 100_000), events: Number(args.events ?? 10_000), pageSize: Number(args.page ?? DEFAULT_PAGE_SIZE),
    concurrency: Number(args.concurrency ?? 4), runs: Number(args.runs ?? 3),
  };
  const out = [];
  for (const kind of dbs) {
    const f = await benchSync(kind, 'url' in pgUrl ? pgUrl.url : null, opts, (s) => console.log(`[bench:sync] ${kind}: ${s}`));
    out.push({ db: kind, items: f.items, itemsPerSecond: Math.round(median(f.itemsPerSec)), graphOnlyItemsPerSecond: Math.round(median(f.graphOnlyItemsPerSec)),
      dbShare: Math.round(median(f.dbShare) * 1000) / 1000, requests: f.requests, floor: f.floor, runs: f });
  }
  await stopSyncEmulators();
  mkdirSync('bench', { recursive: true });
  writeFileSync('bench/sync-results.json', JSON.stringify({ at: new Date().toISOString(), ...opts, results: out }, null, 2) + '\n');
  writeFileSync(
    'bench/sync-results.md',
    `# Graph sync benchmark\n\n${new Date().toISOString()}: ${opts.messages} messages and ${opts.events} events in ${MAILBOXES} mailboxes, page size ${opts.pageSize}, ` +
      `${opts.concurrency} passes in parallel, emulator in its own process at zero latency; medians of ${opts.runs} runs.\n\n` +
      '| database | items | items/s | Graph only items/s | Graph requests | floor | store busy |\n| --- | --- | --- | --- | --- | --- | --- |\n' +
      out.map((f) => `| ${f.db} | ${f.items} | ${f.itemsPerSecond} | ${f.graphOnlyItemsPerSecond} | ${f.requests.join(', ')} | ${f.floor} | ${(f.dbShare * 100).toFixed(1)}% |`).join('\n') + '\n',
  );
  process.exit(0);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
