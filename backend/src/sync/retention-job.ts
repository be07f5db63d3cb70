// The daily retention job: every tenant's retention applied (use-cases/privacy/apply-retention.ts). On PostgreSQL
// it is a pg-boss schedule, so of several backend instances one runs it each day; on SQLite, a timer in the
// server's process (one process owns the file).
import PgBoss from 'pg-boss';
import type { Db } from '../store/connect.ts';
import { tenantScope } from '../store/scope.ts';
import { listTenants } from '../store/tenants.ts';
import { applyRetention } from '../use-cases/privacy/apply-retention.ts';
import { DAY_MS } from '../domain/types.ts';

export const RETENTION_QUEUE = 'suhde-retention';
/** 02:30 UTC, out of office hours in Finland. */
export const RETENTION_CRON = '30 2 * * *';

/** One tenant's failure is logged and the others still run; the next day's run tries it again. */
export async function applyRetentionToAllTenants(handle: Db, now: number, log: (line: string) => void): Promise<void> {
  for (const tenant of await listTenants(handle.db)) {
    try {
      const r = await applyRetention(tenantScope(handle, tenant.id), now);
      if (r.removed + r.purged + r.anonymised > 0) log(`[retention] tenant ${tenant.id}: ${r.removed} removed, ${r.purged} purged, ${r.anonymised} anonymised`);
    } catch (e) {
      log(`[retention] tenant ${tenant.id}: retention not applied: ${e instanceof Error ? e.message : e}`);
    }
  }
}

export interface RetentionJob {
  readonly kind: 'in-process' | 'pg-boss';
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function retentionJob(opts: {
  handle: Db; clock: () => number; log?: (line: string) => void;
  /** PostgreSQL: schedule through pg-boss on this database; left out, a timer in this process. */
  connectionString?: string;
  /** The timer's period (tests shorten it); the first run is one period after start. */
  intervalMs?: number;
}): RetentionJob {
  const log = opts.log ?? console.log;
  const run = () => applyRetentionToAllTenants(opts.handle, opts.clock(), log);
  if (opts.connectionString) {
    const boss = new PgBoss({ connectionString: opts.connectionString, schema: 'pgboss', max: 2 });
    boss.on('error', (e) => log(`[retention] pg-boss: ${e instanceof Error ? e.message : e}`));
    let started = false;
    return {
      kind: 'pg-boss',
      async start() {
        await boss.start();
        started = true;
        await boss.createQueue(RETENTION_QUEUE, { name: RETENTION_QUEUE, policy: 'singleton', retryLimit: 2, retryDelay: 600, expireInSeconds: 60 * 60 });
        await boss.schedule(RETENTION_QUEUE, RETENTION_CRON, {}, { tz: 'UTC' });
        await boss.work(RETENTION_QUEUE, { batchSize: 1 }, async () => run());
      },
      async stop() {
        if (started) await boss.stop({ graceful: true, wait: true, timeout: 20_000 });
      },
    };
  }
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  return {
    kind: 'in-process',
    async start() {
      timer = setInterval(() => {
        // A run still going (a first pass over years of history) is not started twice.
        running ??= run().finally(() => (running = null));
      }, opts.intervalMs ?? DAY_MS);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
