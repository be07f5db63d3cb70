// Two server instances on one database answer the same dashboard at once after a write through either of them
// (or by the sync, which goes through no API): each keeps its own cache in memory, keyed by the tenant's data
// version in the database, so neither serves figures from before the write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../test/support/api-harness.ts';
import { T0 } from '../../../test/support/fixtures.ts';
import { createApp } from '../app.ts';
import { openDb, type Db } from '../store/connect.ts';
import { createAccessTokenVerifier } from '../auth/index.ts';
import { findTenantByEntraId } from '../store/tenants.ts';
import { createAccount } from '../store/accounts.ts';
import { mergeAndLoad } from '../use-cases/interactions/merge-interaction-copies.ts';
import { DAY_MS } from '../domain/types.ts';

describe.each(testDatabases())('the dashboard on two server instances on $name', (database) => {
  let handle: Db;
  let second: Db;
  let dispose: () => Promise<void>;
  let h: Harness;
  let other: ReturnType<typeof createApp>;
  let alpha: string;

  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    h = await apiHarness(handle);
    // The second instance has its own connections (its own pool on PostgreSQL), its own cache, same database.
    if (handle.dialect === 'postgres') {
      const schema = String((await handle.db.selectNoFrom((eb) => eb.fn<string>('current_schema', []).as('s')).executeTakeFirstOrThrow()).s);
      second = openDb({ kind: 'postgres', url: process.env.SUHDE_TEST_DATABASE_URL!, schema, poolSize: 2 });
    } else second = handle;
    const verifier = createAccessTokenVerifier({
      audiences: [h.issuer.audience, h.issuer.appIdUri], authorityHost: h.issuer.authorityHost, getKey: h.issuer.getKey,
      isTenantOnboarded: async (tid) => (await findTenantByEntraId(second.db, tid)) !== null,
    });
    other = createApp({ handle: second, clock: () => h.clock.now, config: { publicUrl: 'http://127.0.0.1:8080', bodyLimitBytes: 64 * 1024, demo: false }, verify: (t) => verifier.verify(t) });
    alpha = (await createAccount(h.a.scope, { name: 'Alpha Oy', domains: [], tier: 'A', lifecycle: 'customer', ownerId: h.a.users.rep.id, industry: null, size: null, region: null }, null, T0 - 100 * DAY_MS)).id;
  });
  afterAll(async () => {
    if (second !== handle) await second.close();
    await dispose();
  });

  const url = '/api/analytics/dashboard?team=Enterprise&days=90';
  const fromBoth = async () => {
    const auth = { authorization: `Bearer ${await h.token(h.a, h.a.users.manager)}` };
    const [one, two] = await Promise.all([h.app.request(url, { headers: auth }), other.request(url, { headers: auth })]);
    expect([one.status, two.status]).toEqual([200, 200]);
    const strip = ({ computedAt: _c, cached: _k, ...figures }: Record<string, unknown>) => figures;
    const [a, b] = [(await one.json()) as Record<string, any>, (await two.json()) as Record<string, any>];
    return { one: strip(a), two: strip(b), cached: [a.cached, b.cached] };
  };
  const calls = (figures: Record<string, any>) => figures.reps.find((r: { userId: string }) => r.userId === h.a.users.rep.id).calls;

  it('answers identical figures from both right after a write through either, or by the sync', async () => {
    const warm = await fromBoth();
    expect(warm.one).toEqual(warm.two);
    expect((await fromBoth()).cached).toEqual([true, true]); // both now hold them in memory
    const before = calls(warm.one);

    // A call logged through the first instance: the second, whose cache knew nothing of it, answers it at once.
    const logged = await h.call('POST', '/api/interactions', { as: [h.a, h.a.users.rep], body: { kind: 'call', occurredAt: h.clock.now - 2 * DAY_MS, durationMinutes: 15, accountIds: [alpha], subject: 'Soitto' } });
    expect(logged.status).toBe(201);
    const afterLog = await fromBoth();
    expect(afterLog.one).toEqual(afterLog.two);
    expect(calls(afterLog.two)).toBe(before + 1);

    // An account's tier changed through the second instance: the first's care figures follow at once.
    expect((await other.request(`/api/accounts/${alpha}`, {
      method: 'PATCH', headers: { authorization: `Bearer ${await h.token(h.a, h.a.users.admin)}`, 'content-type': 'application/json' }, body: JSON.stringify({ tier: 'C' }),
    })).status).toBe(200);
    const afterTier = await fromBoth();
    expect(afterTier.one).toEqual(afterTier.two);
    expect(afterTier.one.care).not.toEqual(afterLog.one.care);

    // The sync stores a call through no API at all: the version moves in its transaction.
    await mergeAndLoad(h.a.scope, [{
      kind: 'call', direction: 'outbound', occurredAt: h.clock.now - DAY_MS, subject: null, snippet: null, note: null, durationMinutes: 5, opportunityId: null,
      source: 'manual', visibility: 'shared', externalKey: null, accountIds: [alpha],
      participants: [{ role: 'from', address: h.a.users.rep.email, displayName: null, userId: h.a.users.rep.id, contactId: null }],
      holders: [{ userId: h.a.users.rep.id, relation: 'logged', at: h.clock.now }],
    }], h.clock.now);
    const afterSync = await fromBoth();
    expect(afterSync.cached).toEqual([false, false]);
    expect(afterSync.one).toEqual(afterSync.two);
    expect(calls(afterSync.one)).toBe(before + 2);
  });
});
