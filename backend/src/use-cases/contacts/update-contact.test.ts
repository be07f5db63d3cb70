import { describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { T0 } from '../../../../test/support/fixtures.ts';
import { tenantPerSuite } from '../../../../test/support/tenant-database.ts';
import { createAccount } from '../accounts/create-account.ts';
import { createContact } from './create-contact.ts';
import { updateContact } from './update-contact.ts';

const person = (name: string, emails: string[], accountId: string | null = null) => ({ name, emails, phones: [], title: null, accountId });

describe.each(testDatabases())('contact use cases on $name', (database) => {
  const a = tenantPerSuite(database, 'seller-a.fi');

  it('keeps a rep’s contact from a colleague, takeover included; the account owner and a manager may change it', async () => {
    const acc = await createAccount(a.scope, a.users.rep, { name: 'Kallio Oy', domains: ['kallio.fi'], tier: 'B', lifecycle: 'customer', industry: null, size: null, region: null }, T0);
    const c = await createContact(a.scope, a.users.rep2, person('Pekka', ['pekka@kallio.fi'], acc.id), T0);
    expect(c.ownerId).toBe(a.users.rep2.id);
    const outsider = { ...a.users.rep, id: 'someone-else' };
    await expect(updateContact(a.scope, outsider, c.id, { ownerId: outsider.id }, T0)).rejects.toMatchObject({ kind: 'forbidden' });
    // rep owns the account, so may change its contact and hand it on.
    expect((await updateContact(a.scope, a.users.rep, c.id, { title: 'CEO', ownerId: a.users.rep.id }, T0 + 1)).ownerId).toBe(a.users.rep.id);
    await expect(updateContact(a.scope, a.users.rep2, c.id, { ownerId: a.users.rep2.id }, T0 + 2)).rejects.toMatchObject({ kind: 'forbidden' });
    expect((await updateContact(a.scope, a.users.manager, c.id, { ownerId: a.users.rep2.id }, T0 + 3)).ownerId).toBe(a.users.rep2.id);
  });

  it('gives an address to one contact: a conflict naming the holder, and nothing written', async () => {
    const first = await createContact(a.scope, a.users.rep, person('Liisa', ['Liisa@Kivimaki.fi']), T0);
    await expect(createContact(a.scope, a.users.rep, person('Dup', ['liisa@kivimaki.fi']), T0)).rejects.toMatchObject({
      kind: 'conflict', errors: [{ field: 'emails', message: expect.stringContaining(first.id) }],
    });
    const other = await createContact(a.scope, a.users.rep, person('Other', ['other@kivimaki.fi']), T0);
    await expect(updateContact(a.scope, a.users.rep, other.id, { emails: ['liisa@kivimaki.fi'] }, T0)).rejects.toMatchObject({ kind: 'conflict' });
    expect((await updateContact(a.scope, a.users.rep, first.id, { emails: ['liisa@kivimaki.fi', 'l@kivimaki.fi'] }, T0)).emails).toEqual(['l@kivimaki.fi', 'liisa@kivimaki.fi']);
  });

  it('refuses an unknown account or owner', async () => {
    await expect(createContact(a.scope, a.users.rep, person('X', [], 'no-such-account'), T0)).rejects.toMatchObject({ kind: 'not-found' });
    await expect(createContact(a.scope, a.users.rep, { ...person('X', []), ownerId: 'nobody' }, T0)).rejects.toMatchObject({ kind: 'invalid' });
  });
});
