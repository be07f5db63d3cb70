// The tenant is remembered between requests for a few seconds, but a settings change this process saved shows
// in the very next request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../test/support/api-harness.ts';
import type { Db } from '../store/connect.ts';

describe.each(testDatabases())('tenant cache on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let h: Harness;
  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    h = await apiHarness(handle);
  });
  afterAll(async () => dispose());

  it('shows a saved cadence in the next request, without waiting for the cache to expire', async () => {
    const rep = [h.a, h.a.users.rep] as [Harness['a'], Harness['a']['users']['rep']];
    const admin = [h.a, h.a.users.admin] as [Harness['a'], Harness['a']['users']['admin']];
    const account = (await h.call('POST', '/api/accounts', { as: rep, body: { name: 'Kallio Oy', domains: ['kallio.fi'], tier: 'A' } })).body;
    const before = (await h.call('GET', `/api/accounts/${account.id}`, { as: rep })).body.care.cadenceDays;
    const settings = (await h.call('GET', '/api/settings', { as: admin })).body;
    const saved = await h.call('PUT', '/api/settings', { as: admin, body: { ...settings, cadenceDays: { ...settings.cadenceDays, A: before + 3 } } });
    expect(saved.status).toBe(200);
    expect((await h.call('GET', `/api/accounts/${account.id}`, { as: rep })).body.care.cadenceDays).toBe(before + 3);
  });
});
