// The audit trail over HTTP: admins only, filters and paging, one tenant's entries, no personal values in detail.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../test/support/api-harness.ts';
import type { Db } from '../store/connect.ts';

describe.each(testDatabases())('audit trail API on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let h: Harness;
  let accountId: string;
  const as = (who: 'rep' | 'manager' | 'admin') => [h.a, h.a.users[who]] as [Harness['a'], Harness['a']['users']['rep']];
  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    h = await apiHarness(handle);
    accountId = (await h.call('POST', '/api/accounts', { as: as('rep'), body: { name: 'Kallio Rakennus Oy', domains: ['kallio-rakennus.fi'], tier: 'B' } })).body.id;
    h.clock.now += 1000;
    await h.call('PATCH', `/api/accounts/${accountId}`, { as: as('rep'), body: { industry: 'Construction' } });
    h.clock.now += 1000;
    const logged = await h.call('POST', '/api/interactions', {
      as: as('rep'),
      body: {
        kind: 'email', source: 'addin', subject: 'Salainen tarjous', occurredAt: h.clock.now - 3_600_000, internetMessageId: '<s1@kallio-rakennus.fi>',
        participants: [{ role: 'from', address: 'pekka@kallio-rakennus.fi', displayName: 'Pekka Kallio' }, { role: 'to', address: 'rep@seller-a.fi', displayName: null }],
      },
    });
    h.clock.now += 1000;
    expect((await h.call('PATCH', `/api/interactions/${logged.body.interaction.id}`, { as: as('rep'), body: { note: 'Pekka soittaa maanantaina' } })).status).toBe(200);
    h.clock.now += 1000;
    const settings = (await h.call('GET', '/api/settings', { as: as('admin') })).body;
    expect((await h.call('PUT', '/api/settings', { as: as('admin'), body: { ...settings, blockedAddresses: ['laakari@klinikka.fi'] } })).status).toBe(200);
    h.clock.now += 1000;
    await h.call('POST', '/api/accounts', { as: [h.b, h.b.users.rep], body: { name: 'Toisen tenantin asiakas Oy', domains: ['toinen.fi'], tier: 'C' } });
  });
  afterAll(async () => dispose());

  it('gives an admin the entries newest first, with who and what, and no email address, subject or note in detail', async () => {
    const r = await h.call('GET', '/api/audit', { as: as('admin') });
    expect(r.status).toBe(200);
    expect(r.body.items.map((e: any) => e.action)).toEqual(['settings.update', 'interaction.update', 'account.update', 'account.create']);
    expect(r.body.items[2]).toMatchObject({ actor: { id: h.a.users.rep.id, displayName: 'Riikka Rep' }, entity: { type: 'account', id: accountId, label: 'Kallio Rakennus Oy' }, detail: { fields: ['industry'] } });
    expect(r.body.items[0].detail).toEqual({ fields: ['blockedAddresses'], values: {} });
    const details = JSON.stringify(r.body.items.map((e: any) => e.detail));
    expect(details).not.toMatch(/@|Salainen|Pekka|klinikka/);
  });

  it('filters by who, action, record and period, and pages with the cursor', async () => {
    const get = async (q: string) => (await h.call('GET', `/api/audit?${q}`, { as: as('admin') })).body;
    expect((await get(`actorId=${h.a.users.admin.id}`)).items.map((e: any) => e.action)).toEqual(['settings.update']);
    expect((await get('action=account.')).items.map((e: any) => e.action)).toEqual(['account.update', 'account.create']);
    expect((await get(`entityType=account&entityId=${accountId}`)).items).toHaveLength(2);
    const day = new Date(h.clock.now).toISOString().slice(0, 10);
    expect((await get(`from=${day}&to=${day}`)).items).toHaveLength(4);
    expect((await get(`to=${new Date(h.clock.now - 5000).toISOString()}`)).items).toHaveLength(0);
    const first = await get('limit=3');
    expect(first.items).toHaveLength(3);
    const second = await get(`limit=3&cursor=${first.next}`);
    expect(second.items.map((e: any) => e.action)).toEqual(['account.create']);
    expect(second.next).toBeNull();
    expect((await h.call('GET', '/api/audit?limit=201', { as: as('admin') })).status).toBe(400);
    expect((await h.call('GET', '/api/audit?from=1.12.2026', { as: as('admin') })).status).toBe(400);
  });

  it('refuses a rep and a manager', async () => {
    expect((await h.call('GET', '/api/audit', { as: as('rep') })).status).toBe(403);
    expect((await h.call('GET', '/api/audit', { as: as('manager') })).status).toBe(403);
  });

  it('never shows another tenant’s entries', async () => {
    const theirs = await h.call('GET', '/api/audit', { as: [h.b, h.b.users.admin] });
    expect(theirs.status).toBe(200);
    expect(theirs.body.items.map((e: any) => e.entity.label)).toEqual(['Toisen tenantin asiakas Oy']);
    const ours = await h.call('GET', `/api/audit?entityId=${accountId}`, { as: [h.b, h.b.users.admin] });
    expect(ours.body.items).toEqual([]);
  });

  it('records a CSV export, a first sign-in, a role raised by Entra and a mailbox turned on and off', async () => {
    expect((await h.call('POST', '/api/audit/exports', { as: as('rep'), body: { view: 'accounts', rows: 12 } })).status).toBe(204);
    expect((await h.call('POST', '/api/audit/exports', { as: as('rep'), body: { view: 'Accounts!', rows: 1 } })).status).toBe(400);
    const oid = randomUUID();
    expect((await h.call('GET', '/api/me', { as: await h.issuer.token({ oid, name: 'Uusi Myyjä', username: 'uusi@seller-a.fi', roles: [] }) })).status).toBe(200);
    const promoted = await h.token(h.a, h.a.users.rep2, { roles: ['Suhde.Manager'] });
    expect((await h.call('GET', '/api/me', { as: promoted })).body.user.role).toBe('manager');
    const mailbox = await h.call('POST', '/api/sync/mailboxes', { as: as('admin'), body: { userId: h.a.users.rep.id } });
    expect(mailbox.status).toBe(201);
    expect((await h.call('PATCH', `/api/sync/mailboxes/${mailbox.body.id}`, { as: as('admin'), body: { enabled: false } })).status).toBe(200);

    const items = (await h.call('GET', '/api/audit?limit=10', { as: as('admin') })).body.items;
    const byAction = (a: string) => items.find((e: any) => e.action === a);
    expect(byAction('export.csv')).toMatchObject({ actor: { id: h.a.users.rep.id }, entity: { type: 'export', id: 'accounts' }, detail: { values: { view: 'accounts', rows: 12 } } });
    expect(byAction('user.create')).toMatchObject({ actor: { displayName: 'Uusi Myyjä' }, entity: { type: 'user', label: 'Uusi Myyjä' }, detail: { values: { role: 'rep' } } });
    expect(byAction('user.role')).toMatchObject({ actor: null, entity: { type: 'user', id: h.a.users.rep2.id, label: 'Ronja Rep' }, detail: { values: { from: 'rep', to: 'manager' } } });
    expect(byAction('mailbox.enable')).toMatchObject({ actor: { id: h.a.users.admin.id }, entity: { type: 'mailbox', id: mailbox.body.id, label: 'Riikka Rep' } });
    expect(byAction('mailbox.disable')).toMatchObject({ detail: { fields: ['enabled'] } });
    // The same role again is not a change.
    await h.call('GET', '/api/me', { as: await h.token(h.a, h.a.users.rep2, { roles: ['Suhde.Manager'] }) });
    expect((await h.call('GET', `/api/audit?action=user.role`, { as: as('admin') })).body.items).toHaveLength(1);
  });
});
