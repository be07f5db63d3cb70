// One backend instance's sync workers for the takeover test: pg-boss on the test's PostgreSQL schema, the Graph
// emulator the parent started, a short lease. Prints "loaded" once its modules are in, and starts its workers
// only when the parent writes "start" (so node's and tsx's start-up, seconds on a loaded machine, is not part of
// the moment the parent times); prints "ready" once they run. The parent kills it at will.
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createGraphClient } from '../../backend/src/graph/index.ts';
import { DEMO_ADDIN_ID } from '../../backend/src/config.ts';
import { openDb } from '../../backend/src/store/connect.ts';
import { pgBossQueue } from '../../backend/src/sync/pg-boss-queue.ts';
import { createSyncService } from '../../backend/src/sync/sync-service.ts';

const env = (name: string) => {
  const v = process.env[name];
  if (!v) throw new Error(`sync-worker-child: ${name} is not set`);
  return v;
};
const url = env('WORKER_DATABASE_URL');
const handle = openDb({ kind: 'postgres', url, schema: env('WORKER_SCHEMA'), poolSize: 4 });
const graph = createGraphClient({ baseUrl: env('WORKER_GRAPH_URL'), authProvider: async () => 'takeover-test', addInId: DEMO_ADDIN_ID });
const leaseMs = Number(env('WORKER_LEASE_MS'));
const queue = pgBossQueue({ connectionString: url, schema: env('WORKER_BOSS_SCHEMA'), concurrency: Number(process.env.WORKER_CONCURRENCY ?? 2), pollingIntervalSeconds: 0.5, log: (l) => console.log(l) });
const sync = createSyncService({
  handle, graphFor: () => graph, queue, notificationBaseUrl: null, pageSize: 10, pollIntervalMs: 0, leaseMs, leaseSweepMs: 1000, log: (l) => console.log(l),
});
process.on('SIGTERM', () => void sync.stop().then(() => handle.close()).then(() => process.exit(0)));
const lines = createInterface({ input: process.stdin });
let starting = false;
// The parent went away before starting this worker: nothing to clean up.
lines.once('close', () => { if (!starting) process.exit(0); });
console.log('loaded');
const [line] = (await once(lines, 'line')) as [string];
if (line !== 'start') throw new Error(`sync-worker-child: expected "start" from the parent, got ${JSON.stringify(line)}`);
starting = true;
await sync.start();
console.log('ready');
