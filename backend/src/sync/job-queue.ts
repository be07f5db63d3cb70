// Sync work as jobs: one job is one pass over one mailbox stream. Embedded mode runs them in-process; on
// PostgreSQL they go through pg-boss (pg-boss-queue.ts) so several backend instances share them. Both retry a
// failed pass with back-off, and both run a pass again later when its stream was busy elsewhere.

export interface SyncJob {
  tenantId: string;
  mailboxId: string;
  stream: string;
}

/**
 * A handler's answer: nothing when the pass ran, or "run me again after this long" when the stream was held by
 * another pass (not a failure: it uses no retry, and a change notified during that pass is still read).
 */
export type SyncJobOutcome = void | { retryAfterMs: number };
export type SyncJobHandler = (job: SyncJob) => Promise<SyncJobOutcome>;

/** How a failed pass is retried: `limit` retries after the first attempt, waiting `delayMs`, doubled each time with back-off. */
export interface RetryPolicy {
  limit: number;
  delayMs: number;
  backoff: boolean;
}

/** Five retries from 30 s with back-off: a pass that keeps failing is given up about half an hour later. */
export const DEFAULT_RETRY: RetryPolicy = { limit: 5, delayMs: 30_000, backoff: true };

/** The wait before retry `n` (1 for the first retry). */
export function retryDelayMs(policy: RetryPolicy, n: number): number {
  return policy.backoff ? policy.delayMs * 2 ** (n - 1) : policy.delayMs;
}

/** What this queue did with failures since it started, for logs and tests (the health view has each mailbox's last error). */
export interface JobQueueStats {
  /** Failed attempts that were retried. */
  retried: number;
  /** Jobs given up after their last retry. */
  failed: number;
  /** Jobs run again later because their stream was busy. */
  deferred: number;
}

export interface JobQueue {
  readonly kind: 'in-process' | 'pg-boss';
  /** Queues a pass; one that is already waiting for the same stream absorbs it. */
  enqueue(job: SyncJob): Promise<void>;
  start(handler: SyncJobHandler): Promise<void>;
  /** Resolves when nothing is waiting, running or due for a retry here (tests, the demo's first sync). */
  idle(): Promise<void>;
  stop(): Promise<void>;
  stats(): JobQueueStats;
}

export const jobKey = (j: SyncJob) => `${j.tenantId}/${j.mailboxId}/${j.stream}`;

export const describeJob = (j: SyncJob) => `tenant ${j.tenantId}, mailbox ${j.mailboxId}, ${j.stream}`;

export const errorMessage = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Jobs in this process, at most `concurrency` at a time. A job queued while the same stream is running runs
 * once more after it, so a change notified during a pass is never lost; queued twice, it still runs once.
 */
export function inProcessQueue(opts: { concurrency?: number; retry?: RetryPolicy; log?: (line: string) => void } = {}): JobQueue {
  const concurrency = opts.concurrency ?? 4;
  const retry = opts.retry ?? DEFAULT_RETRY;
  const log = opts.log ?? ((line: string) => console.warn(line));
  const waiting = new Map<string, SyncJob>();
  const running = new Set<string>();
  // A retry or a busy stream's next try, one per stream; and each stream's failures in a row.
  const scheduled = new Map<string, NodeJS.Timeout>();
  const failures = new Map<string, number>();
  const stats: JobQueueStats = { retried: 0, failed: 0, deferred: 0 };
  let handler: SyncJobHandler | null = null;
  let stopped = false;
  let idleWaiters: (() => void)[] = [];

  const isIdle = () => waiting.size === 0 && running.size === 0 && scheduled.size === 0;
  const settleIdle = () => {
    if (isIdle()) {
      const w = idleWaiters;
      idleWaiters = [];
      for (const resolve of w) resolve();
    }
  };
  const later = (key: string, job: SyncJob, ms: number) => {
    if (scheduled.has(key) || stopped) return;
    scheduled.set(key, setTimeout(() => {
      scheduled.delete(key);
      if (stopped) return settleIdle();
      waiting.set(key, job);
      pump();
    }, ms));
  };
  const settle = (key: string, job: SyncJob, outcome: { ok: true; value: SyncJobOutcome } | { ok: false; error: unknown }) => {
    if (!outcome.ok) {
      const n = (failures.get(key) ?? 0) + 1;
      if (n > retry.limit) {
        failures.delete(key);
        stats.failed++;
        log(`[sync] ${describeJob(job)}: pass gave up after ${n} attempts: ${errorMessage(outcome.error)}`);
        return;
      }
      failures.set(key, n);
      stats.retried++;
      const wait = retryDelayMs(retry, n);
      log(`[sync] ${describeJob(job)}: pass failed (attempt ${n} of ${retry.limit + 1}), retrying in ${wait} ms: ${errorMessage(outcome.error)}`);
      later(key, job, wait);
    } else if (outcome.value) {
      stats.deferred++;
      later(key, job, outcome.value.retryAfterMs);
    } else {
      failures.delete(key);
    }
  };
  const pump = () => {
    if (!handler || stopped) return;
    for (const [key, job] of waiting) {
      if (running.size >= concurrency) break;
      if (running.has(key)) continue;
      waiting.delete(key);
      running.add(key);
      void handler(job)
        .then((value) => settle(key, job, { ok: true, value }), (error: unknown) => settle(key, job, { ok: false, error }))
        .finally(() => {
          running.delete(key);
          pump();
          settleIdle();
        });
    }
    settleIdle();
  };
  return {
    kind: 'in-process',
    async enqueue(job) {
      if (stopped) return;
      waiting.set(jobKey(job), job);
      pump();
    },
    async start(h) {
      handler = h;
      pump();
    },
    idle: () => (isIdle() ? Promise.resolve() : new Promise<void>((r) => idleWaiters.push(r))),
    async stop() {
      stopped = true;
      waiting.clear();
      for (const t of scheduled.values()) clearTimeout(t);
      scheduled.clear();
      while (running.size > 0) await new Promise((r) => setTimeout(r, 20));
      settleIdle();
    },
    stats: () => ({ ...stats }),
  };
}
