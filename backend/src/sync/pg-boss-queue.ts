// Sync jobs through pg-boss on the store's PostgreSQL: every backend instance works the same queue, and the
// 'stately' policy with the stream as singleton key keeps at most one pass per stream waiting and one running,
// so no mailbox page is processed twice at once (the stream lease in sync_cursors is the second guard).
import PgBoss from 'pg-boss';
import { jobKey, type JobQueue, type SyncJob, type SyncJobHandler } from './job-queue.ts';

export const SYNC_QUEUE = 'suhde-sync-pass';

export function pgBossQueue(opts: { connectionString: string; schema?: string; concurrency?: number; pollingIntervalSeconds?: number }): JobQueue {
  const boss = new PgBoss({ connectionString: opts.connectionString, schema: opts.schema ?? 'pgboss', max: 4 });
  let started: Promise<void> | null = null;
  const ensureStarted = () =>
    (started ??= (async () => {
      await boss.start();
      await boss.createQueue(SYNC_QUEUE, { name: SYNC_QUEUE, policy: 'stately', retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 15 * 60 });
    })());
  boss.on('error', (e) => console.error(`[sync] pg-boss: ${e instanceof Error ? e.message : e}`));
  return {
    kind: 'pg-boss',
    async enqueue(job) {
      await ensureStarted();
      await boss.send(SYNC_QUEUE, job, { singletonKey: jobKey(job) });
    },
    async start(handler: SyncJobHandler) {
      await ensureStarted();
      const workers = opts.concurrency ?? 2;
      for (let i = 0; i < workers; i++) {
        await boss.work<SyncJob>(SYNC_QUEUE, { batchSize: 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 }, async ([job]) => {
          if (job) await handler(job.data);
        });
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
  };
}
