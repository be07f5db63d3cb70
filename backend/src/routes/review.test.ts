// The review queue through the API: unplaced mail grouped by domain and person, each person seeing their own
// (an admin everyone's), and every action placing past mail on the timeline with the last contact updated.
import { createAccount as createStoredAccount } from '../store/accounts.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../test/support/api-harness.ts';
import { T0 } from '../../../test/support/fixtures.ts';
import type { Db } from '../store/connect.ts';
import { insertMailbox } from '../store/mailboxes.ts';
import { upsertItemRefs } from '../store/sync-items.ts';
import { mergeInteractionCopies } from '../use-cases/interactions/merge-interaction-copies.ts';
import type { Visibility } from '../domain/types.ts';

describe.each(testDatabases())('review queue on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let h: Harness;
  type Who = 'rep' | 'rep2' | 'manager' | 'admin';
  const as = (key: Who) => [h.a, h.a.users[key]] as [Harness['a'], Harness['a']['users']['rep']];
  let n = 0;

  /** An email synced into `holder`'s mailbox from `from`, placed with no account (as the sync stores it). */
  async function synced(holder: Who, from: string, at: number, opts: { subject?: string; visibility?: Visibility; name?: string } = {}) {
    const key = `msgid:review-${++n}@test`;
    const [r] = await mergeInteractionCopies(h.a.scope, [{
      kind: 'email', direction: 'inbound', occurredAt: at, subject: opts.subject ?? `Kysely ${n}`, snippet: null, note: null, durationMinutes: null,
      participants: [
        { role: 'from', address: from, displayName: opts.name ?? null, userId: null, contactId: null },
        { role: 'to', address: h.a.users[holder].email, displayName: null, userId: h.a.users[holder].id, contactId: null },
      ],
      accountIds: [], opportunityId: null, source: 'sync', visibility: opts.visibility ?? 'shared',
      holders: [{ userId: h.a.users[holder].id, relation: 'holds', at }], externalKey: key,
    }], at, { checkReferences: false });
    return r!.id;
  }
  const queue = async (who: Who) => (await h.call('GET', '/api/review', { as: as(who) })).body;
  const act = (who: Who, body: object) => h.call('POST', '/api/review/actions', { as: as(who), body });
  const timeline = async (accountId: string) => (await h.call('GET', `/api/accounts/${accountId}/timeline`, { as: as('admin') })).body.items.map((i: { id: string }) => i.id);

  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    h = await apiHarness(handle);
  });
  afterAll(async () => dispose());

  it('groups unplaced mail by domain and by person; a rep sees what they hold, an admin everyone’s (metadata only where not theirs)', async () => {
    await synced('rep', 'liisa@kallio-rakennus.fi', T0 + 1000, { name: 'Virtanen, Liisa' });
    await synced('rep', 'pekka@kallio-rakennus.fi', T0 + 2000);
    await synced('rep2', 'olli@kallio-rakennus.fi', T0 + 3000, { subject: 'Salainen', visibility: 'metadata' });
    await synced('rep2', 'matti.m@gmail.com', T0 + 500);

    const mine = await queue('rep');
    expect(mine.total).toBe(2);
    expect(mine.domains).toEqual([expect.objectContaining({
      key: 'domain:kallio-rakennus.fi', count: 2, match: 'unknown', suggestedAction: 'create-account', suggestedAccountName: expect.stringMatching(/Kallio/),
    })]);
    expect(mine.domains[0].addresses.sort()).toEqual(['liisa@kallio-rakennus.fi', 'pekka@kallio-rakennus.fi']);
    expect(mine.domains[0].latest.subject).toBe('Kysely 2');
    expect(mine.people.map((p: { address: string }) => p.address).sort()).toEqual(['liisa@kallio-rakennus.fi', 'pekka@kallio-rakennus.fi']);
    expect(mine.people.find((p: { address: string }) => p.address === 'liisa@kallio-rakennus.fi').suggestedContactName).toBe('Liisa Virtanen');

    const all = await queue('admin');
    expect(all.total).toBe(4);
    expect(all.domains[0]).toMatchObject({ domain: 'kallio-rakennus.fi', count: 3, latest: { subject: null, redacted: true } });
    expect(all.people.find((p: { address: string }) => p.address === 'matti.m@gmail.com')).toMatchObject({ match: 'personal', domain: null, suggestedAction: 'add-contact' });
    expect((await queue('rep2')).total).toBe(2);
    expect((await h.call('GET', '/api/sync/health', { as: as('admin') })).body.toReview).toBe(4);
  });

  it('creating the account from the domain places its past mail and sets the last contact; a rep cannot act on what they do not hold', async () => {
    expect((await act('rep', { action: 'create-account', key: 'domain:nobody-here.fi' })).status).toBe(404);
    const done = await act('rep', { action: 'create-account', key: 'domain:kallio-rakennus.fi', name: 'Kallio Rakennus Oy' });
    expect(done.status).toBe(200);
    // Every unplaced mail from the domain joins, also the colleague's: the account is the tenant's.
    expect(done.body).toMatchObject({ linked: 2, contactId: null });
    const account = (await h.call('GET', `/api/accounts/${done.body.accountId}`, { as: as('rep') })).body;
    expect(account).toMatchObject({ name: 'Kallio Rakennus Oy', domains: ['kallio-rakennus.fi'], lastContactAt: T0 + 3000 });
    expect(await timeline(account.id)).toHaveLength(3);
    expect((await queue('rep')).total).toBe(0);
    expect((await queue('admin')).domains).toEqual([]);
  });

  it('adding an address to a contact places the person’s past mail with the contact’s account', async () => {
    const id = await synced('rep', 'sanna.s@outlook.com', T0 + 4000);
    const account = (await h.call('POST', '/api/accounts', { as: as('rep'), body: { name: 'Saarinen Oy', domains: ['saarinen.fi'] } })).body;
    const contact = (await h.call('POST', '/api/contacts', { as: as('rep'), body: { name: 'Sanna Saarinen', emails: ['sanna@saarinen.fi'], accountId: account.id } })).body;
    expect(await timeline(account.id)).toEqual([]);
    expect((await h.call('PATCH', `/api/contacts/${contact.id}`, { as: as('rep'), body: { emails: ['sanna@saarinen.fi', 'Sanna.S@outlook.com'] } })).status).toBe(200);
    expect(await timeline(account.id)).toEqual([id]);
    expect((await h.call('GET', `/api/accounts/${account.id}`, { as: as('rep') })).body.lastContactAt).toBe(T0 + 4000);
    const read = (await h.call('GET', `/api/interactions/${id}`, { as: as('rep') })).body;
    expect(read.participants[0].contactId).toBe(contact.id);
  });

  it('a person placed as a contact from the queue takes their mail along', async () => {
    const id = await synced('rep', 'matti.m@gmail.com', T0 + 5000);
    const account = (await h.call('POST', '/api/accounts', { as: as('rep'), body: { name: 'Mäkinen Tmi' } })).body;
    const done = await act('rep', { action: 'add-contact', key: 'person:matti.m@gmail.com', accountId: account.id });
    expect(done.body).toMatchObject({ linked: 1, accountId: account.id, contactId: expect.any(String) });
    // The contact is the tenant's: the colleague's earlier mail from the same person joins too.
    expect(await timeline(account.id)).toEqual([id, expect.any(String)]);
  });

  it('an ambiguous domain shows its candidates; picking one places the mail with that account only', async () => {
    const first = (await h.call('POST', '/api/accounts', { as: as('admin'), body: { name: 'Duo Oy', domains: ['duo.fi'] } })).body;
    // The API now refuses a second account for one domain (409 domain-taken); data from before that rule can still hold one.
    const second = await createStoredAccount(h.a.scope, { name: 'Duo Group', domains: ['duo.fi'], tier: 'C', lifecycle: 'prospect', ownerId: null, industry: null, size: null, region: null }, null, h.clock.now);
    const id = await synced('rep', 'kari@duo.fi', T0 + 6000);
    const group = (await queue('rep')).domains.find((g: { domain: string }) => g.domain === 'duo.fi');
    expect(group).toMatchObject({ match: 'ambiguous', suggestedAction: 'pick-account' });
    expect(group.candidates.map((c: { name: string }) => c.name).sort()).toEqual(['Duo Group', 'Duo Oy']);
    expect((await act('rep', { action: 'create-account', key: 'domain:duo.fi' })).status).toBe(409);
    expect((await act('rep', { action: 'pick-account', key: 'domain:duo.fi', accountId: 'not-a-candidate' })).status).toBe(400);
    expect((await act('rep', { action: 'pick-account', key: 'domain:duo.fi', accountId: second.id })).body).toMatchObject({ linked: 1, accountId: second.id });
    expect(await timeline(second.id)).toEqual([id]);
    expect(await timeline(first.id)).toEqual([]);
    expect((await h.call('GET', `/api/accounts/${second.id}`, { as: as('rep') })).body.lastContactAt).toBe(T0 + 6000);
  });

  it('ignoring hides a domain: for everyone by an admin only, for oneself through one’s own mailbox', async () => {
    await synced('rep', 'myynti@mainos.fi', T0 + 7000);
    await synced('rep', 'info@toimittaja.fi', T0 + 7100);
    expect((await act('rep', { action: 'ignore', key: 'domain:mainos.fi', scope: 'tenant' })).status).toBe(403);
    expect((await act('rep', { action: 'ignore', key: 'domain:mainos.fi', scope: 'me' })).status).toBe(409);
    // The admin sees the rep's group and ignores it for the tenant.
    expect((await act('admin', { action: 'ignore', key: 'domain:mainos.fi', scope: 'tenant' })).status).toBe(200);
    expect((await h.call('GET', '/api/settings', { as: as('admin') })).body.blockedDomains).toContain('mainos.fi');
    expect((await queue('rep')).domains.map((g: { domain: string }) => g.domain)).toEqual(['toimittaja.fi']);

    const mbx = await insertMailbox(h.a.scope, { id: 'mbx-review-rep', userId: h.a.users.rep.id, address: h.a.users.rep.email }, T0);
    const refs = (await queue('rep')).domains[0].latest.id;
    await upsertItemRefs(h.a.scope, mbx.id, 'mail:inbox', 1, [{ graphId: 'g-review', interactionId: refs, conversationId: null }]);
    expect((await act('rep', { action: 'ignore', key: 'domain:toimittaja.fi', scope: 'me' })).status).toBe(200);
    expect((await queue('rep')).total).toBe(0);
  });
});
