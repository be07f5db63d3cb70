// Sync jobs through pg-boss on the store's PostgreSQL: every backend instance works the same queue. The stream
// lease in sync_cursors, not pg-boss, keeps one pass per stream: pg-boss 10 has no heartbeat, so a job's expiry
// cannot tell a long pass from a dead one, and a 'stately' queue's active job of a killed worker blocks the next
// pass of its stream (and, at the head of the queue, every fetch) until that expiry. So the queue is 'short'
// (one waiting pass per stream absorbs the rest), a pass that finds its stream busy runs again a little later,
// and the sync service queues a pass for every stream whose lease ran out unreleased (a dead worker's).
import PgBoss from 'pg-boss';
import {
  DEFAULT_RETRY, describeJob, errorMessage, jobKey, type JobQueue, type JobQueueStats, type RetryPolicy, type SyncJob, type SyncJobHandler,
} from './job-queue.ts';

export const SYNC_QUEUE = 'suhde-sync-stream';
/** The 'stately' queue of earlier versions; removed at start, its waiting passes are queued again by the first poll. */
const OLD_SYNC_QUEUE = 'suhde-sync-pass';

/**
 * A backstop for pg-boss's own bookkeeping, not what takes a dead worker's stream over (the lease does). It must
 * outlast the longest pass: pg-boss fails a handler that runs past it, and retries the job.
 */
export const JOB_EXPIRY_SECONDS = 60 * 60;

export function pgBossQueue(opts: {
  connectionString: string; schema?: string; concurrency?: number; pollingIntervalSeconds?: number; retry?: RetryPolicy; log?: (line: string) => void;
}): JobQueue {
  const retry = opts.retry ?? DEFAULT_RETRY;
  const log = opts.log ?? ((line: string) => console.warn(line));
  const boss = new PgBoss({ connectionString: opts.connectionString, schema: opts.schema ?? 'pgboss', max: 4 });
  const stats: JobQueueStats = { retried: 0, failed: 0, deferred: 0 };
  const workerIds: string[] = [];
  // pg-boss counts retry delays in whole seconds; the back-off doubles it per retry (with up to as much again of jitter).
  const queueOptions = {
    name: SYNC_QUEUE, policy: 'short' as const, retryLimit: retry.limit, retryDelay: Math.max(1, Math.round(retry.delayMs / 1000)),
    retryBackoff: retry.backoff, expireInSeconds: JOB_EXPIRY_SECONDS,
  };
  let started: Promise<void> | null = null;
  const ensureStarted = () =>
    (started ??= (async () => {
      await boss.start();
      if (await boss.getQueue(OLD_SYNC_QUEUE)) await boss.deleteQueue(OLD_SYNC_QUEUE);
      await boss.createQueue(SYNC_QUEUE, queueOptions);
      // An existing queue keeps its options otherwise: the configured retries apply from this start on.
      await boss.updateQueue(SYNC_QUEUE, queueOptions);
    })());
  boss.on('error', (e) => log(`[sync] pg-boss: ${errorMessage(e)}`));
  const wakeWorkers = () => {
    for (const id of workerIds) boss.notifyWorker(id);
  };
  return {
    kind: 'pg-boss',
    async enqueue(job) {
      await ensureStarted();
      await boss.send(SYNC_QUEUE, job, { singletonKey: jobKey(job) });
      wakeWorkers();
    },
    async start(handler: SyncJobHandler) {
      await ensureStarted();
      const workers = opts.concurrency ?? 2;
      for (let i = 0; i < workers; i++) {
        let self = '';
        self = await boss.work<SyncJob>(SYNC_QUEUE, { batchSize: 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2, includeMetadata: true }, async ([job]) => {
          if (!job) return;
          try {
            const outcome = await handler(job.data);
            if (outcome) {
              stats.deferred++;
              await boss.send(SYNC_QUEUE, job.data, { singletonKey: jobKey(job.data), startAfter: Math.max(1, Math.ceil(outcome.retryAfterMs / 1000)) });
            }
          } catch (error) {
            // Thrown on to pg-boss, which retries the job with back-off while retries are left.
            const attempt = job.retryCount + 1;
            if (job.retryCount < job.retryLimit) {
              stats.retried++;
              log(`[sync] ${describeJob(job.data)}: pass failed (attempt ${attempt} of ${job.retryLimit + 1}), pg-boss retries it with back-off: ${errorMessage(error)}`);
            } else {
              stats.failed++;
              log(`[sync] ${describeJob(job.data)}: pass gave up after ${attempt} attempts (pg-boss job ${job.id}): ${errorMessage(error)}`);
            }
            throw error;
          } finally {
            // A worker that found work looks for more at once instead of after its polling interval.
            boss.notifyWorker(self);
          }
        });
        workerIds.push(self);
      }
    },
    async idle() {
      await ensureStarted();
      for (;;) {
        const n = await boss.getQueueSize(SYNC_QUEUE, { before: 'completed' });
        if (n === 0) return;
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async stop() {
      if (started) await boss.stop({ graceful: true, wait: true, timeout: 20_000 });
    },
    stats: () => ({ ...stats }),
  };
}
