// The reminders job: every tenant's activity-feed reminders (use-cases/notifications/send-reminders.ts), hourly.
// Hourly rather than daily because "due today" is a local day and people start at different hours; the log's
// once-a-day key keeps it to one reminder per item and day however often it runs. On PostgreSQL a pg-boss
// schedule (one instance runs each hour); on SQLite a timer in the server's process.
import PgBoss from 'pg-boss';
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

export interface RemindersJob {
  readonly kind: 'in-process' | 'pg-boss';
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function remindersJob(o: ReminderJobOptions): RemindersJob {
  const log = o.log ?? console.log;
  const run = async () => {
    await sendRemindersToAllTenants(o);
  };
  if (o.connectionString) {
    const boss = new PgBoss({ connectionString: o.connectionString, schema: 'pgboss', max: 2 });
    boss.on('error', (e) => log(`[reminders] pg-boss: ${e instanceof Error ? e.message : e}`));
    let started = false;
    return {
      kind: 'pg-boss',
      async start() {
        await boss.start();
        started = true;
        await boss.createQueue(REMINDERS_QUEUE, { name: REMINDERS_QUEUE, policy: 'singleton', retryLimit: 1, retryDelay: 300, expireInSeconds: 30 * 60 });
        await boss.schedule(REMINDERS_QUEUE, REMINDERS_CRON, {}, { tz: 'UTC' });
        await boss.work(REMINDERS_QUEUE, { batchSize: 1 }, async () => run());
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
        // A run still going is not started twice.
        running ??= run().catch((e) => log(`[reminders] run failed: ${e instanceof Error ? e.message : e}`)).finally(() => (running = null));
      }, o.intervalMs ?? HOUR_MS);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
