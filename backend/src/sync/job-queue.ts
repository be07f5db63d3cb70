// Sync work as jobs: one job is one pass over one mailbox stream. Embedded mode runs them in-process; on
// PostgreSQL they go through pg-boss (pg-boss-queue.ts) so several backend instances share them.

export interface SyncJob {
  tenantId: string;
  mailboxId: string;
  stream: string;
}

export type SyncJobHandler = (job: SyncJob) => Promise<void>;

export interface JobQueue {
  readonly kind: 'in-process' | 'pg-boss';
  /** Queues a pass; one that is already waiting for the same stream absorbs it. */
  enqueue(job: SyncJob): Promise<void>;
  start(handler: SyncJobHandler): Promise<void>;
  /** Resolves when nothing is waiting or running here (tests, the operator command, the demo's first sync). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export const jobKey = (j: SyncJob) => `${j.tenantId}/${j.mailboxId}/${j.stream}`;

/**
 * Jobs in this process, at most `concurrency` at a time. A job queued while the same stream is running runs
 * once more after it, so a change notified during a pass is never lost; queued twice, it still runs once.
 */
export function inProcessQueue(opts: { concurrency?: number; onError?: (job: SyncJob, error: unknown) => void } = {}): JobQueue {
  const concurrency = opts.concurrency ?? 4;
  const waiting = new Map<string, SyncJob>();
  const running = new Set<string>();
  let handler: SyncJobHandler | null = null;
  let stopped = false;
  let idleWaiters: (() => void)[] = [];

  const settleIdle = () => {
    if (waiting.size === 0 && running.size === 0) {
      const w = idleWaiters;
      idleWaiters = [];
      for (const resolve of w) resolve();
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
        .catch((error) => opts.onError?.(job, error))
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
    idle: () => (waiting.size === 0 && running.size === 0 ? Promise.resolve() : new Promise<void>((r) => idleWaiters.push(r))),
    async stop() {
      stopped = true;
      waiting.clear();
      while (running.size > 0) await new Promise((r) => setTimeout(r, 20));
      settleIdle();
    },
  };
}
