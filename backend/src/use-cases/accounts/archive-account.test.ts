// Archive and restore on both databases: an archived account, contact or opportunity leaves lists, Today's
// overdue cadences, matching and the pipeline, still opens by its id, is read-only until restored, and every
// step is in the audit trail. Who may archive follows who may edit.
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { T0 } from '../../../../test/support/fixtures.ts';
import { tenantPerSuite } from '../../../../test/support/tenant-database.ts';
import { auditTrail } from '../../store/audit.ts';
import { getAccount, searchAccounts } from '../../store/accounts.ts';
import { getContact, searchContacts } from '../../store/contacts.ts';
import { getOpportunity, listOpportunities, pipelineSummary } from '../../store/opportunities.ts';
import { getTenant } from '../../store/tenants.ts';
import { DAY_MS } from '../../domain/types.ts';
import { createAccount } from './create-account.ts';
import { updateAccount } from './update-account.ts';
import { archiveAccount } from './archive-account.ts';
import { restoreAccount } from './restore-account.ts';
import { createContact } from '../contacts/create-contact.ts';
import { updateContact } from '../contacts/update-contact.ts';
import { archiveContact } from '../contacts/archive-contact.ts';
import { restoreContact } from '../contacts/restore-contact.ts';
import { createOpportunity } from '../opportunities/create-opportunity.ts';
import { moveOpportunityStage } from '../opportunities/move-opportunity-stage.ts';
import { archiveOpportunity } from '../opportunities/archive-opportunity.ts';
import { restoreOpportunity } from '../opportunities/restore-opportunity.ts';
import { listNextActions } from '../analytics/list-next-actions.ts';
import { matchAddresses } from '../interactions/match-addresses.ts';

const base = { tier: 'A' as const, lifecycle: 'customer' as const, industry: null, size: null, region: null };

describe.each(testDatabases())('archive and restore on $name', (database) => {
  const a = tenantPerSuite(database, 'seller-a.fi');

  it('takes a mistaken account out of lists, Today, matching and the pipeline, opens it by id, and brings it all back', async () => {
    const { settings } = await getTenant(a.scope);
    const now = T0 + 400 * DAY_MS;
    const acc = await createAccount(a.scope, a.users.rep, { name: 'Testi Oy', domains: ['testi-oy.fi'], ...base }, T0);
    const deal = await createOpportunity(a.scope, a.users.rep, { accountId: acc.id, name: 'Pilot', value: 500_000, stage: 'identified', currency: 'EUR', lines: [], expectedCloseDate: null }, T0);
    const today = () => listNextActions({ scope: a.scope, settings, userId: a.users.rep.id, idleDays: 30, timeZone: 'Europe/Helsinki', limit: 50, now });
    const listed = async () => (await searchAccounts(a.scope, { q: 'testi', limit: 10, offset: 0 }, settings, now)).items.map((x) => x.id);
    const matched = async () => (await matchAddresses(a.scope, settings, [{ address: 'someone@testi-oy.fi', displayName: null }]))[0]!;
    const openPipeline = async () => (await pipelineSummary(a.scope, { ownerId: a.users.rep.id })).find((s) => s.stage === 'identified')!.valueCents;
    expect(await listed()).toEqual([acc.id]);
    expect((await today()).some((x) => x.accountId === acc.id && x.type === 'overdue-cadence')).toBe(true);
    expect(await openPipeline()).toBe(500_000);
    expect(await matched()).toMatchObject({ accountIds: [acc.id] });

    const archived = await archiveAccount(a.scope, a.users.rep, acc.id, now);
    expect(archived.archivedAt).toBe(now);
    expect(await listed()).toEqual([]);
    expect((await today()).some((x) => x.accountId === acc.id)).toBe(false);
    expect(await openPipeline()).toBe(0);
    expect((await listOpportunities(a.scope, { ownerId: a.users.rep.id })).map((o) => o.id)).not.toContain(deal.id);
    expect((await matched()).accountIds).toEqual([]);
    // The deep link still opens it, with its deals, and nobody edits it until it is restored.
    expect((await getAccount(a.scope, acc.id))?.archivedAt).toBe(now);
    expect((await listOpportunities(a.scope, { accountId: acc.id })).map((o) => o.id)).toEqual([deal.id]);
    await expect(updateAccount(a.scope, a.users.rep, acc.id, { name: 'Testi 2' }, now)).rejects.toMatchObject({ kind: 'conflict', detail: expect.stringMatching(/archived/) });
    // Archiving twice is one archive.
    expect((await archiveAccount(a.scope, a.users.rep, acc.id, now + 1)).archivedAt).toBe(now);

    const back = await restoreAccount(a.scope, a.users.rep, acc.id, now + 2);
    expect(back.archivedAt).toBeNull();
    expect(await listed()).toEqual([acc.id]);
    expect(await openPipeline()).toBe(500_000);
    expect((await matched()).accountIds).toEqual([acc.id]);
    expect((await auditTrail(a.scope, 'account', acc.id)).map((x) => [x.action, x.actorId])).toEqual([
      ['account.create', a.users.rep.id], ['account.archive', a.users.rep.id], ['account.restore', a.users.rep.id],
    ]);
  });

  it('lets only who may edit archive: a colleague gets the rule’s reason, a manager may', async () => {
    const acc = await createAccount(a.scope, a.users.rep, { name: 'Rajattu Oy', domains: [], ...base }, T0);
    await expect(archiveAccount(a.scope, a.users.rep2, acc.id, T0 + 1)).rejects.toMatchObject({ kind: 'forbidden', detail: expect.stringMatching(/owner/) });
    expect((await archiveAccount(a.scope, a.users.manager, acc.id, T0 + 2)).archivedAt).toBe(T0 + 2);
    await expect(restoreAccount(a.scope, a.users.rep2, acc.id, T0 + 3)).rejects.toMatchObject({ kind: 'forbidden' });
    expect((await restoreAccount(a.scope, a.users.rep, acc.id, T0 + 3)).archivedAt).toBeNull();
    await expect(archiveAccount(a.scope, a.users.rep, 'no-such-account', T0)).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('archives a contact: off the account’s list and matching, opens by id, read-only, restored with the trail', async () => {
    const { settings } = await getTenant(a.scope);
    const acc = await createAccount(a.scope, a.users.rep, { name: 'Kontakti Oy', domains: ['kontakti.fi'], ...base }, T0);
    const c = await createContact(a.scope, a.users.rep, { name: 'Leena', emails: ['leena@kontakti.fi'], phones: [], title: null, accountId: acc.id }, T0);
    const listed = async () => (await searchContacts(a.scope, { accountId: acc.id, limit: 10, offset: 0 })).items.map((x) => x.id);
    expect(await listed()).toEqual([c.id]);
    await expect(archiveContact(a.scope, a.users.rep2, c.id, T0 + 1)).rejects.toMatchObject({ kind: 'forbidden' });
    await archiveContact(a.scope, a.users.rep, c.id, T0 + 1);
    expect(await listed()).toEqual([]);
    expect((await getContact(a.scope, c.id))?.archivedAt).toBe(T0 + 1);
    const m = (await matchAddresses(a.scope, settings, [{ address: 'leena@kontakti.fi', displayName: null }]))[0]!;
    expect(m).toMatchObject({ contactId: null, accountIds: [acc.id] });
    await expect(updateContact(a.scope, a.users.rep, c.id, { title: 'CFO' }, T0 + 2)).rejects.toMatchObject({ kind: 'conflict' });
    await restoreContact(a.scope, a.users.rep, c.id, T0 + 3);
    expect(await listed()).toEqual([c.id]);
    expect((await auditTrail(a.scope, 'contact', c.id)).map((x) => x.action)).toEqual(['contact.create', 'contact.archive', 'contact.restore']);
  });

  it('archives an opportunity: off the board and the pipeline, no stage moves, restored as it was', async () => {
    const acc = await createAccount(a.scope, a.users.rep, { name: 'Kauppa Oy', domains: [], ...base }, T0);
    const deal = await createOpportunity(a.scope, a.users.rep, { accountId: acc.id, name: 'Virhe', value: 100_00, stage: 'offer', currency: 'EUR', lines: [], expectedCloseDate: null }, T0);
    await expect(archiveOpportunity(a.scope, a.users.rep2, deal.id, T0 + 1)).rejects.toMatchObject({ kind: 'forbidden' });
    await archiveOpportunity(a.scope, a.users.rep, deal.id, T0 + 1);
    expect((await listOpportunities(a.scope, { accountId: acc.id })).map((o) => o.id)).toEqual([]);
    expect((await listOpportunities(a.scope, { accountId: acc.id, includeArchived: true })).map((o) => o.id)).toEqual([deal.id]);
    expect((await getOpportunity(a.scope, deal.id))?.archivedAt).toBe(T0 + 1);
    await expect(moveOpportunityStage(a.scope, a.users.rep, deal.id, 'won', T0 + 2)).rejects.toMatchObject({ kind: 'conflict' });
    const back = await restoreOpportunity(a.scope, a.users.rep, deal.id, T0 + 3);
    expect(back).toMatchObject({ archivedAt: null, stage: 'offer', value: 100_00 });
    expect((await auditTrail(a.scope, 'opportunity', deal.id)).map((x) => x.action)).toEqual(['opportunity.create', 'opportunity.archive', 'opportunity.restore']);
  });
});
