// The daily retention job: every tenant's retention applied (use-cases/privacy/apply-retention.ts). On PostgreSQL
// it is a pg-boss schedule, so of several backend instances one runs it each day; on SQLite, a timer in the
// server's process (one process owns the file).
import type { Db } from '../store/connect.ts';
import { tenantScope } from '../store/scope.ts';
import { listTenants } from '../store/tenants.ts';
import { applyRetention } from '../use-cases/privacy/apply-retention.ts';
import { DAY_MS } from '../domain/types.ts';
import { scheduledJob, type ScheduledJob } from './scheduled-job.ts';

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

export type RetentionJob = ScheduledJob;

export function retentionJob(opts: {
  handle: Db; clock: () => number; log?: (line: string) => void;
  /** PostgreSQL: schedule through pg-boss on this database; left out, a timer in this process. */
  connectionString?: string;
  /** The timer's period (tests shorten it); the first run is one period after start. */
  intervalMs?: number;
}): RetentionJob {
  const log = opts.log ?? console.log;
  return scheduledJob({
    name: 'retention', queue: RETENTION_QUEUE, cron: RETENTION_CRON, retryLimit: 2, retryDelaySeconds: 600, expireInSeconds: 60 * 60,
    ...(opts.connectionString ? { connectionString: opts.connectionString } : {}), intervalMs: opts.intervalMs ?? DAY_MS,
    run: () => applyRetentionToAllTenants(opts.handle, opts.clock(), log), log,
  });
}
