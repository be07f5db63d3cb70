// An account's open pipeline, as the account page reads it (GET /api/accounts/{id}), as the list shows it and as
// the add-in's match answer carries it: one computation, so they agree on which deals count (open, unarchived, in euros).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../test/support/api-harness.ts';
import type { Db } from '../store/connect.ts';

describe.each(testDatabases())('an account’s open pipeline on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let h: Harness;
  const rep = () => [h.a, h.a.users.rep] as [Harness['a'], Harness['a']['users']['rep']];
  const deal = async (accountId: string, body: Record<string, unknown>) => {
    const r = await h.call('POST', '/api/opportunities', { as: rep(), body: { accountId, name: 'Deal', ...body } });
    expect(r.status).toBe(201);
    return r.body.id as string;
  };

  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    h = await apiHarness(handle);
  });
  afterAll(async () => dispose());

  it('sums the open deals in euros and counts them, the same on the account and in the list', async () => {
    const id = (await h.call('POST', '/api/accounts', { as: rep(), body: { name: 'Putkiremontti Oy', domains: ['putkiremontti.test'] } })).body.id as string;
    const empty = await h.call('GET', `/api/accounts/${id}`, { as: rep() });
    expect(empty.body).toMatchObject({ openPipelineCents: 0, openDeals: 0 });

    await deal(id, { value: 1_000_000, stage: 'offer' });
    await deal(id, { value: 250_000, stage: 'identified' });
    await deal(id, { value: 5_000_000, stage: 'won' }); // closed: not pipeline
    await deal(id, { value: 700_000, stage: 'lost' });
    await deal(id, { value: 9_900_000, currency: 'SEK', stage: 'negotiation' }); // not euros: not added to them
    const archived = await deal(id, { value: 300_000, stage: 'contacted' });
    expect((await h.call('POST', `/api/opportunities/${archived}/archive`, { as: rep() })).status).toBe(200);

    const account = await h.call('GET', `/api/accounts/${id}`, { as: rep() });
    expect(account.body).toMatchObject({ openPipelineCents: 1_250_000, openDeals: 2 });
    const list = await h.call('GET', '/api/accounts?q=putkiremontti', { as: rep() });
    expect(list.body.items).toEqual([expect.objectContaining({ id, openPipelineCents: account.body.openPipelineCents })]);
    const matched = await h.call('POST', '/api/match', { as: rep(), body: { addresses: [{ address: 'tilaus@putkiremontti.test' }, { address: 'x@nodeals.test' }] } });
    expect(matched.body.accounts).toEqual([expect.objectContaining({ id, openPipelineCents: 1_250_000 })]);

    // Another tenant's deals never reach it, even on an account with the same name.
    const other = (await h.call('POST', '/api/accounts', { as: [h.b, h.b.users.rep], body: { name: 'Putkiremontti Oy' } })).body.id as string;
    expect((await h.call('POST', '/api/opportunities', { as: [h.b, h.b.users.rep], body: { accountId: other, name: 'B', value: 42 } })).status).toBe(201);
    expect((await h.call('GET', `/api/accounts/${id}`, { as: rep() })).body).toMatchObject({ openPipelineCents: 1_250_000, openDeals: 2 });
    const again = await h.call('POST', '/api/match', { as: rep(), body: { addresses: [{ address: 'tilaus@putkiremontti.test' }] } });
    expect(again.body.accounts[0].openPipelineCents).toBe(1_250_000);
  });

  it('answers 0 in the match for an account without deals', async () => {
    const id = (await h.call('POST', '/api/accounts', { as: rep(), body: { name: 'Tyhjä Oy', domains: ['tyhja.test'] } })).body.id as string;
    const matched = await h.call('POST', '/api/match', { as: rep(), body: { addresses: [{ address: 'a@tyhja.test' }] } });
    expect(matched.body.accounts).toEqual([expect.objectContaining({ id, openPipelineCents: 0 })]);
  });
});
