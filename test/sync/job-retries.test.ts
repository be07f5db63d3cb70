// Failed passes are retried with back-off on both queues, and a pass that keeps failing is given up after the
// limit, logged with its tenant, mailbox and stream, and counted. A pass whose stream was busy runs again later
// without using a retry.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { inProcessQueue, type JobQueue, type RetryPolicy, type SyncJob } from '../../backend/src/sync/job-queue.ts';
import { pgBossQueue } from '../../backend/src/sync/pg-boss-queue.ts';

const url = process.env.SUHDE_TEST_DATABASE_URL;
if (!url) console.warn('[suhde tests] pg-boss retry cases skipped: they need PostgreSQL (SUHDE_TEST_DATABASE_URL; CI sets it).');

const flaky: SyncJob = { tenantId: 't1', mailboxId: 'mbx-flaky', stream: 'mail:inbox' };
const broken: SyncJob = { tenantId: 't1', mailboxId: 'mbx-broken', stream: 'calendar' };

/** Runs `flaky` (fails twice, then succeeds) and `broken` (always fails) and records when each attempt started. */
async function exercise(queue: JobQueue) {
  const attempts = new Map<string, number[]>();
  await queue.start(async (job) => {
    const times = attempts.get(job.mailboxId) ?? [];
    times.push(performance.now());
    attempts.set(job.mailboxId, times);
    if (job.mailboxId === broken.mailboxId) throw new Error('Graph answered 500 again');
    if (times.length <= 2) throw new Error(`transient failure ${times.length}`);
  });
  await queue.enqueue(flaky);
  await queue.enqueue(broken);
  await queue.idle();
  const gaps = (t: number[]) => t.slice(1).map((x, i) => x - t[i]!);
  return { flaky: gaps(attempts.get(flaky.mailboxId)!), broken: attempts.get(broken.mailboxId)!.length };
}

describe('retries in the in-process queue', () => {
  it('retries a failing pass with growing delays until it succeeds, and gives a broken one up after the limit', async () => {
    const lines: string[] = [];
    const retry: RetryPolicy = { limit: 3, delayMs: 40, backoff: true };
    const queue = inProcessQueue({ retry, log: (l) => lines.push(l) });
    const { flaky: gaps, broken: tries } = await exercise(queue);
    expect(gaps).toHaveLength(2);
    // 40 ms, then 80 ms (timers fire no earlier than asked, give or take a millisecond).
    expect(gaps[0]).toBeGreaterThanOrEqual(39);
    expect(gaps[1]).toBeGreaterThanOrEqual(79);
    expect(gaps[1]!).toBeGreaterThan(gaps[0]!);
    expect(tries).toBe(retry.limit + 1);
    expect(queue.stats()).toEqual({ retried: 2 + retry.limit, failed: 1, deferred: 0 });
    expect(lines.filter((l) => l.includes('mbx-flaky'))).toEqual([
      expect.stringMatching(/tenant t1, mailbox mbx-flaky, mail:inbox: pass failed \(attempt 1 of 4\), retrying in 40 ms: transient failure 1/),
      expect.stringMatching(/attempt 2 of 4\), retrying in 80 ms: transient failure 2/),
    ]);
    expect(lines.at(-1)).toMatch(/tenant t1, mailbox mbx-broken, calendar: pass gave up after 4 attempts: Graph answered 500 again/);
    await queue.stop();
  });

  it('runs a pass again later when its stream was busy, without using a retry', async () => {
    const queue = inProcessQueue({ retry: { limit: 0, delayMs: 1000, backoff: false }, log: () => {} });
    const runs: number[] = [];
    await queue.start(async () => {
      runs.push(performance.now());
      if (runs.length === 1) return { retryAfterMs: 30 };
    });
    await queue.enqueue(flaky);
    await queue.idle();
    expect(runs).toHaveLength(2);
    expect(runs[1]! - runs[0]!).toBeGreaterThanOrEqual(29);
    expect(queue.stats()).toEqual({ retried: 0, failed: 0, deferred: 1 });
    await queue.stop();
  });
});

describe.skipIf(!url)('retries in the pg-boss queue', () => {
  const schema = `pgboss_retry_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  let queue: JobQueue | null = null;
  afterAll(async () => {
    await queue?.stop();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  });

  it('retries with back-off through pg-boss and gives a broken pass up after the limit', async () => {
    const lines: string[] = [];
    queue = pgBossQueue({ connectionString: url!, schema, pollingIntervalSeconds: 0.5, retry: { limit: 2, delayMs: 1000, backoff: true }, log: (l) => lines.push(l) });
    const { flaky: gaps, broken: tries } = await exercise(queue);
    // pg-boss waits delay × 2^(n-1), plus up to as much again of jitter: at least 1 s, then at least 2 s.
    expect(gaps).toHaveLength(2);
    expect(gaps[0]).toBeGreaterThanOrEqual(950);
    expect(gaps[1]).toBeGreaterThanOrEqual(1950);
    expect(tries).toBe(3);
    expect(queue.stats()).toEqual({ retried: 2 + 2, failed: 1, deferred: 0 });
    expect(lines).toContainEqual(expect.stringMatching(/tenant t1, mailbox mbx-flaky, mail:inbox: pass failed \(attempt 1 of 3\), pg-boss retries it with back-off: transient failure 1/));
    expect(lines).toContainEqual(expect.stringMatching(/tenant t1, mailbox mbx-broken, calendar: pass gave up after 3 attempts \(pg-boss job [0-9a-f-]+\): Graph answered 500 again/));
  }, 180_000);
});
