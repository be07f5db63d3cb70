// The buying committee when people and deals change account, on both databases: a contact who moves to another
// account leaves the old account's open deals (audited, counted) and stays on its won and lost ones; a reopened deal
// sheds members who left; merging contacts or accounts keeps roles without doubles; an import that moves a contact
// ends the same roles an edit does.
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { T0 } from '../../../../test/support/fixtures.ts';
import { tenantPerSuite } from '../../../../test/support/tenant-database.ts';
import { auditTrail } from '../../store/audit.ts';
import { listCommittee, openDealRolesOfAccount } from '../../store/opportunity-contacts.ts';
import { auditDetailView } from '../../domain/audit-detail.ts';
import { createAccount } from '../accounts/create-account.ts';
import { mergeAccounts } from '../accounts/merge-accounts.ts';
import { createContact } from '../contacts/create-contact.ts';
import { updateContact } from '../contacts/update-contact.ts';
import { mergeContacts } from '../contacts/merge-contacts.ts';
import { uploadImport } from '../imports/upload-import.ts';
import { dryRunImport } from '../imports/plan-import.ts';
import { startImportRun } from '../imports/run-import.ts';
import { createOpportunity } from './create-opportunity.ts';
import { moveOpportunityStage } from './move-opportunity-stage.ts';
import { setContactRole } from './set-contact-role.ts';

const base = { tier: 'A' as const, lifecycle: 'customer' as const, industry: null, size: null, region: null, allowDuplicate: true };
const deal = { value: 100_000, stage: 'offer' as const, currency: 'EUR', lines: [], expectedCloseDate: null };

describe.each(testDatabases())('buying committee across account changes on $name', (database) => {
  const a = tenantPerSuite(database, 'seller-a.fi');

  async function setup(tag: string) {
    const old = await createAccount(a.scope, a.users.rep, { name: `Vanha ${tag} Oy`, domains: [`vanha-${tag}.fi`], ...base }, T0);
    const next = await createAccount(a.scope, a.users.rep, { name: `Uusi ${tag} Oy`, domains: [`uusi-${tag}.fi`], ...base }, T0);
    const person = (name: string, accountId: string, domain = `vanha-${tag}.fi`) =>
      createContact(a.scope, a.users.rep, { name, emails: [`${name.toLowerCase().split(' ')[0]}@${domain}`], phones: [], title: null, accountId }, T0);
    const open = await createOpportunity(a.scope, a.users.rep, { accountId: old.id, name: 'Pilvisiirto', ...deal }, T0);
    const won = await createOpportunity(a.scope, a.users.rep, { accountId: old.id, name: 'Tukisopimus', ...deal }, T0);
    return { old, next, open, won, person };
  }
  const roleRemovals = async (opportunityId: string) =>
    (await auditTrail(a.scope, 'opportunity', opportunityId)).filter((e) => e.action === 'opportunity.contact-role-remove').map((e) => JSON.parse(e.detail!));

  it('ends a moved contact’s roles on the old account’s open deals, audited with a count, and keeps the won deal’s as history', async () => {
    const { old, next, open, won, person } = await setup('move');
    const hanna = await person('Hanna Päättäjä', old.id);
    const ilkka = await person('Ilkka Jää', old.id);
    await setContactRole(a.scope, a.users.rep, open.id, hanna.id, 'decision_maker', T0 + 1);
    await setContactRole(a.scope, a.users.rep, open.id, ilkka.id, 'user', T0 + 1);
    await setContactRole(a.scope, a.users.rep, won.id, hanna.id, 'economic_buyer', T0 + 2);
    await moveOpportunityStage(a.scope, a.users.rep, won.id, 'won', T0 + 3);
    // An edit that keeps the account touches no role.
    await updateContact(a.scope, a.users.rep, hanna.id, { title: 'CFO', accountId: old.id }, T0 + 4);
    expect((await listCommittee(a.scope, open.id)).map((m) => m.contactId).sort()).toEqual([hanna.id, ilkka.id].sort());

    await updateContact(a.scope, a.users.rep, hanna.id, { accountId: next.id }, T0 + 5);
    expect((await listCommittee(a.scope, open.id)).map((m) => m.contactId)).toEqual([ilkka.id]);
    expect((await listCommittee(a.scope, won.id)).map((m) => [m.contactId, m.role])).toEqual([[hanna.id, 'economic_buyer']]);
    expect(await openDealRolesOfAccount(a.scope, old.id)).toMatchObject([{ contactId: ilkka.id }]);
    expect(await roleRemovals(open.id)).toEqual([{ contactId: hanna.id, previous: 'decision_maker', reason: 'contact-moved' }]);
    expect(await roleRemovals(won.id)).toEqual([]);
    const ended = (await auditTrail(a.scope, 'contact', hanna.id)).filter((e) => e.action === 'contact.roles-ended');
    expect(ended.map((e) => auditDetailView(e.action, JSON.parse(e.detail!)).values)).toEqual([{ from: old.id, to: next.id, roles: 1 }]);

    // Back on the old account's deal only as its contact again; meanwhile the deal refuses them, saying why.
    await expect(setContactRole(a.scope, a.users.rep, open.id, hanna.id, 'decision_maker', T0 + 6)).rejects.toMatchObject({
      kind: 'unprocessable', detail: expect.stringMatching(/not a contact of this deal’s account/), errors: [{ field: 'contactId' }],
    });
    // Leaving every account ends open roles the same way.
    await updateContact(a.scope, a.users.rep, ilkka.id, { accountId: null }, T0 + 7);
    expect(await listCommittee(a.scope, open.id)).toEqual([]);
  });

  it('takes a member who has left off a deal when it is reopened', async () => {
    const { old, next, won, person } = await setup('reopen');
    const c = await person('Kaisa Kävijä', old.id);
    await setContactRole(a.scope, a.users.rep, won.id, c.id, 'champion', T0 + 1);
    await moveOpportunityStage(a.scope, a.users.rep, won.id, 'lost', T0 + 2);
    await updateContact(a.scope, a.users.rep, c.id, { accountId: next.id }, T0 + 3);
    expect((await listCommittee(a.scope, won.id)).length).toBe(1);
    await moveOpportunityStage(a.scope, a.users.rep, won.id, 'negotiation', T0 + 4);
    expect(await listCommittee(a.scope, won.id)).toEqual([]);
    expect(await roleRemovals(won.id)).toEqual([{ contactId: c.id, previous: 'champion', reason: 'deal-reopened' }]);
  });

  it('merges contacts: the survivor takes the merged one’s roles, one row per deal, closed deals’ roles kept as history', async () => {
    const { old, next, open, won, person } = await setup('cmerge');
    const other = await createOpportunity(a.scope, a.users.rep, { accountId: next.id, name: 'Uusi hanke', ...deal }, T0);
    const keep = await person('Maija Uusi', next.id, 'uusi-cmerge.fi');
    const dupe = await person('Maija Vanha', old.id);
    await setContactRole(a.scope, a.users.rep, other.id, keep.id, 'influencer', T0 + 1);
    await setContactRole(a.scope, a.users.rep, open.id, dupe.id, 'decision_maker', T0 + 1);
    await setContactRole(a.scope, a.users.rep, won.id, dupe.id, 'economic_buyer', T0 + 1);
    await moveOpportunityStage(a.scope, a.users.rep, won.id, 'won', T0 + 2);
    const preview = await mergeContacts(a.scope, a.users.manager, keep.id, { mergeIds: [dupe.id], preview: true }, T0 + 3);
    expect(preview.moves).toMatchObject({ roles: 1, rolesDropped: 1 });
    await mergeContacts(a.scope, a.users.manager, keep.id, { mergeIds: [dupe.id], preview: false }, T0 + 4);
    // The kept contact is at the new account: the old account's open deal loses the role, its won deal keeps it.
    expect(await listCommittee(a.scope, open.id)).toEqual([]);
    expect((await listCommittee(a.scope, won.id)).map((m) => [m.contactId, m.role])).toEqual([[keep.id, 'economic_buyer']]);
    expect((await listCommittee(a.scope, other.id)).map((m) => [m.contactId, m.role])).toEqual([[keep.id, 'influencer']]);
  });

  it('merges accounts: every role moves with its contacts and deals, and the merged account’s people may join the kept account’s deals', async () => {
    const { old, next, open, person } = await setup('amerge');
    const theirs = await createOpportunity(a.scope, a.users.rep, { accountId: next.id, name: 'Toinen hanke', ...deal }, T0);
    const ours = await person('Olli Oma', old.id);
    const them = await person('Tiina Toinen', next.id, 'uusi-amerge.fi');
    await setContactRole(a.scope, a.users.rep, open.id, ours.id, 'decision_maker', T0 + 1);
    await setContactRole(a.scope, a.users.rep, theirs.id, them.id, 'champion', T0 + 1);
    await mergeAccounts(a.scope, a.users.manager, old.id, { mergeIds: [next.id], preview: false }, T0 + 2);
    expect((await openDealRolesOfAccount(a.scope, old.id)).map((r) => [r.opportunityName, r.contactId, r.role])).toEqual([
      ['Pilvisiirto', ours.id, 'decision_maker'], ['Toinen hanke', them.id, 'champion'],
    ]);
    expect((await setContactRole(a.scope, a.users.rep, open.id, them.id, 'user', T0 + 3)).map((m) => m.contactId).sort()).toEqual([ours.id, them.id].sort());
  });

  it('ends the same roles when an import moves a contact to another account', async () => {
    const { old, next, open, person } = await setup('import');
    const c = await person('Pekka Siirtyjä', old.id);
    await setContactRole(a.scope, a.users.rep, open.id, c.id, 'influencer', T0 + 1);
    const csv = 'First Name,Last Name,Email,Company Domain Name\nPekka,Siirtyjä,pekka@vanha-import.fi,uusi-import.fi\n';
    const up = await uploadImport(a.scope, a.users.manager, { name: 'moves.csv', bytes: new TextEncoder().encode(csv) }, T0 + 2);
    await dryRunImport(a.scope, a.users.manager, up.import.id, up.suggested, T0 + 3);
    await (await startImportRun(a.scope, a.users.manager, up.import.id, () => T0 + 4)).job;
    expect(await listCommittee(a.scope, open.id)).toEqual([]);
    expect(await roleRemovals(open.id)).toEqual([{ contactId: c.id, previous: 'influencer', reason: 'contact-moved' }]);
    expect(next.id).not.toBe(old.id);
  });
});
