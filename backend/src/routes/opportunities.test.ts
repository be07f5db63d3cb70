// The pipeline's rules through the API: a closed deal's outcome, its probability, and how lines add up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../test/support/api-harness.ts';
import type { Db } from '../store/connect.ts';

describe.each(testDatabases())('opportunities on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let h: Harness;
  let accountId: string;
  const as = (key: 'rep' | 'rep2' | 'manager' | 'admin') => [h.a, h.a.users[key]] as [Harness['a'], Harness['a']['users']['rep']];
  const open = async (body: Record<string, unknown> = {}, who: 'rep' | 'manager' = 'rep') => {
    const r = await h.call('POST', '/api/opportunities', { as: as(who), body: { accountId, name: 'Trukit', value: 10_000, ...body } });
    expect(r.status).toBe(201);
    return r.body as { id: string; stage: string; value: number; probability: number; weightedValue: number };
  };
  const move = (id: string, stage: string, who: 'rep' | 'rep2' | 'manager' = 'rep') => h.call('POST', `/api/opportunities/${id}/stage`, { as: as(who), body: { stage } });

  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    h = await apiHarness(handle);
    accountId = (await h.call('POST', '/api/accounts', { as: as('rep'), body: { name: 'Kallio Rakennus Oy', domains: ['kallio-rakennus.fi'] } })).body.id;
  });
  afterAll(async () => dispose());

  it('refuses to flip a won deal to lost (or back) without reopening it: 409 with the way out', async () => {
    const o = await open();
    expect((await move(o.id, 'won')).status).toBe(200);
    const flip = await move(o.id, 'lost');
    expect(flip.status).toBe(409);
    expect(flip.headers.get('content-type')).toContain('application/problem+json');
    expect(flip.body.detail).toMatch(/[Rr]eopen/);
    expect((await h.call('GET', `/api/opportunities/${o.id}`, { as: as('rep') })).body.stage).toBe('won');
    expect((await move(o.id, 'negotiation')).status).toBe(200);
    expect((await move(o.id, 'lost')).body).toMatchObject({ stage: 'lost', probability: 0 });
    expect((await move(o.id, 'won')).status).toBe(409);
  });

  it('makes won 100 % and lost 0 % whatever the settings say', async () => {
    const settings = (await h.call('GET', '/api/settings', { as: as('admin') })).body;
    const saved = await h.call('PUT', '/api/settings', { as: as('admin'), body: { ...settings, stageProbability: { ...settings.stageProbability, won: 90, lost: 10 } } });
    expect(saved.status).toBe(200);
    // As the manager, whose sign-in is not cached yet: the request sees the new settings.
    const won = await open({ stage: 'won' }, 'manager');
    expect(won).toMatchObject({ probability: 100, weightedValue: 10_000 });
    const o = await open({}, 'manager');
    expect((await move(o.id, 'lost', 'manager')).body).toMatchObject({ probability: 0, weightedValue: 0 });
    const fixed = await h.call('PATCH', `/api/opportunities/${won.id}`, { as: as('rep'), body: { probability: 60 } });
    expect(fixed.status).toBe(409);
    expect(fixed.body.errors[0]).toMatchObject({ field: 'probability' });
    await h.call('PUT', '/api/settings', { as: as('admin'), body: settings });
  });

  it('rounds each line half away from zero, as invoices do', async () => {
    // 1.005 × 100 is 100.49999999999999 in binary floating point; the invoice says 101.
    const o = await open({ lines: [{ product: 'Hours', quantity: 1.005, unitPrice: 100 }, { product: 'Half', quantity: 0.5, unitPrice: 5 }] });
    expect(o.value).toBe(101 + 3);
    const patched = await h.call('PATCH', `/api/opportunities/${o.id}`, { as: as('rep'), body: { lines: [{ product: 'Hours', quantity: 2.005, unitPrice: 100 }] } });
    expect(patched.body.value).toBe(201);
  });

  it('lets only the owner, the account owner, managers and admins change a deal', async () => {
    const o = await open();
    expect((await move(o.id, 'offer', 'rep2')).status).toBe(403);
    expect((await h.call('PATCH', `/api/opportunities/${o.id}`, { as: as('rep2'), body: { ownerId: h.a.users.rep2.id } })).status).toBe(403);
    expect((await move(o.id, 'offer', 'manager')).body).toMatchObject({ stage: 'offer', probability: 50 });
  });
});
