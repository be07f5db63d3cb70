// Migration 009 rewrites domains and addresses stored before there was one canonical form (Unicode, lower case).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { makeTenant, T0, type FixtureTenant } from '../../../test/support/fixtures.ts';
import type { Db } from './connect.ts';
import { accountIdsByDomains, createAccount } from './accounts.ts';
import { contactsByAddresses, createContact } from './contacts.ts';
import { mergeAndLoad as ingestBatch } from '../use-cases/interactions/merge-interaction-copies.ts';
import { canonicalizeStoredAddresses } from './migrations/2026-12-06-009-directory.ts';

describe.each(testDatabases())('canonical stored addresses on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let a: FixtureTenant;
  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    a = await makeTenant(handle, 'seller-a.fi');
  });
  afterAll(async () => dispose());

  it('rewrites punycode and upper case, and drops a duplicate of a row already stored canonical', async () => {
    const acc = (name: string) => createAccount(a.scope, { name, domains: [], tier: 'B', lifecycle: 'customer', ownerId: null, industry: null, size: null, region: null }, null, T0);
    const one = await acc('Järvi Oy');
    const two = await acc('Bücher GmbH');
    const t = a.tenantId;
    await handle.db.insertInto('account_domains').values([
      { tenant_id: t, domain: 'XN--JRVI-LOA.fi', account_id: one.id },
      { tenant_id: t, domain: 'bücher.de', account_id: two.id },
      { tenant_id: t, domain: 'xn--bcher-kva.de', account_id: two.id },
      { tenant_id: t, domain: 'plain.fi', account_id: two.id },
    ]).execute();
    const liisa = await createContact(a.scope, { name: 'Liisa', emails: [], phones: [], title: null, accountId: one.id, ownerId: null }, null, T0);
    const hans = await createContact(a.scope, { name: 'Hans', emails: ['hans@bücher.de'], phones: [], title: null, accountId: two.id, ownerId: null }, null, T0);
    await handle.db.insertInto('contact_emails').values([
      { tenant_id: t, address: 'Liisa@XN--JRVI-LOA.FI', contact_id: liisa.id },
      // The same address as Hans's, in the other form, on another contact: Hans keeps it.
      { tenant_id: t, address: 'hans@xn--bcher-kva.de', contact_id: liisa.id },
    ]).execute();
    const [ingested] = await ingestBatch(a.scope, [{
      kind: 'email', direction: 'inbound', occurredAt: T0, subject: 'x', snippet: null, note: null, durationMinutes: null,
      participants: [{ role: 'from', address: 'taro@xn--r8jz45g.jp', displayName: null, userId: null, contactId: null }],
      accountIds: [], opportunityId: null, source: 'sync', visibility: 'shared', holders: [], externalKey: 'msgid:idn@x',
    }], T0);
    const id = ingested!.interaction.id;

    await canonicalizeStoredAddresses(handle.db);

    const domains = await handle.db.selectFrom('account_domains').select(['domain', 'account_id']).where('tenant_id', '=', t).orderBy('domain').execute();
    expect(domains).toEqual([{ domain: 'bücher.de', account_id: two.id }, { domain: 'järvi.fi', account_id: one.id }, { domain: 'plain.fi', account_id: two.id }]);
    const emails = await handle.db.selectFrom('contact_emails').select(['address', 'contact_id']).where('tenant_id', '=', t).orderBy('address').execute();
    expect(emails).toEqual([{ address: 'hans@bücher.de', contact_id: hans.id }, { address: 'liisa@järvi.fi', contact_id: liisa.id }]);
    const p = await handle.db.selectFrom('interaction_participants').select('address').where('tenant_id', '=', t).where('interaction_id', '=', id).execute();
    expect(p).toEqual([{ address: 'taro@例え.jp' }]);
    // And the lookups find them in either form.
    expect(Object.fromEntries(await accountIdsByDomains(a.scope, ['xn--jrvi-loa.fi']))).toEqual({ 'järvi.fi': [one.id] });
    expect((await contactsByAddresses(a.scope, ['LIISA@xn--jrvi-loa.fi'])).get('liisa@järvi.fi')?.contactId).toBe(liisa.id);
  });
});
