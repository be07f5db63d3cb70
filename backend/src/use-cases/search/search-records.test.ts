import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { makeTenant, T0, type FixtureTenant } from '../../../../test/support/fixtures.ts';
import { tenantPerSuite } from '../../../../test/support/tenant-database.ts';
import { createAccount } from '../../store/accounts.ts';
import { createContact } from '../../store/contacts.ts';
import { DEFAULT_TENANT_SETTINGS, type Visibility } from '../../domain/types.ts';
import { logInteractionRequest, type LogRequest } from '../interactions/log-interaction.ts';
import { archiveAccount } from '../accounts/archive-account.ts';
import { mergeAccounts } from '../accounts/merge-accounts.ts';
import { eraseContact } from '../privacy/erase-contact.ts';
import { fillUnbuiltSearchDocuments } from '../../store/search-index.ts';
import { mergeInteractionCopies } from '../interactions/merge-interaction-copies.ts';
import { searchRecords } from './search-records.ts';
import { archiveContact } from '../contacts/archive-contact.ts';
import { accountCandidates } from '../../../../web-shared/src/api/search.ts';

const account = (name: string, domains: string[]) => ({ name, domains, tier: 'B' as const, lifecycle: 'customer' as const, ownerId: null, industry: null, size: null, region: null });
const text = (parts: { text: string }[] | null) => (parts ?? []).map((p) => p.text).join('');

describe.each(testDatabases())('search on $name', (database) => {
  const a = tenantPerSuite(database, 'seller-search.fi');
  let other: FixtureTenant;
  let makelaId: string;
  let spareId: string;
  let mattiId: string;
  const settings = { ...DEFAULT_TENANT_SETTINGS, internalDomains: ['seller-search.fi'] };
  const rep = () => ({ userId: a.users.rep.id, role: 'rep' as const });
  const rep2 = () => ({ userId: a.users.rep2.id, role: 'rep' as const });
  let n = 0;
  const log = (visibility: Visibility, over: Partial<LogRequest>) => logInteractionRequest(a.scope, { ...rep(), settings }, {
    kind: 'email', subject: null, snippet: null, note: null, durationMinutes: null, opportunityId: null, visibility, source: 'addin',
    internetMessageId: `<search-${++n}@makela.fi>`, iCalUId: null, followUpOn: null, occurredAt: T0 + n * 60_000, accountIds: [makelaId],
    participants: [{ role: 'from', address: a.users.rep.email, displayName: 'Riikka Rep' }], ...over,
  }, T0);

  beforeAll(async () => {
    other = await makeTenant(a.handle, 'other-search.fi');
    makelaId = (await createAccount(a.scope, account('Mäkelä Rakennus Oy', ['makela.fi']), null, T0)).id;
    spareId = (await createAccount(a.scope, account('Hissitekniikka Ab', ['hissitek.fi']), null, T0)).id;
    await createAccount(other.scope, account('Mäkelä Muu Oy', ['makela-muu.fi']), null, T0);
    mattiId = (await createContact(a.scope, { name: 'Matti Mäkinen', emails: ['matti.makinen@makela.fi'], phones: [], title: 'Ostopäällikkö', accountId: makelaId, ownerId: null }, null, T0)).id;
    await log('shared', {
      subject: 'Tarjous hissihuolto', snippet: 'Hei, tässä hissihuolto ja hissihuolto vuodelle 2027, hissihuolto', participants: [
        { role: 'from', address: a.users.rep.email, displayName: 'Riikka Rep' }, { role: 'to', address: 'matti.makinen@makela.fi', displayName: 'Matti Mäkinen' }],
    });
    await log('shared', { subject: 'Kokous', note: 'Pitkä muistio, jossa mainitaan myös hissihuolto kerran muiden asioiden joukossa ja paljon muuta tekstiä' });
    await log('metadata', {
      subject: 'Salainen budjetti', snippet: 'kvartaalibudjetti ja alennus', participants: [
        { role: 'from', address: a.users.rep.email, displayName: 'Riikka Rep' }, { role: 'to', address: 'pekka.poyhonen@makela.fi', displayName: 'Pekka Pöyhönen' }],
    });
    await log('private', {
      subject: 'Yksityinen neuvottelu', participants: [
        { role: 'from', address: a.users.rep.email, displayName: 'Riikka Rep' }, { role: 'to', address: 'liisa.lahtinen@makela.fi', displayName: 'Liisa Lahtinen' }],
    });
  });

  it('finds accounts and contacts without their diacritics, by word prefix, in this tenant only', async () => {
    const r = await searchRecords(a.scope, rep2(), { q: 'makela' });
    expect(r.accounts.map((h) => h.title)).toEqual(['Mäkelä Rakennus Oy']);
    expect(r.accounts[0]!.highlight).toContainEqual({ text: 'Mäkelä', match: true });
    const prefix = await searchRecords(a.scope, rep2(), { q: 'Mäk', kinds: ['contact'] });
    expect(prefix.contacts).toMatchObject([{ id: mattiId, title: 'Matti Mäkinen', accountId: makelaId, accountName: 'Mäkelä Rakennus Oy' }]);
    expect(prefix.accounts).toEqual([]);
    expect((await searchRecords(a.scope, rep2(), { q: 'ostopaallikko' })).contacts.map((h) => h.id)).toEqual([mattiId]);
    expect((await searchRecords(other.scope, { userId: other.users.rep.id, role: 'rep' }, { q: 'makela' })).accounts.map((h) => h.title)).toEqual(['Mäkelä Muu Oy']);
  });

  it('shows an account\'s name and domains, and a contact\'s fields, on one line with a separator, never a raw line break', async () => {
    const r = await searchRecords(a.scope, rep2(), { q: 'makela' });
    expect(text(r.accounts[0]!.highlight)).toBe('Mäkelä Rakennus Oy · makela.fi');
    const contact = (await searchRecords(a.scope, rep2(), { q: 'matti', kinds: ['contact'] })).contacts[0]!;
    expect(text(contact.highlight)).toBe('Matti Mäkinen · Ostopäällikkö · matti.makinen@makela.fi');
    const mail = (await searchRecords(a.scope, rep(), { q: 'hissihuolto', kinds: ['interaction'] })).interactions;
    for (const h of [...r.accounts, ...r.contacts, ...mail]) expect(text(h.highlight)).not.toContain('\n');
  });

  it('finds mail the sync stored as soon as its batch commits (a merge writes new interactions from memory)', async () => {
    await mergeInteractionCopies(a.scope, [{
      kind: 'email', direction: 'inbound', occurredAt: T0 + 3_600_000, subject: 'Kattoremontin aikataulu', snippet: 'Urakka alkaa maaliskuussa', note: null,
      durationMinutes: null, participants: [{ role: 'from', address: 'hanna.hissi@hissitek.fi', displayName: 'Hanna Hissi', userId: null, contactId: null }],
      accountIds: [spareId], opportunityId: null, source: 'sync', visibility: 'shared',
      holders: [{ userId: a.users.rep.id, relation: 'holds', at: T0 }], externalKey: 'msgid:katto-1@hissitek.fi',
    }], T0 + 3_600_000);
    const bySubject = await searchRecords(a.scope, rep2(), { q: 'kattoremontin', kinds: ['interaction'] });
    expect(bySubject.interactions.map((h) => [h.title, h.accountId])).toEqual([['Kattoremontin aikataulu', spareId]]);
    expect((await searchRecords(a.scope, rep2(), { q: 'Hanna Hissi', kinds: ['interaction'] })).interactions.map((h) => h.title)).toEqual(['Kattoremontin aikataulu']);
  });

  it('ranks the interaction that is most about the words first', async () => {
    const r = await searchRecords(a.scope, rep2(), { q: 'hissihuolto', kinds: ['interaction'] });
    expect(r.interactions.map((h) => h.title)).toEqual(['Tarjous hissihuolto', 'Kokous']);
    expect(r.interactions[1]!.highlight!.filter((p) => p.match).map((p) => p.text)).toEqual(['hissihuolto']);
  });

  it('matches a metadata-only item a colleague does not hold on who took part, never on its subject or body', async () => {
    expect((await searchRecords(a.scope, rep2(), { q: 'budjetti' })).interactions).toEqual([]);
    expect((await searchRecords(a.scope, rep2(), { q: 'kvartaalibudjetti' })).interactions).toEqual([]);
    const byPerson = await searchRecords(a.scope, rep2(), { q: 'poyhonen' });
    expect(byPerson.interactions).toHaveLength(1);
    expect(byPerson.interactions[0]).toMatchObject({ title: null, redacted: true, accountId: makelaId });
    expect(text(byPerson.interactions[0]!.highlight)).toContain('Pöyhönen');
    expect(text(byPerson.interactions[0]!.highlight)).not.toMatch(/budjetti|Salainen/);
    // A word of the body and a name together: the body is not the colleague's to match on.
    expect((await searchRecords(a.scope, rep2(), { q: 'pöyhönen alennus' })).interactions).toEqual([]);
    // Its holder finds it by its content, subject shown.
    const mine = await searchRecords(a.scope, rep(), { q: 'budjetti' });
    expect(mine.interactions).toMatchObject([{ title: 'Salainen budjetti', redacted: false }]);
  });

  it('does not find a private item a colleague does not hold at all, by any of its words', async () => {
    for (const q of ['lahtinen', 'neuvottelu', 'liisa.lahtinen@makela.fi']) {
      expect((await searchRecords(a.scope, rep2(), { q })).interactions).toEqual([]);
      expect((await searchRecords(a.scope, { userId: a.users.manager.id, role: 'manager' }, { q })).interactions).toEqual([]);
    }
    expect((await searchRecords(a.scope, rep(), { q: 'neuvottelu' })).interactions.map((h) => h.title)).toEqual(['Yksityinen neuvottelu']);
  });

  it('refuses an empty, a too long or a one-letter query with a reason', async () => {
    await expect(searchRecords(a.scope, rep(), { q: '  ' })).rejects.toMatchObject({ kind: 'invalid' });
    await expect(searchRecords(a.scope, rep(), { q: 'x'.repeat(201) })).rejects.toMatchObject({ kind: 'invalid' });
    await expect(searchRecords(a.scope, rep(), { q: 'm' })).rejects.toMatchObject({ kind: 'invalid', detail: expect.stringMatching(/two letters/) });
  });

  it('leaves archived accounts out unless asked, and follows a merge', async () => {
    await archiveAccount(a.scope, { id: a.users.manager.id, role: 'manager' }, spareId, T0);
    expect((await searchRecords(a.scope, rep(), { q: 'hissitek' })).accounts).toEqual([]);
    expect((await searchRecords(a.scope, rep(), { q: 'hissitek', includeArchived: true })).accounts.map((h) => h.id)).toEqual([spareId]);
    const dupId = (await createAccount(a.scope, account('Mäkelä Rakennus', ['makela-rakennus.fi']), null, T0)).id;
    await mergeAccounts(a.scope, { id: a.users.manager.id, role: 'manager' }, makelaId, { mergeIds: [dupId], preview: false }, T0);
    const r = await searchRecords(a.scope, rep(), { q: 'makela rakennus' });
    expect(r.accounts.map((h) => h.id)).toEqual([makelaId]);
    // The merged account's domain is the survivor's now: found by it.
    expect((await searchRecords(a.scope, rep(), { q: 'makela-rakennus.fi' })).accounts.map((h) => h.id)).toEqual([makelaId]);
  });

  it('marks an archived account, its contact and its interaction archived, found only with includeArchived', async () => {
    const lumiId = (await createAccount(a.scope, account('Lumivaara Oy', ['lumivaara.fi']), null, T0)).id;
    const ainoId = (await createContact(a.scope, { name: 'Aino Lumivaara', emails: ['aino@lumivaara.fi'], phones: [], title: null, accountId: lumiId, ownerId: null }, null, T0)).id;
    await archiveAccount(a.scope, { id: a.users.manager.id, role: 'manager' }, lumiId, T0);
    // POST /api/interactions takes an archived account (only a deleted one is refused), so the add-in may log to it.
    const logged = await log('shared', { subject: 'Lumivaaran talvihuolto', accountIds: [lumiId] });
    const found = await searchRecords(a.scope, rep(), { q: 'lumivaara', includeArchived: true });
    expect(found.accounts).toMatchObject([{ id: lumiId, archived: true, accountArchived: true }]);
    expect(found.contacts).toMatchObject([{ id: ainoId, accountId: lumiId, archived: true, accountArchived: true }]);
    expect(found.interactions).toMatchObject([{ id: logged.interaction.id, accountId: lumiId, archived: true }]);
    const live = await searchRecords(a.scope, rep(), { q: 'lumivaara' });
    expect([...live.accounts, ...live.contacts, ...live.interactions]).toEqual([]);
    // A live account's hits are not marked, asked with includeArchived or not.
    const makela = await searchRecords(a.scope, rep(), { q: 'makela', includeArchived: true });
    expect(makela.accounts.map((h) => [h.id, h.archived])).toEqual([[makelaId, false]]);
    expect(makela.contacts.map((h) => [h.id, h.archived])).toEqual([[mattiId, false]]);
  });

  it('tells a contact archived on a live account from one on an archived account', async () => {
    const liveId = (await createAccount(a.scope, account('Routavaara Oy', ['routavaara.fi']), null, T0)).id;
    const ex = (await createContact(a.scope, { name: 'Eero Routavaara', emails: ['eero@routavaara.fi'], phones: [], title: null, accountId: liveId, ownerId: null }, null, T0)).id;
    await archiveContact(a.scope, a.users.rep, ex, T0);
    const found = await searchRecords(a.scope, rep(), { q: 'routavaara', kinds: ['account', 'contact'], includeArchived: true });
    expect(found.contacts).toMatchObject([{ id: ex, accountId: liveId, archived: true, accountArchived: false }]);
    expect(found.accounts).toMatchObject([{ id: liveId, archived: false, accountArchived: false }]);
    // The add-in's picker offers the account found through that contact as live, not "Archived".
    const onlyContact = await searchRecords(a.scope, rep(), { q: 'eero', kinds: ['account', 'contact'], includeArchived: true });
    expect(accountCandidates(onlyContact)).toEqual([{ id: liveId, name: 'Routavaara Oy', viaContact: 'Eero Routavaara', archived: false }]);
  });

  it('builds the entries a migration left unbuilt', async () => {
    await a.handle.db.deleteFrom('search_documents').where('tenant_id', '=', a.tenantId).execute();
    await sql`insert into search_documents (tenant_id, kind, record_id, visibility, holder_ids, archived) values (${a.tenantId}, 'contact', ${mattiId}, 'private', '', 0)`.execute(a.handle.db);
    expect((await searchRecords(a.scope, rep(), { q: 'makinen' })).contacts).toEqual([]);
    expect(await fillUnbuiltSearchDocuments(a.handle.db, a.handle.dialect)).toBe(1);
    expect((await searchRecords(a.scope, rep(), { q: 'makinen' })).contacts.map((h) => h.id)).toEqual([mattiId]);
  });

  it('forgets an erased person: not found by name or address, as a contact or in any interaction', async () => {
    await a.handle.db.deleteFrom('search_documents').where('tenant_id', '=', a.tenantId).where('kind', '=', 'interaction').execute();
    await sql`insert into search_documents (tenant_id, kind, record_id, visibility, holder_ids, archived)
      select tenant_id, 'interaction', id, 'private', '', 0 from interactions where tenant_id = ${a.tenantId}`.execute(a.handle.db);
    await fillUnbuiltSearchDocuments(a.handle.db, a.handle.dialect);
    expect((await searchRecords(a.scope, rep(), { q: 'makinen' })).interactions).toHaveLength(1);
    await eraseContact(a.scope, { id: a.users.admin.id, role: 'admin' }, mattiId, T0);
    for (const q of ['makinen', 'matti.makinen@makela.fi', 'Ostopäällikkö']) {
      const r = await searchRecords(a.scope, rep(), { q });
      expect([...r.contacts, ...r.interactions]).toEqual([]);
    }
    const left = await a.handle.db.selectFrom('search_documents').select(['meta_text', 'content_text']).where('tenant_id', '=', a.tenantId).execute();
    expect(left.filter((d) => /mäkinen|makinen/i.test(`${d.meta_text} ${d.content_text}`))).toEqual([]);
  });
});
