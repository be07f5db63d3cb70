// The tenant's data version for the timeline's page cache, read once for every request that is waiting at the
// same time. Each timeline request needs it before its page (http/timeline-page-cache.ts), and on PostgreSQL
// that read was a round trip per request: under load most of the route's time went to the socket. Requests that
// arrive while a read is in flight cannot take that read's answer, since it may have begun before a write they
// already saw committed; they share the next read, which begins after the current one ends, so after each of them
// arrived. So at most two reads per tenant are in flight at once, and read-after-write holds across instances.
import type { TenantScope } from './scope.ts';
import { dataVersion } from './rollups.ts';

interface Lane {
  running?: Promise<number> | undefined;
  /** The read that begins when running ends, shared by everyone who arrived after running began. */
  queued?: Promise<number> | undefined;
}

// Per database handle (or transaction) and tenant; a handle that is dropped takes its lanes with it.
const lanes = new WeakMap<object, Map<string, Lane>>();

function laneFor(scope: TenantScope): Lane {
  let byTenant = lanes.get(scope.db);
  if (!byTenant) lanes.set(scope.db, (byTenant = new Map()));
  let lane = byTenant.get(scope.tenantId);
  if (!lane) byTenant.set(scope.tenantId, (lane = {}));
  return lane;
}

/**
 * dataVersion(scope), begun after this call, shared with every caller waiting for the same tenant. SQLite's read
 * is a lookup in this process, no round trip to share: each caller reads its own.
 */
export function sharedDataVersion(scope: TenantScope, read: (scope: TenantScope) => Promise<number> = dataVersion): Promise<number> {
  if (scope.dialect === 'sqlite') return read(scope);
  const lane = laneFor(scope);
  const start = (): Promise<number> => {
    const p = read(scope);
    lane.running = p;
    const clear = () => { if (lane.running === p) lane.running = undefined; };
    p.then(clear, clear);
    return p;
  };
  if (lane.queued) return lane.queued;
  if (!lane.running) return start();
  const settled = lane.running.then(() => undefined, () => undefined);
  const queued = settled.then(() => {
    lane.queued = undefined;
    return start();
  });
  lane.queued = queued;
  return queued;
}
