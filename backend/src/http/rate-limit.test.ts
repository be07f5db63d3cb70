// Rate limits: a burst from one token is cut at the user's bucket, a tenant's users together at the tenant's,
// the public webhooks at one global bucket; refusals are 429 problem+json with Retry-After.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHarness, type Harness } from '../../../test/support/api-harness.ts';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { createApp } from '../app.ts';
import type { SyncService } from '../sync/sync-service.ts';
import { DEFAULT_RATE_LIMITS, TokenBuckets } from './rate-limit.ts';

describe('token buckets', () => {
  it('allow a burst, then one per 1/rate seconds, and say how long to wait', () => {
    let now = 0;
    const b = new TokenBuckets({ burst: 3, perSecond: 2 }, () => now);
    expect([b.take('u'), b.take('u'), b.take('u')]).toEqual([0, 0, 0]);
    expect(b.take('u')).toBe(1);
    expect(b.take('other')).toBe(0);
    now += 500;
    expect(b.take('u')).toBe(0);
    expect(b.take('u')).toBeGreaterThan(0);
  });
});

for (const database of testDatabases()) {
  describe(`rate limits on the API (${database.name})`, () => {
    let h: Harness;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      let handle;
      ({ handle, dispose } = await database.open());
      h = await apiHarness(handle, 64 * 1024, {
        rateLimits: { user: { burst: 50, perSecond: 1 }, tenant: { burst: 80, perSecond: 1 }, webhooks: DEFAULT_RATE_LIMITS.webhooks },
      });
    });
    afterAll(async () => dispose());

    it('cuts a burst of 2,000 requests from one token at the user bucket with 429 and Retry-After', async () => {
      const token = await h.token(h.a, h.a.users.rep);
      const statuses: number[] = [];
      let refused: Response | undefined;
      for (let k = 0; k < 2000; k++) {
        const res = await h.app.request('/api/accounts?limit=1', { headers: { authorization: `Bearer ${token}` } });
        statuses.push(res.status);
        if (res.status === 429) refused ??= res;
        else await res.arrayBuffer();
      }
      // The burst of 50, plus one a second regained while the loop runs (a few seconds).
      expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(65);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1935);
      expect(refused!.headers.get('content-type')).toContain('application/problem+json');
      expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    });

    it('cuts a tenant whose users together go over the tenant bucket, and leaves other tenants alone', async () => {
      const tokens = await Promise.all([h.a.users.rep2, h.a.users.manager].map((u) => h.token(h.a, u)));
      const statuses: number[] = [];
      for (let k = 0; k < 80; k++) {
        const res = await h.app.request('/api/accounts?limit=1', { headers: { authorization: `Bearer ${tokens[k % 2]}` } });
        statuses.push(res.status);
        await res.arrayBuffer();
      }
      // 50 of the tenant's 80 went to the first test's user already.
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(40);
      expect((await h.call('GET', '/api/accounts?limit=1', { as: [h.b, h.b.users.rep] })).status).toBe(200);
    });
  });
}

describe('the Graph webhooks', () => {
  it('are bounded by one global bucket, without a token', async () => {
    const db = await testDatabases()[0]!.open();
    try {
      const sync = { acceptNotifications: async () => ({ accepted: 1, refused: 0 }) } as unknown as SyncService;
      const app = createApp({
        handle: db.handle, clock: Date.now, sync,
        config: { publicUrl: 'http://127.0.0.1:8080', bodyLimitBytes: 65536, demo: false, rateLimits: { ...DEFAULT_RATE_LIMITS, webhooks: { burst: 20, perSecond: 1 } } },
        verify: async () => { throw new Error('no token here'); },
      });
      const statuses: number[] = [];
      for (let k = 0; k < 100; k++) statuses.push((await app.request(`/graph/notifications?validationToken=v${k}`, { method: 'POST' })).status);
      expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(21);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(79);
    } finally {
      await db.dispose();
    }
  });
});
