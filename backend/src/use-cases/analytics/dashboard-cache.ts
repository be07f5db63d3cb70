// The managers' dashboard, computed once and shared for a minute. Its figures are aggregations over a team's
// whole period (about 100k touches for a team of 50 over 90 days at 1M interactions), which take SQLite and
// PostgreSQL seconds, not milliseconds, on a small machine; a dashboard a minute behind is what a manager
// expects of a dashboard, and the response says when it was computed so the page can say so and offer a refresh.
// Requests for the same figures while they are being computed wait for that one computation. Figures older
// than the TTL (up to maxStaleMs) are still answered at once while new ones are computed behind them
// (stale-while-revalidate): the next request gets those.

export interface DashboardCacheOptions {
  /** How long computed figures are served as they are. */
  ttlMs?: number;
  /** Until this age, older figures are answered while new ones are computed; older ones are computed first. */
  maxStaleMs?: number;
  /** Distinct (team, period) dashboards kept; the least recently used goes first. */
  maxEntries?: number;
}

interface Entry<T> {
  computedAt: number;
  value: Promise<T>;
  /** Computed (a stale answer needs figures, not a computation still running). */
  done?: boolean;
  /** A computation running behind these figures. */
  next?: Promise<unknown>;
}

export interface Cached<T> {
  value: T;
  computedAt: number;
  fromCache: boolean;
}

export function createDashboardCache<T>(opts: DashboardCacheOptions = {}) {
  const ttlMs = opts.ttlMs ?? 60_000;
  const maxStaleMs = opts.maxStaleMs ?? 15 * 60_000;
  const maxEntries = opts.maxEntries ?? 100;
  const entries = new Map<string, Entry<T>>();
  const put = (key: string, entry: Entry<T>) => {
    entries.delete(key);
    entries.set(key, entry);
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  };
  return {
    ttlMs,
    maxStaleMs,
    /**
     * The figures for `key`: the cached ones while younger than the TTL (and not `refresh`), else computed now.
     * A computation that fails is not kept: the next request tries again. `settledKey`, asked once a computation
     * is done, names the key its figures really belong to when that can differ from `key` (the data version read
     * inside the computation's own snapshot): they are kept there, never under a key whose data they do not show.
     */
    async get(key: string, now: number, compute: () => Promise<T>, refresh = false, settledKey: () => string = () => key): Promise<Cached<T>> {
      const hit = entries.get(key);
      const age = hit ? now - hit.computedAt : -1;
      if (hit && !refresh && age >= 0 && age < ttlMs) {
        // Map order is insertion order: re-inserting marks it the most recently used.
        put(key, hit);
        return { value: await hit.value, computedAt: hit.computedAt, fromCache: true };
      }
      if (hit && !refresh && age >= 0 && age < maxStaleMs && hit.done) {
        if (!hit.next) {
          const entry: Entry<T> = { computedAt: now, value: compute() };
          hit.next = entry.value.then(
            () => {
              entry.done = true;
              const k = settledKey();
              // Newer data than the key's: kept under its own key, and the older figures stay the key's.
              if (k !== key) put(k, entry);
              else if (entries.get(key) === hit) put(key, entry);
            },
            () => { hit.next = undefined; }, // keep the older figures; a later request tries again
          );
        }
        put(key, hit);
        return { value: await hit.value, computedAt: hit.computedAt, fromCache: true };
      }
      const entry: Entry<T> = { computedAt: now, value: compute() };
      put(key, entry);
      try {
        const value = await entry.value;
        entry.done = true;
        const k = settledKey();
        if (k !== key) {
          if (entries.get(key) === entry) entries.delete(key);
          put(k, entry);
        }
        return { value, computedAt: now, fromCache: false };
      } catch (e) {
        if (entries.get(key) === entry) entries.delete(key);
        throw e;
      }
    },
    /** Drops a tenant's dashboards (after a write through this server, its own change shows at once). */
    invalidateTenant(tenantId: string) {
      for (const k of entries.keys()) if (k.startsWith(`${tenantId}\u0000`)) entries.delete(k);
    },
    get size() {
      return entries.size;
    },
  };
}

export type DashboardCache<T> = ReturnType<typeof createDashboardCache<T>>;

/** The cache key: the tenant first (for invalidateTenant), then everything the figures depend on. */
export function dashboardKey(tenantId: string, parts: Record<string, unknown>): string {
  return `${tenantId}\u0000${JSON.stringify(parts)}`;
}
