// Several backend instances on one PostgreSQL share the sync work through pg-boss: every queued pass runs, no
// stream runs in two instances at once, and no delta page is fetched (so processed) twice.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/test-databases.ts';
import { makeSyncWorld, type SyncWorld } from './sync-world.ts';
import { pgBossQueue } from '../../backend/src/sync/pg-boss-queue.ts';
import { createSyncService, type SyncService } from '../../backend/src/sync/sync-service.ts';
import type { Db } from '../../backend/src/store/connect.ts';

const url = process.env.SUHDE_TEST_DATABASE_URL;
const postgres = testDatabases().find((d) => d.name === 'postgres');
if (!postgres) console.warn('[suhde tests] pg-boss suite skipped: it needs PostgreSQL (SUHDE_TEST_DATABASE_URL; CI sets it).');

describe.skipIf(!postgres)('sync jobs through pg-boss on PostgreSQL', () => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let world: SyncWorld;
  const bossSchema = `pgboss_t${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const instances: SyncService[] = [];
  // Each pass that ran (not one that found its stream busy and was put off): when it started and ended.
  const passes: { key: string; start: number; end: number }[] = [];
  let inFlight = 0;

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
      const service = createSyncService({ handle, graphFor: () => world.graph, queue, notificationBaseUrl: null, pageSize: 4, pollIntervalMs: 0, leaseSweepMs: 1000 });
      await queue.start(async (job) => {
        const start = performance.now();
        inFlight++;
        try {
          const outcome = await service.runJob(job);
          if (!outcome) passes.push({ key: `${job.mailboxId}/${job.stream}`, start, end: performance.now() });
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
