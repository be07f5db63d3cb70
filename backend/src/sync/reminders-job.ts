// The reminders job: every tenant's activity-feed reminders (use-cases/notifications/send-reminders.ts), hourly.
// Hourly rather than daily because "due today" is a local day and people start at different hours; the log's
// once-a-day key keeps it to one reminder per item and day however often it runs. On PostgreSQL a pg-boss
// schedule (one instance runs each hour); on SQLite a timer in the server's process.
import { scheduledJob, type ScheduledJob } from './scheduled-job.ts';
import type { Db } from '../store/connect.ts';
import { tenantScope } from '../store/scope.ts';
import { listTenants } from '../store/tenants.ts';
import type { GraphClient } from '../graph/index.ts';
import { sendReminders } from '../use-cases/notifications/send-reminders.ts';

export const REMINDERS_QUEUE = 'suhde-reminders';
export const REMINDERS_CRON = '5 * * * *';
const HOUR_MS = 60 * 60_000;

export interface ReminderJobOptions {
  handle: Db;
  clock: () => number;
  graphFor(tenantId: string): GraphClient;
  /** The Teams app id (manifest `id`) and the origin its pages are served from, for the deep links. */
  appId: string;
  webOrigin: string;
  /** Whose "today" and "7 in the morning" count. */
  timeZone?: string;
  log?: (line: string) => void;
  /** PostgreSQL: schedule through pg-boss on this database; left out, a timer in this process. */
  connectionString?: string;
  /** The timer's period (tests shorten it); the first run is one period after start. */
  intervalMs?: number;
}

/** One tenant's failure is logged and the others still run; the next run tries it again. */
export async function sendRemindersToAllTenants(o: ReminderJobOptions): Promise<{ sent: number; failed: number }> {
  const log = o.log ?? console.log;
  const total = { sent: 0, failed: 0 };
  for (const tenant of await listTenants(o.handle.db)) {
    try {
      const graph = o.graphFor(tenant.id);
      const r = await sendReminders({
        scope: tenantScope(o.handle, tenant.id), settings: tenant.settings, now: o.clock(), timeZone: o.timeZone ?? 'Europe/Helsinki',
        appId: o.appId, webOrigin: o.webOrigin, log,
        send: (user, n) => graph.sendActivityNotification(user.entraObjectId, n),
      });
      total.sent += r.sent;
      total.failed += r.failed;
      if (r.sent + r.failed > 0) log(`[reminders] tenant ${tenant.id}: ${r.sent} sent, ${r.failed} failed`);
    } catch (e) {
      log(`[reminders] tenant ${tenant.id}: reminders not sent: ${e instanceof Error ? e.message : e}`);
    }
  }
  return total;
}

export type RemindersJob = ScheduledJob;

export function remindersJob(o: ReminderJobOptions): RemindersJob {
  return scheduledJob({
    name: 'reminders', queue: REMINDERS_QUEUE, cron: REMINDERS_CRON, retryLimit: 1, retryDelaySeconds: 300, expireInSeconds: 30 * 60,
    ...(o.connectionString ? { connectionString: o.connectionString } : {}), intervalMs: o.intervalMs ?? HOUR_MS,
    run: () => sendRemindersToAllTenants(o), log: o.log ?? console.log,
  });
}
