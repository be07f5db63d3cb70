import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { T0 } from '../../../../test/support/fixtures.ts';
import { tenantPerSuite } from '../../../../test/support/tenant-database.ts';
import { createAccount } from '../../store/accounts.ts';
import { DAY_MS, DEFAULT_TENANT_SETTINGS } from '../../domain/types.ts';
import { periodOf } from '../../domain/period.ts';
import { computeDashboard, type DashboardFigures, type DashboardRequest } from './compute-dashboard.ts';
import { createDashboardCache, type DashboardCache } from './dashboard-cache.ts';
import { inTransaction } from '../../store/scope.ts';
import { writeAudit } from '../../store/audit.ts';
import { dataVersion } from '../../store/rollups.ts';

describe.each(testDatabases())('computeDashboard on $name', (database) => {
  const a = tenantPerSuite(database, 'a.test');

  beforeAll(async () => {
    await createAccount(a.scope, { name: 'Alpha Oy', domains: [], tier: 'A', lifecycle: 'customer', ownerId: a.users.rep.id, industry: null, size: null, region: null }, null, T0 - 100 * DAY_MS);
  });

  const request = (over: Partial<DashboardRequest> = {}): DashboardRequest => ({
    scope: a.scope, settings: DEFAULT_TENANT_SETTINGS, period: periodOf('2026-09-01', '2026-10-31', 'Europe/Helsinki'), team: 'Enterprise', limit: 10, refresh: false, now: T0, ...over,
  });

  it('takes a current period’s care figures at now, and names the team’s members', async () => {
    const r = await computeDashboard(createDashboardCache<DashboardFigures>(), request());
    expect(r.value.period.asOf).toBe(T0);
    expect(r.value.reps.map((x) => x.displayName).sort()).toEqual(['Aino Admin', 'Matti Manager', 'Riikka Rep', 'Ronja Rep']);
    // Alpha (A) was never contacted: overdue from the day it was created.
    expect(r.value.care.find((t) => t.tier === 'A')).toMatchObject({ accounts: 1, withinCadence: 0, overdue: 1, share: 0 });
  });

  it('shares the figures within the minute unless asked to refresh', async () => {
    const cache = createDashboardCache<DashboardFigures>();
    const first = await computeDashboard(cache, request());
    expect(first.fromCache).toBe(false);
    expect((await computeDashboard(cache, request({ now: T0 + 1000 }))).fromCache).toBe(true);
    expect((await computeDashboard(cache, request({ now: T0 + 2000, refresh: true }))).fromCache).toBe(false);
  });

  it('keeps figures under the data version their own snapshot read, when a write commits after the version was looked up', async () => {
    const cache = createDashboardCache<DashboardFigures>();
    // The write commits between computeDashboard's look-up of the version and the figures' snapshot.
    const racing: DashboardCache<DashboardFigures> = {
      ...cache,
      get: async (...args) => {
        await inTransaction(a.scope, async (tx) => {
          await createAccount(tx, { name: 'Beta Oy', domains: [], tier: 'A', lifecycle: 'customer', ownerId: a.users.rep.id, industry: null, size: null, region: null }, null, T0 - DAY_MS);
          await writeAudit(tx, { actorId: a.users.admin.id, action: 'account.create', entityType: 'account', entityId: 'beta', at: T0 });
        });
        return cache.get(...args);
      },
    };
    const before = await dataVersion(a.scope);
    const first = await computeDashboard(racing, request({ now: T0 + 10_000 }));
    expect(await dataVersion(a.scope)).toBeGreaterThan(before);
    expect(first.value.care.find((t) => t.tier === 'A')?.accounts).toBe(2);
    // Kept under the version that shows Beta (served to the next request), not under the one read before it.
    expect(cache.size).toBe(1);
    const next = await computeDashboard(cache, request({ now: T0 + 11_000 }));
    expect(next.fromCache).toBe(true);
    expect(next.value.care.find((t) => t.tier === 'A')?.accounts).toBe(2);
  });

  it('refuses a team with no members as not found', async () => {
    await expect(computeDashboard(createDashboardCache<DashboardFigures>(), request({ team: 'Nobody' }))).rejects.toMatchObject({ kind: 'not-found' });
  });
});
