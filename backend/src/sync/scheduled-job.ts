// A job the server runs on a schedule: on PostgreSQL a pg-boss singleton schedule, so of several backend instances
// one runs it each time; on SQLite a timer in the server's process (one process owns the file). The retention and
// reminders jobs are both this, with their own queue, cron and run.
import PgBoss from 'pg-boss';

export interface ScheduledJob {
  readonly kind: 'in-process' | 'pg-boss';
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface ScheduledJobOptions {
  /** The log prefix, e.g. 'retention'. */
  name: string;
  queue: string;
  cron: string;
  /** What pg-boss retries and how long a run may take before it is expired. */
  retryLimit: number;
  retryDelaySeconds: number;
  expireInSeconds: number;
  /** PostgreSQL: schedule through pg-boss on this database; left out, a timer in this process. */
  connectionString?: string;
  /** The timer's period; the first run is one period after start. */
  intervalMs: number;
  run: () => Promise<unknown>;
  log: (line: string) => void;
}

export function scheduledJob(o: ScheduledJobOptions): ScheduledJob {
  if (o.connectionString) {
    const boss = new PgBoss({ connectionString: o.connectionString, schema: 'pgboss', max: 2 });
    boss.on('error', (e) => o.log(`[${o.name}] pg-boss: ${e instanceof Error ? e.message : e}`));
    let started = false;
    return {
      kind: 'pg-boss',
      async start() {
        await boss.start();
        started = true;
        await boss.createQueue(o.queue, { name: o.queue, policy: 'singleton', retryLimit: o.retryLimit, retryDelay: o.retryDelaySeconds, expireInSeconds: o.expireInSeconds });
        await boss.schedule(o.queue, o.cron, {}, { tz: 'UTC' });
        await boss.work(o.queue, { batchSize: 1 }, async () => { await o.run(); });
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
        // A run still going (a first retention pass over years of history) is not started twice.
        running ??= o.run()
          .then(() => undefined, (e) => o.log(`[${o.name}] run failed: ${e instanceof Error ? e.message : e}`))
          .finally(() => (running = null));
      }, o.intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
