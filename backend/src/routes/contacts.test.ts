// Who may change a contact: the same people as for its account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../test/support/api-harness.ts';
import type { Db } from '../store/connect.ts';

describe.each(testDatabases())('contacts on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let h: Harness;
  const as = (key: 'rep' | 'rep2' | 'manager' | 'admin') => [h.a, h.a.users[key]] as [Harness['a'], Harness['a']['users']['rep']];

  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    h = await apiHarness(handle);
  });
  afterAll(async () => dispose());

  it('refuses a colleague’s edits and takeover of a rep’s contact; the account owner and managers may', async () => {
    const account = (await h.call('POST', '/api/accounts', { as: as('rep'), body: { name: 'Kallio Rakennus Oy', domains: ['kallio-rakennus.fi'] } })).body;
    const contact = (await h.call('POST', '/api/contacts', { as: as('rep'), body: { name: 'Pekka Kallio', emails: ['pekka@kallio-rakennus.fi'], accountId: account.id } })).body;
    expect(contact.ownerId).toBe(h.a.users.rep.id);

    const takeover = await h.call('PATCH', `/api/contacts/${contact.id}`, { as: as('rep2'), body: { ownerId: h.a.users.rep2.id } });
    expect(takeover.status).toBe(403);
    expect(takeover.body.detail).toMatch(/owner/);
    expect((await h.call('PATCH', `/api/contacts/${contact.id}`, { as: as('rep2'), body: { title: 'CEO' } })).status).toBe(403);
    expect((await h.call('GET', `/api/contacts/${contact.id}`, { as: as('rep') })).body).toMatchObject({ ownerId: h.a.users.rep.id, title: null });

    // The owner hands it over; the account owner (still rep) may change it; a manager may reassign it.
    expect((await h.call('PATCH', `/api/contacts/${contact.id}`, { as: as('rep'), body: { ownerId: h.a.users.rep2.id } })).status).toBe(200);
    expect((await h.call('PATCH', `/api/contacts/${contact.id}`, { as: as('rep'), body: { title: 'Toimitusjohtaja' } })).status).toBe(200);
    expect((await h.call('PATCH', `/api/contacts/${contact.id}`, { as: as('manager'), body: { ownerId: h.a.users.rep.id } })).body.ownerId).toBe(h.a.users.rep.id);
  });

  it('keeps an address to one contact: 409 naming the holder', async () => {
    const first = (await h.call('POST', '/api/contacts', { as: as('rep'), body: { name: 'Liisa', emails: ['liisa@kivimaki.fi'] } })).body;
    const dup = await h.call('POST', '/api/contacts', { as: as('rep'), body: { name: 'Liisa O', emails: ['Liisa@Kivimaki.fi'] } });
    expect(dup.status).toBe(409);
    expect(dup.body.errors[0].message).toContain(first.id);
    // A contact keeps its own addresses when saved again.
    expect((await h.call('PATCH', `/api/contacts/${first.id}`, { as: as('rep'), body: { emails: ['liisa@kivimaki.fi', 'liisa.o@kivimaki.fi'] } })).status).toBe(200);
  });
});
