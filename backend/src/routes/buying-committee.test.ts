// Over HTTP on both databases: the buying committee's routes (roles, refusals as problem+json with the field),
// "Not a duplicate" and its undo, and archived=include|only on the lists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../test/support/api-harness.ts';
import type { Db } from '../store/connect.ts';

describe.each(testDatabases())('buying committee, dismissals and archived lists over HTTP on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let h: Harness;
  const as = (key: 'rep' | 'rep2' | 'manager') => [h.a, h.a.users[key]] as [Harness['a'], Harness['a']['users']['rep']];
  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    h = await apiHarness(handle);
  });
  afterAll(async () => dispose());

  it('sets, changes and removes roles, refusing another account’s contact, a colleague and a non-JSON body', async () => {
    const acc = (await h.call('POST', '/api/accounts', { as: as('rep'), body: { name: 'Pilvi Oy', domains: ['pilvi.fi'] } })).body.id;
    const other = (await h.call('POST', '/api/accounts', { as: as('rep'), body: { name: 'Muu Yhtiö Oy', domains: ['muu.fi'] } })).body.id;
    const hanna = (await h.call('POST', '/api/contacts', { as: as('rep'), body: { name: 'Hanna', emails: ['hanna@pilvi.fi'], accountId: acc } })).body.id;
    const outi = (await h.call('POST', '/api/contacts', { as: as('rep'), body: { name: 'Outi', emails: ['outi@muu.fi'], accountId: other } })).body.id;
    const deal = (await h.call('POST', '/api/opportunities', { as: as('rep'), body: { accountId: acc, name: 'Cloud migration', value: 100 } })).body.id;
    const put = (who: 'rep' | 'rep2', contactId: string, role: string) => h.call('PUT', `/api/opportunities/${deal}/contacts/${contactId}`, { as: as(who), body: { role } });
    expect((await put('rep', hanna, 'decision_maker')).body.items).toMatchObject([{ contactId: hanna, name: 'Hanna', role: 'decision_maker' }]);
    const refused = await put('rep', outi, 'user');
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toMatch(/problem\+json/);
    expect(refused.body.errors).toEqual([{ field: 'contactId', message: 'not a contact of the opportunity’s account' }]);
    expect((await put('rep2', hanna, 'user')).status).toBe(403);
    expect((await put('rep', hanna, 'boss')).status).toBe(400);
    const text = await h.call('PUT', `/api/opportunities/${deal}/contacts/${hanna}`, { as: as('rep'), raw: 'role=user', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
    expect((await h.call('GET', `/api/accounts/${acc}/contact-roles`, { as: as('rep2') })).body.items).toEqual([
      { contactId: hanna, opportunityId: deal, opportunityName: 'Cloud migration', stage: 'identified', role: 'decision_maker' },
    ]);
    expect((await h.call('DELETE', `/api/opportunities/${deal}/contacts/${hanna}`, { as: as('rep') })).body.items).toEqual([]);
    expect((await h.call('GET', `/api/opportunities/no-such-deal/contacts`, { as: as('rep') })).status).toBe(404);
  });

  it('dismisses a pair for managers, hides it from the suggestions, and undo brings it back', async () => {
    const one = (await h.call('POST', '/api/accounts', { as: as('manager'), body: { name: 'Aalto Kone Oy' } })).body.id;
    const two = (await h.call('POST', '/api/accounts', { as: as('manager'), body: { name: 'Aalto Kone Ab', allowDuplicate: true } })).body.id;
    const suggested = async () => (await h.call('GET', `/api/duplicates?kind=account&recordId=${one}`, { as: as('rep') })).body.total;
    expect(await suggested()).toBe(1);
    expect((await h.call('POST', '/api/duplicates/dismissals', { as: as('rep'), body: { kind: 'account', ids: [one, two] } })).status).toBe(403);
    const d = await h.call('POST', '/api/duplicates/dismissals', { as: as('manager'), body: { kind: 'account', ids: [two, one] } });
    expect(d.status).toBe(201);
    expect(await suggested()).toBe(0);
    expect((await h.call('DELETE', `/api/duplicates/dismissals/${d.body.id}`, { as: as('manager') })).status).toBe(204);
    expect(await suggested()).toBe(1);
  });

  it('lists archived accounts with what the asker may do only when asked', async () => {
    const id = (await h.call('POST', '/api/accounts', { as: as('rep'), body: { name: 'Arkisto Oy' } })).body.id;
    await h.call('POST', `/api/accounts/${id}/archive`, { as: as('rep') });
    const names = async (query: string, who: 'rep' | 'rep2' = 'rep') => (await h.call('GET', `/api/accounts?q=arkisto${query}`, { as: as(who) })).body.items;
    expect(await names('')).toEqual([]);
    expect(await names('&archived=only')).toMatchObject([{ id, can: { archive: { allowed: true } } }]);
    expect((await names('&archived=include', 'rep2'))[0].can.archive.allowed).toBe(false);
  });
});
