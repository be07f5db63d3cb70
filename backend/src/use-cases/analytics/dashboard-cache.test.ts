import { describe, expect, it } from 'vitest';
import { createDashboardCache, dashboardKey } from './dashboard-cache.ts';

describe('dashboard cache', () => {
  it('computes once for requests that arrive while the figures are being computed', async () => {
    const cache = createDashboardCache<number>();
    let runs = 0;
    let release!: (n: number) => void;
    const compute = () => { runs++; return new Promise<number>((r) => { release = r; }); };
    const a = cache.get('k', 1000, compute);
    const b = cache.get('k', 1001, compute);
    release(42);
    expect(await a).toEqual({ value: 42, computedAt: 1000, fromCache: false });
    expect(await b).toEqual({ value: 42, computedAt: 1000, fromCache: true });
    expect(runs).toBe(1);
  });

  it('does not keep a failed computation, and recomputes on refresh or after the TTL', async () => {
    const cache = createDashboardCache<number>({ ttlMs: 100, maxStaleMs: 100 });
    await expect(cache.get('k', 0, () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(cache.size).toBe(0);
    expect((await cache.get('k', 0, async () => 1)).value).toBe(1);
    expect((await cache.get('k', 99, async () => 2)).value).toBe(1);
    expect((await cache.get('k', 99, async () => 3, true)).value).toBe(3);
    expect((await cache.get('k', 199, async () => 4)).value).toBe(4);
    // A clock that went back does not make old figures look young.
    expect((await cache.get('k', 150, async () => 5)).value).toBe(5);
  });

  it('keeps computed figures under the key they settle on, whether computed in front of a request or behind stale ones', async () => {
    const cache = createDashboardCache<string>({ ttlMs: 100, maxStaleMs: 1000 });
    expect(await cache.get('v1', 0, async () => 'v2 figures', false, () => 'v2')).toEqual({ value: 'v2 figures', computedAt: 0, fromCache: false });
    expect(cache.size).toBe(1);
    expect((await cache.get('v2', 1, async () => 'again')).value).toBe('v2 figures');
    expect((await cache.get('v1', 2, async () => 'v1 figures')).value).toBe('v1 figures');
    // Stale v1 answered at once; the figures computed behind it turn out to be v3's and leave v1's as they were.
    expect(await cache.get('v1', 500, async () => 'v3 figures', false, () => 'v3')).toMatchObject({ value: 'v1 figures', fromCache: true });
    await new Promise((r) => setTimeout(r, 0));
    expect((await cache.get('v3', 501, async () => 'again')).value).toBe('v3 figures');
    expect((await cache.get('v1', 502, async () => 'again', false, () => 'v1')).value).toBe('v1 figures');
  });

  it('drops the least recently used, and a tenant’s dashboards on request', async () => {
    const cache = createDashboardCache<string>({ maxEntries: 2 });
    const [a, b, c] = ['t1', 't1', 't2'].map((t, k) => dashboardKey(t, { k }));
    await cache.get(a!, 0, async () => 'a');
    await cache.get(b!, 0, async () => 'b');
    await cache.get(a!, 1, async () => 'a2'); // a is used again, so b goes when c comes
    await cache.get(c!, 2, async () => 'c');
    expect((await cache.get(b!, 3, async () => 'b2')).fromCache).toBe(false);
    cache.invalidateTenant('t1');
    expect((await cache.get(c!, 4, async () => 'c2')).value).toBe('c');
    expect((await cache.get(b!, 4, async () => 'b3')).value).toBe('b3');
  });
});

describe('dashboard cache, stale while revalidate', () => {
  it('answers older figures at once while new ones are computed behind them, then the new ones', async () => {
    const cache = createDashboardCache<number>({ ttlMs: 100, maxStaleMs: 1000 });
    await cache.get('k', 0, async () => 1);
    let release!: (n: number) => void;
    let runs = 0;
    const slow = () => { runs++; return new Promise<number>((r) => { release = r; }); };
    expect(await cache.get('k', 500, slow)).toEqual({ value: 1, computedAt: 0, fromCache: true });
    expect(await cache.get('k', 501, slow)).toEqual({ value: 1, computedAt: 0, fromCache: true });
    expect(runs).toBe(1); // one computation behind, however many ask
    release(2);
    await new Promise((r) => setTimeout(r, 0));
    expect(await cache.get('k', 502, slow)).toEqual({ value: 2, computedAt: 500, fromCache: true });
    // Too old to answer at all: computed before answering.
    expect(await cache.get('k', 1600, async () => 3)).toEqual({ value: 3, computedAt: 1600, fromCache: false });
  });

  it('keeps the older figures when the computation behind them fails', async () => {
    const cache = createDashboardCache<number>({ ttlMs: 100, maxStaleMs: 1000 });
    await cache.get('k', 0, async () => 1);
    expect((await cache.get('k', 200, () => Promise.reject(new Error('db down')))).value).toBe(1);
    await new Promise((r) => setTimeout(r, 0));
    expect((await cache.get('k', 300, async () => 4)).value).toBe(1);
    await new Promise((r) => setTimeout(r, 0));
    expect((await cache.get('k', 301, async () => 5)).value).toBe(4);
  });
});
