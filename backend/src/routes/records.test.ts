// Editing and archiving over HTTP: answers carry `can` so the UI can disable what the asker may not do, the rule's
// reason comes back on a 403, archive/restore answer the record and leave it out of lists while its deep link works.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../test/support/api-harness.ts';
import type { Db } from '../store/connect.ts';

/** The flags' yes/no, for comparing whole sets (each flag is {allowed, reason}). */
const allowedOf = (can: Record<string, { allowed: boolean }>) => Object.fromEntries(Object.entries(can).map(([k, v]) => [k, v.allowed]));

describe.each(testDatabases())('record editing and archive routes on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let h: Harness;
  const as = (key: 'rep' | 'rep2' | 'manager' | 'admin') => [h.a, h.a.users[key]] as [Harness['a'], Harness['a']['users']['rep']];

  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    h = await apiHarness(handle);
  });
  afterAll(async () => dispose());

  it('tells each asker what they may change, and enforces the same rules with their reasons', async () => {
    const created = await h.call('POST', '/api/accounts', { as: as('rep'), body: { name: 'Oma Oy', domains: ['oma-oy.fi'], tier: 'C' } });
    expect(created.status).toBe(201);
    expect(allowedOf(created.body.can)).toEqual({ edit: true, changeTier: true, changeOwner: false, archive: true });
    const id = created.body.id as string;
    expect(allowedOf((await h.call('GET', `/api/accounts/${id}`, { as: as('rep2') })).body.can)).toEqual({ edit: false, changeTier: false, changeOwner: false, archive: false });
    expect(allowedOf((await h.call('GET', `/api/accounts/${id}`, { as: as('manager') })).body.can)).toEqual({ edit: true, changeTier: true, changeOwner: true, archive: true });

    // The 403: the rep who created the account may now make it A.
    const tier = await h.call('PATCH', `/api/accounts/${id}`, { as: as('rep'), body: { tier: 'A' } });
    expect(tier.status).toBe(200);
    expect(tier.body.tier).toBe('A');
    const owner = await h.call('PATCH', `/api/accounts/${id}`, { as: as('rep'), body: { ownerId: h.a.users.rep2.id } });
    expect(owner.status).toBe(403);
    expect(owner.headers.get('content-type')).toMatch(/problem\+json/);
    expect(owner.body.detail).toBe('Only a manager can change the account owner.');
    const colleague = await h.call('PATCH', `/api/accounts/${id}`, { as: as('rep2'), body: { tier: 'B' } });
    expect(colleague.status).toBe(403);

    const contact = await h.call('POST', '/api/contacts', { as: as('rep2'), body: { name: 'Outi', emails: ['outi@oma-oy.fi'], accountId: id } });
    expect(allowedOf(contact.body.can)).toEqual({ edit: true, changeOwner: true, archive: true });
    // rep owns the account, so may change rep2's contact there.
    const listed = await h.call('GET', `/api/accounts/${id}/contacts`, { as: as('rep') });
    expect(allowedOf(listed.body.items[0].can)).toEqual({ edit: true, changeOwner: true, archive: true });
    const deal = await h.call('POST', '/api/opportunities', { as: as('manager'), body: { accountId: id, name: 'Laajennus', value: 90_000_00 } });
    expect(allowedOf((await h.call('GET', `/api/opportunities/${deal.body.id}`, { as: as('rep2') })).body.can)).toEqual({ edit: false, moveStage: false, changeOwner: false, archive: false });
    expect((await h.call('GET', `/api/accounts/${id}/opportunities`, { as: as('rep') })).body.items[0].can.edit.allowed).toBe(true);
    const field = await h.call('PATCH', `/api/opportunities/${deal.body.id}`, { as: as('rep'), body: { expectedCloseDate: '2026-13-40' } });
    expect(field.status).toBe(400);
    expect(field.body.errors.map((e: { field: string }) => e.field)).toEqual(['expectedCloseDate']);
  });

  it('archives and restores over HTTP: out of lists, deep link open, read-only meanwhile, audited', async () => {
    const acc = (await h.call('POST', '/api/accounts', { as: as('rep'), body: { name: 'Väärä Testi Oy', domains: ['vaara-testi.fi'] } })).body;
    const archived = await h.call('POST', `/api/accounts/${acc.id}/archive`, { as: as('rep') });
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).toBe(h.clock.now);
    expect((await h.call('GET', '/api/accounts?q=testi', { as: as('rep') })).body.items).toEqual([]);
    expect((await h.call('GET', `/api/accounts/${acc.id}`, { as: as('rep') })).body.archivedAt).toBe(h.clock.now);
    const edit = await h.call('PATCH', `/api/accounts/${acc.id}`, { as: as('rep'), body: { name: 'Oikea Oy' } });
    expect(edit.status).toBe(409);
    expect(edit.body.detail).toMatch(/archived/);
    expect((await h.call('POST', `/api/accounts/${acc.id}/restore`, { as: as('rep2') })).status).toBe(403);
    const restored = await h.call('POST', `/api/accounts/${acc.id}/restore`, { as: as('rep') });
    expect(restored.body).toMatchObject({ archivedAt: null, can: { edit: { allowed: true } } });
    expect((await h.call('GET', '/api/accounts?q=testi', { as: as('rep') })).body.items.map((x: { id: string }) => x.id)).toEqual([acc.id]);
    const trail = await h.call('GET', `/api/audit?entityType=account&entityId=${acc.id}`, { as: as('admin') });
    expect(trail.status).toBe(200);
    // One clock tick for all three: the order within it is the ids', so compare as a set.
    expect(trail.body.items.map((x: { action: string }) => x.action).sort()).toEqual(['account.archive', 'account.create', 'account.restore']);

    const deal = (await h.call('POST', '/api/opportunities', { as: as('rep'), body: { accountId: acc.id, name: 'Virhe' } })).body;
    expect((await h.call('POST', `/api/opportunities/${deal.id}/archive`, { as: as('rep') })).body.archivedAt).not.toBeNull();
    expect((await h.call('GET', `/api/accounts/${acc.id}/opportunities`, { as: as('rep') })).body.items).toEqual([]);
    expect((await h.call('POST', `/api/opportunities/${deal.id}/stage`, { as: as('rep'), body: { stage: 'won' } })).status).toBe(409);
    expect((await h.call('POST', `/api/opportunities/${deal.id}/restore`, { as: as('rep') })).body.archivedAt).toBeNull();
    const c = (await h.call('POST', '/api/contacts', { as: as('rep'), body: { name: 'Aino', accountId: acc.id } })).body;
    expect((await h.call('POST', `/api/contacts/${c.id}/archive`, { as: as('rep') })).status).toBe(200);
    expect((await h.call('GET', `/api/accounts/${acc.id}/contacts`, { as: as('rep') })).body.total).toBe(0);
    expect((await h.call('GET', `/api/contacts/${c.id}`, { as: as('rep') })).body.archivedAt).not.toBeNull();
    expect((await h.call('POST', `/api/contacts/${c.id}/restore`, { as: as('rep') })).body.archivedAt).toBeNull();
  });
});
