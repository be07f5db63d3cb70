// Issue 13 through the API on both databases: the directory health view (admin), /api/match with the
// directory's domains and addresses, and IDN domains and addresses accepted in either form, answered in Unicode.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../test/support/api-harness.ts';
import type { Db } from '../store/connect.ts';
import { replaceDirectory } from '../store/directory.ts';
import { mergeAndLoad as ingestBatch } from '../use-cases/interactions/merge-interaction-copies.ts';

describe.each(testDatabases())('directory and IDN addresses through the API on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let h: Harness;
  const rep = () => [h.a, h.a.users.rep] as [Harness['a'], Harness['a']['users']['rep']];
  const admin = () => [h.a, h.a.users.admin] as [Harness['a'], Harness['a']['users']['rep']];
  const match = async (...addresses: string[]) =>
    (await h.call('POST', '/api/match', { as: rep(), body: { addresses: addresses.map((address) => ({ address, displayName: null })) } })).body.results;

  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    h = await apiHarness(handle);
    // Tenant A's directory: a group domain nobody listed in settings, and Pekka (no Suhde user) with an alias.
    await replaceDirectory(h.a.scope, {
      domains: [{ domain: 'seller-a.fi', isDefault: true, isInitial: false }, { domain: 'seller-group.fi', isDefault: false, isInitial: false }, { domain: 'sellera.onmicrosoft.com', isDefault: false, isInitial: true }],
      addresses: [
        { address: 'rep@sellera.onmicrosoft.com', objectId: h.a.users.rep.entraObjectId },
        { address: 'pekka@seller-a.fi', objectId: 'oid-pekka' },
        { address: 'pekka@acquired.fi', objectId: 'oid-pekka' },
      ],
      users: 2,
    }, h.clock.now);
  });
  afterAll(async () => dispose());

  it('never suggests an account for a verified domain; directory aliases are colleagues', async () => {
    const [group, initial, alias, pekka, acquired, other] = await match(
      'new.person@seller-group.fi', 'someone@sellera.onmicrosoft.com', 'REP@sellera.onmicrosoft.com', 'pekka@seller-a.fi', 'pekka@acquired.fi', 'buyer@acquired.fi',
    );
    expect(group).toMatchObject({ kind: 'colleague', suggestion: null });
    expect(initial).toMatchObject({ kind: 'colleague', suggestion: null });
    expect(alias).toMatchObject({ kind: 'colleague', userId: h.a.users.rep.id });
    expect(pekka).toMatchObject({ kind: 'colleague', userId: null, suggestion: null });
    expect(acquired).toMatchObject({ kind: 'colleague', userId: null, suggestion: null });
    expect(other).toMatchObject({ kind: 'unknown', suggestion: { newAccount: { domain: 'acquired.fi' } } });
    // Tenant B's match knows nothing of A's directory.
    const b = await h.call('POST', '/api/match', { as: [h.b, h.b.users.rep], body: { addresses: [{ address: 'x@seller-group.fi', displayName: null }] } });
    expect(b.body.results[0]).toMatchObject({ kind: 'unknown' });
  });

  it('shows admins the directory and stored customer mail that looks internal; others get 403', async () => {
    const stored = (externalKey: string, participants: { role: 'from' | 'to' | 'cc'; address: string; userId: string | null }[]) =>
      ingestBatch(h.a.scope, [{
        kind: 'email', direction: 'inbound', occurredAt: h.clock.now - 86_400_000, subject: externalKey, snippet: null, note: null, durationMinutes: null,
        participants: participants.map((p) => ({ ...p, displayName: null, contactId: null })), accountIds: [], opportunityId: null, source: 'sync', visibility: 'shared',
        holders: [{ userId: h.a.users.rep.id, relation: 'holds', at: h.clock.now }], externalKey,
      }], h.clock.now);
    // Captured before the directory knew: mail between the rep and Pekka (then a stranger at acquired.fi) only.
    await stored('msgid:old-1@acquired.fi', [{ role: 'from', address: 'pekka@acquired.fi', userId: null }, { role: 'to', address: 'rep@seller-a.fi', userId: h.a.users.rep.id }]);
    // Customer mail with Pekka in cc is customer mail: not suspicious on its own.
    await stored('msgid:cust-1@asiakas-x.fi', [{ role: 'from', address: 'kalle@asiakas-x.fi', userId: null }, { role: 'cc', address: 'pekka@acquired.fi', userId: null }]);
    expect((await h.call('GET', '/api/directory/health', { as: rep() })).status).toBe(403);
    const r = await h.call('GET', '/api/directory/health', { as: admin() });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ refreshedAt: h.clock.now, users: 2, addresses: 3, adminDomains: ['seller-a.fi'] });
    expect(r.body.domains.map((d: { domain: string }) => d.domain)).toEqual(['seller-a.fi', 'seller-group.fi', 'sellera.onmicrosoft.com']);
    expect(r.body.suspicious).toEqual([{ domain: 'acquired.fi', interactions: 2, internalOnly: 1, colleagueAddresses: 1, reasons: ['internal-only'] }]);
  });

  it('accepts an IDN domain in either form, stores and answers it in Unicode, and matches either form', async () => {
    const puny = await h.call('POST', '/api/accounts', { as: rep(), body: { name: 'Järvi Oy', domains: ['XN--JRVI-LOA.fi'] } });
    expect(puny.status).toBe(201);
    expect(puny.body.domains).toEqual(['järvi.fi']);
    const [fromPuny, fromUnicode] = await match('liisa@xn--jrvi-loa.fi', 'Liisa@Järvi.fi');
    expect(fromPuny).toMatchObject({ address: 'liisa@järvi.fi', kind: 'account', accountIds: [puny.body.id] });
    expect(fromUnicode).toMatchObject({ address: 'liisa@järvi.fi', kind: 'account', accountIds: [puny.body.id] });

    const contact = await h.call('POST', '/api/contacts', { as: rep(), body: { name: 'Liisa Järvi', emails: ['liisa@xn--jrvi-loa.fi'], accountId: puny.body.id } });
    expect(contact.status).toBe(201);
    expect(contact.body.emails).toEqual(['liisa@järvi.fi']);
    expect((await match('LIISA@järvi.fi'))[0]).toMatchObject({ kind: 'contact', contactId: contact.body.id });
    // The same address in the other form is the same address: a second contact cannot take it.
    const dup = await h.call('POST', '/api/contacts', { as: rep(), body: { name: 'Toinen', emails: ['liisa@järvi.fi'] } });
    expect(dup.status).toBe(409);
    const found = await h.call('GET', `/api/contacts?q=${encodeURIComponent('liisa@järvi.fi')}`, { as: rep() });
    expect(found.body.items.map((c: { id: string }) => c.id)).toEqual([contact.body.id]);
  });

  it("creates an account from the matcher's own suggestion, for bücher.de and 例え.jp alike", async () => {
    for (const address of ['hans@xn--bcher-kva.de', 'taro@例え.jp']) {
      const [unknown] = await match(address);
      expect(unknown.kind).toBe('unknown');
      const { domain, name } = unknown.suggestion.newAccount;
      const created = await h.call('POST', '/api/accounts', { as: rep(), body: { name, domains: [domain] } });
      expect(created.status).toBe(201);
      expect((await match(address))[0]).toMatchObject({ kind: 'account', accountIds: [created.body.id] });
    }
    const [b] = await match('x@bücher.de');
    expect(b.address).toBe('x@bücher.de');
    const refused = await h.call('POST', '/api/accounts', { as: rep(), body: { name: 'X', domains: ['not a domain', 'xn--zz'] } });
    expect(refused.status).toBe(400);
  });

  it("takes the admin's internal domains and blocklist in either form, answers them in Unicode, and matches them", async () => {
    const current = (await h.call('GET', '/api/settings', { as: admin() })).body;
    const put = await h.call('PUT', '/api/settings', {
      as: admin(), body: { ...current, internalDomains: ['seller-a.fi', 'XN--KKSET-FRAA0M.fi'], blockedAddresses: ['Vastaanotto@XN--TERVEYSASEM-V8A.fi'] },
    });
    expect(put.status).toBe(200);
    expect(put.body.internalDomains).toEqual(['seller-a.fi', 'ääkköset.fi']);
    expect(put.body.blockedAddresses).toEqual(['vastaanotto@terveysasemä.fi']);
    // As a colleague not signed in yet: a signed-in identity (with its settings) is cached for a few seconds.
    const r = await h.call('POST', '/api/match', { as: [h.a, h.a.users.rep2], body: { addresses: [{ address: 'tiina@ääkköset.fi' }, { address: 'VASTAANOTTO@terveysasemä.fi' }] } });
    const [colleague, blocked] = r.body.results;
    expect(colleague).toMatchObject({ kind: 'colleague', suggestion: null });
    expect(blocked.kind).toBe('blocked');
  });
});
