// The buying committee on both databases: add, change and remove a contact's role (audited), only the deal's
// account's own and unarchived contacts, who may change it (as who may edit the deal), an archived deal read-only,
// archiving a contact keeping their role, merging contacts moving roles to the survivor without doubles, and
// erasure taking the person's roles with them.
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { makeTenant, T0, type FixtureTenant } from '../../../../test/support/fixtures.ts';
import { tenantPerSuite } from '../../../../test/support/tenant-database.ts';
import { auditTrail } from '../../store/audit.ts';
import { listCommittee, openDealRolesOfAccount } from '../../store/opportunity-contacts.ts';
import { createAccount } from '../accounts/create-account.ts';
import { createContact } from '../contacts/create-contact.ts';
import { archiveContact } from '../contacts/archive-contact.ts';
import { mergeContacts } from '../contacts/merge-contacts.ts';
import { eraseContact } from '../privacy/erase-contact.ts';
import { createOpportunity } from './create-opportunity.ts';
import { archiveOpportunity } from './archive-opportunity.ts';
import { moveOpportunityStage } from './move-opportunity-stage.ts';
import { removeContactRole, setContactRole } from './set-contact-role.ts';

const base = { tier: 'A' as const, lifecycle: 'customer' as const, industry: null, size: null, region: null };
const deal = { value: 100_000, stage: 'offer' as const, currency: 'EUR', lines: [], expectedCloseDate: null };

describe.each(testDatabases())('buying committee on $name', (database) => {
  const a = tenantPerSuite(database, 'seller-a.fi');
  let b: FixtureTenant;
  beforeAll(async () => {
    b = await makeTenant(a.handle, 'seller-b.fi');
  });

  async function setup(tag: string) {
    const acc = await createAccount(a.scope, a.users.rep, { name: `Pilvi ${tag} Oy`, domains: [`pilvi-${tag}.fi`], ...base }, T0);
    const other = await createAccount(a.scope, a.users.rep, { name: `Muu ${tag} Oy`, domains: [`muu-${tag}.fi`], ...base }, T0);
    const person = (name: string, accountId: string) =>
      createContact(a.scope, a.users.rep, { name, emails: [`${name.toLowerCase().replace(/\W/g, '.')}@${tag}.example.fi`], phones: [], title: null, accountId }, T0);
    const opp = await createOpportunity(a.scope, a.users.rep, { accountId: acc.id, name: 'Cloud migration', ...deal }, T0);
    return { acc, other, opp, person };
  }

  it('adds, changes and removes roles, audited, and shows them per contact in open deals only', async () => {
    const { acc, opp, person } = await setup('crud');
    const hanna = await person('Hanna Päättäjä', acc.id);
    const ilkka = await person('Ilkka Käyttäjä', acc.id);
    let committee = await setContactRole(a.scope, a.users.rep, opp.id, hanna.id, 'decision_maker', T0 + 1);
    expect(committee.map((m) => [m.contactName, m.role])).toEqual([['Hanna Päättäjä', 'decision_maker']]);
    committee = await setContactRole(a.scope, a.users.rep, opp.id, ilkka.id, 'user', T0 + 2);
    committee = await setContactRole(a.scope, a.users.rep, opp.id, hanna.id, 'economic_buyer', T0 + 3);
    expect(committee.map((m) => [m.contactName, m.role])).toEqual([['Hanna Päättäjä', 'economic_buyer'], ['Ilkka Käyttäjä', 'user']]);
    // The same role again is no change and no audit entry.
    await setContactRole(a.scope, a.users.rep, opp.id, hanna.id, 'economic_buyer', T0 + 4);
    expect(await openDealRolesOfAccount(a.scope, acc.id)).toEqual([
      { contactId: hanna.id, opportunityId: opp.id, opportunityName: 'Cloud migration', stage: 'offer', role: 'economic_buyer' },
      { contactId: ilkka.id, opportunityId: opp.id, opportunityName: 'Cloud migration', stage: 'offer', role: 'user' },
    ]);
    committee = await removeContactRole(a.scope, a.users.rep, opp.id, ilkka.id, T0 + 5);
    expect(committee.map((m) => m.contactId)).toEqual([hanna.id]);
    // Removing again changes nothing.
    expect((await removeContactRole(a.scope, a.users.rep, opp.id, ilkka.id, T0 + 6)).length).toBe(1);
    const trail = await auditTrail(a.scope, 'opportunity', opp.id);
    expect(trail.map((e) => e.action).filter((x) => x.startsWith('opportunity.contact-role'))).toEqual([
      'opportunity.contact-role', 'opportunity.contact-role', 'opportunity.contact-role', 'opportunity.contact-role-remove',
    ]);
    expect(JSON.parse(trail.find((e) => e.at === T0 + 3)!.detail!)).toEqual({ contactId: hanna.id, role: 'economic_buyer', previous: 'decision_maker' });
    // A won deal is no longer open: its roles leave the contacts panel but stay on the deal.
    await moveOpportunityStage(a.scope, a.users.rep, opp.id, 'won', T0 + 7);
    expect(await openDealRolesOfAccount(a.scope, acc.id)).toEqual([]);
    expect((await listCommittee(a.scope, opp.id)).length).toBe(1);
  });

  it('refuses a contact of another account, an archived or unknown contact, and other tenants', async () => {
    const { acc, other, opp, person } = await setup('refuse');
    const stranger = await person('Outi Ulkopuolinen', other.id);
    await expect(setContactRole(a.scope, a.users.rep, opp.id, stranger.id, 'influencer', T0)).rejects.toMatchObject({
      kind: 'unprocessable', errors: [{ field: 'contactId', message: 'not a contact of the opportunity’s account' }],
    });
    const gone = await person('Arto Arkistoitu', acc.id);
    await archiveContact(a.scope, a.users.rep, gone.id, T0 + 1);
    await expect(setContactRole(a.scope, a.users.rep, opp.id, gone.id, 'influencer', T0 + 2)).rejects.toMatchObject({ kind: 'unprocessable', detail: expect.stringMatching(/archived/) });
    await expect(setContactRole(a.scope, a.users.rep, opp.id, 'no-such-contact', 'user', T0)).rejects.toMatchObject({ kind: 'invalid', errors: [{ field: 'contactId' }] });
    // Tenant B sees neither the deal nor the contact.
    await expect(setContactRole(b.scope, b.users.manager, opp.id, gone.id, 'user', T0)).rejects.toMatchObject({ kind: 'not-found' });
    expect(await listCommittee(a.scope, opp.id)).toEqual([]);
  });

  it('lets whoever may edit the deal change its committee, and keeps an archived deal read-only', async () => {
    const { acc, opp, person } = await setup('perm');
    const c = await person('Paula Puoltaja', acc.id);
    await expect(setContactRole(a.scope, a.users.rep2, opp.id, c.id, 'champion', T0)).rejects.toMatchObject({ kind: 'forbidden', detail: expect.stringMatching(/owner/) });
    await expect(removeContactRole(a.scope, a.users.rep2, opp.id, c.id, T0)).rejects.toMatchObject({ kind: 'forbidden' });
    expect((await setContactRole(a.scope, a.users.manager, opp.id, c.id, 'champion', T0 + 1)).map((m) => m.role)).toEqual(['champion']);
    await archiveOpportunity(a.scope, a.users.rep, opp.id, T0 + 2);
    await expect(setContactRole(a.scope, a.users.rep, opp.id, c.id, 'user', T0 + 3)).rejects.toMatchObject({ kind: 'conflict', detail: expect.stringMatching(/archived/) });
  });

  it('keeps an archived contact’s role, dimmed, and an erased person’s roles go with them', async () => {
    const { acc, opp, person } = await setup('archive');
    const c = await person('Kalle Kokenut', acc.id);
    await setContactRole(a.scope, a.users.rep, opp.id, c.id, 'influencer', T0);
    await archiveContact(a.scope, a.users.rep, c.id, T0 + 10);
    expect(await listCommittee(a.scope, opp.id)).toMatchObject([{ contactId: c.id, role: 'influencer', contactArchivedAt: T0 + 10 }]);
    await eraseContact(a.scope, a.users.admin, c.id, T0 + 20);
    expect(await listCommittee(a.scope, opp.id)).toEqual([]);
    expect(await openDealRolesOfAccount(a.scope, acc.id)).toEqual([]);
  });

  it('moves roles to the survivor of a merge, the survivor’s own role winning, and counts them in the preview', async () => {
    const { acc, opp, person } = await setup('merge');
    const second = await createOpportunity(a.scope, a.users.rep, { accountId: acc.id, name: 'Backup service', ...deal }, T0);
    const keep = await person('Maija Meikäläinen', acc.id);
    const dupe = await createContact(a.scope, a.users.rep, { name: 'Maija Meikalainen', emails: ['maija.m@merge.example.fi'], phones: [], title: null, accountId: acc.id, allowDuplicate: true }, T0);
    await setContactRole(a.scope, a.users.rep, opp.id, keep.id, 'decision_maker', T0 + 1);
    await setContactRole(a.scope, a.users.rep, opp.id, dupe.id, 'influencer', T0 + 2);
    await setContactRole(a.scope, a.users.rep, second.id, dupe.id, 'champion', T0 + 3);
    const preview = await mergeContacts(a.scope, a.users.manager, keep.id, { mergeIds: [dupe.id], preview: true }, T0 + 4);
    expect(preview.moves).toMatchObject({ roles: 1, rolesDropped: 1 });
    expect((await listCommittee(a.scope, second.id)).map((m) => m.contactId)).toEqual([dupe.id]);
    await mergeContacts(a.scope, a.users.manager, keep.id, { mergeIds: [dupe.id], preview: false }, T0 + 5);
    expect((await listCommittee(a.scope, opp.id)).map((m) => [m.contactId, m.role])).toEqual([[keep.id, 'decision_maker']]);
    expect((await listCommittee(a.scope, second.id)).map((m) => [m.contactId, m.role])).toEqual([[keep.id, 'champion']]);
    const audit = (await auditTrail(a.scope, 'contact', keep.id)).find((e) => e.action === 'contact.merge')!;
    expect(JSON.parse(audit.detail!)).toMatchObject({ from: dupe.id });
  });
});
