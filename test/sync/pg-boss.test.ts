// Several backend instances on one PostgreSQL share the sync work through pg-boss: every queued pass runs, no
// stream runs in two instances at once, and no delta page is fetched (so processed) twice.
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/test-databases.ts';
import { makeSyncWorld, type SyncWorld } from './sync-world.ts';
import { pgBossQueue } from '../../backend/src/sync/pg-boss-queue.ts';
import { createSyncService, type SyncService } from '../../backend/src/sync/sync-service.ts';
import type { Db } from '../../backend/src/store/connect.ts';
import type { GraphClient } from '../../backend/src/graph/index.ts';

const url = process.env.SUHDE_TEST_DATABASE_URL;
const postgres = testDatabases().find((d) => d.name === 'postgres');
if (!postgres) console.warn('[suhde tests] pg-boss suite skipped: it needs PostgreSQL (SUHDE_TEST_DATABASE_URL; CI sets it).');

describe.skipIf(!postgres)('sync jobs through pg-boss on PostgreSQL', () => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let world: SyncWorld;
  const bossSchema = `pgboss_t${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const instances: SyncService[] = [];
  // Each pass that ran (not one that found its stream busy and was put off), timed from inside its lease: from
  // taking its Graph client (after the lease is taken) to its last delta page (before the commit that gives the
  // lease back). The job handler's own span is wider than the lease on both sides, so two handlers of one
  // stream may overlap legitimately: the second waits on the first's releasing commit, then takes the lease.
  const passes: { key: string; start: number; end: number }[] = [];
  const current = new AsyncLocalStorage<{ start: number; end: number }>();
  let inFlight = 0;

  function timedGraph(graph: GraphClient): GraphClient {
    const span = current.getStore();
    if (span) span.start = performance.now();
    async function* timedPages<T>(pages: AsyncGenerator<T>): AsyncGenerator<T> {
      for await (const page of pages) {
        if (span) span.end = performance.now();
        yield page;
      }
    }
    return {
      ...graph,
      deltaMessages: (...args) => timedPages(graph.deltaMessages(...args)),
      deltaEvents: (...args) => timedPages(graph.deltaEvents(...args)),
    };
  }

  beforeAll(async () => {
    ({ handle, dispose } = await postgres!.open());
    world = await makeSyncWorld(handle, { pageSize: 4 });
    for (let n = 0; n < 18; n++) {
      world.emulator.store.addMessage(world.tenant.users.rep.email, { subject: `Jono ${n}`, from: 'kalle@asiakas.fi', to: [world.tenant.users.rep.email] });
      world.emulator.store.addMessage(world.tenant.users.rep2.email, { subject: `Jono B ${n}`, from: 'kalle@asiakas.fi', to: [world.tenant.users.rep2.email] });
    }
    world.emulator.setLatency(10);
    for (let i = 0; i < 2; i++) {
      const queue = pgBossQueue({ connectionString: url!, schema: bossSchema, concurrency: 2, pollingIntervalSeconds: 0.5 });
      const service = createSyncService({ handle, graphFor: () => timedGraph(world.graph), queue, notificationBaseUrl: null, pageSize: 4, pollIntervalMs: 0, leaseSweepMs: 1000 });
      await queue.start(async (job) => {
        const span = { start: NaN, end: NaN };
        inFlight++;
        try {
          const outcome = await current.run(span, () => service.runJob(job));
          // A pass put off (busy) returns a retry; one that found its mailbox off or backing off took no Graph client.
          if (!outcome && !Number.isNaN(span.start)) passes.push({ key: `${job.mailboxId}/${job.stream}`, ...span });
          return outcome;
        } finally {
          inFlight--;
        }
      });
      instances.push(service);
    }
  });
  afterAll(async () => {
    for (const s of instances) await s.stop();
    await world?.stop();
    await dispose?.();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${bossSchema} CASCADE`);
    await c.end();
  });

  it('shares the passes between two instances without fetching any delta page twice', async () => {
    world.emulator.clearLog();
    // Both instances queue every mailbox, twice: the stately queue keeps one waiting pass per stream.
    for (let round = 0; round < 2; round++) for (const s of instances) await s.enqueueAll();
    await instances[0]!.queue.idle();
    await expect.poll(() => inFlight, { timeout: 20_000 }).toBe(0);
    const rows = await handle.db.selectFrom('interactions').select('subject').where('deleted_at', 'is', null).execute();
    expect(rows).toHaveLength(36);
    // No two passes of one stream overlapped (a second job for a running stream is put off, not run).
    expect(new Set(passes.map((p) => p.key)).size).toBe(6);
    expect(passes.every((p) => p.start <= p.end)).toBe(true);
    for (const a of passes) for (const b of passes) if (a !== b && a.key === b.key) expect(a.end <= b.start || b.end <= a.start).toBe(true);
    // A delta page is named by its URL (a nextLink's skiptoken): none was requested twice.
    const deltaRequests = world.emulator.requests.filter((r) => !r.inBatch && r.path.includes('/delta') && r.status === 200);
    const firstRounds = deltaRequests.filter((r) => r.query.includes('skiptoken') || !r.query.includes('deltatoken'));
    const urls = firstRounds.map((r) => `${r.path}?${r.query}`);
    expect(new Set(urls).size).toBe(urls.length);
    // 18 messages at 4 a page: 5 pages per inbox; one page each for the empty sent items and calendars.
    expect(firstRounds).toHaveLength(2 * 5 + 2 + 2);
  });
});
