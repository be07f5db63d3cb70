// "Not a duplicate" and "Show archived" on both databases: a dismissed pair leaves the suggestions (the list and
// an account's banner), undo brings it back, who may merge may dismiss; and archived records come back into
// account, contact and opportunity lists only when asked for (include, only).
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { T0 } from '../../../../test/support/fixtures.ts';
import { tenantPerSuite } from '../../../../test/support/tenant-database.ts';
import { auditTrail } from '../../store/audit.ts';
import { searchAccounts } from '../../store/accounts.ts';
import { searchContacts } from '../../store/contacts.ts';
import { listOpportunities } from '../../store/opportunities.ts';
import { getTenant } from '../../store/tenants.ts';
import { createAccount } from '../accounts/create-account.ts';
import { archiveAccount } from '../accounts/archive-account.ts';
import { listDuplicateSuggestions } from '../accounts/find-duplicates.ts';
import { createContact } from '../contacts/create-contact.ts';
import { archiveContact } from '../contacts/archive-contact.ts';
import { createOpportunity } from '../opportunities/create-opportunity.ts';
import { archiveOpportunity } from '../opportunities/archive-opportunity.ts';
import { dismissDuplicate, undoDuplicateDismissal } from './dismiss-duplicate.ts';

const base = { tier: 'B' as const, lifecycle: 'prospect' as const, industry: null, size: null, region: null };

describe.each(testDatabases())('duplicate dismissals and archived lists on $name', (database) => {
  const a = tenantPerSuite(database, 'seller-a.fi');

  it('hides a dismissed pair from the list and the banner, for everyone, and undo brings it back', async () => {
    const one = await createAccount(a.scope, a.users.rep, { name: 'Aalto Kone Oy', domains: ['aaltokone.fi'], ...base }, T0);
    const two = await createAccount(a.scope, a.users.rep2, { name: 'Aalto Kone Ab', domains: ['aalto-kone.se'], ...base, allowDuplicate: true }, T0 + 1);
    const pairs = async (recordId?: string) => (await listDuplicateSuggestions(a.scope, { kind: 'account', limit: 100, ...(recordId ? { recordId } : {}) })).accounts.map((s) => s.records.map((r) => r.id));
    expect(await pairs()).toEqual([[one.id, two.id]]);
    // A rep owning only one of the two may not decide for the other's owner; a manager may (as for a merge).
    await expect(dismissDuplicate(a.scope, a.users.rep, { kind: 'account', ids: [one.id, two.id] }, T0 + 2)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(dismissDuplicate(a.scope, a.users.manager, { kind: 'account', ids: [one.id, one.id] }, T0 + 2)).rejects.toMatchObject({ kind: 'invalid' });
    await expect(dismissDuplicate(a.scope, a.users.manager, { kind: 'contact', ids: [one.id, two.id] }, T0 + 2)).rejects.toMatchObject({ kind: 'not-found' });
    const { dismissal, created } = await dismissDuplicate(a.scope, a.users.manager, { kind: 'account', ids: [two.id, one.id] }, T0 + 3);
    expect(created).toBe(true);
    expect(dismissal).toMatchObject({ kind: 'account', ids: [one.id, two.id].sort(), dismissedBy: a.users.manager.id, dismissedAt: T0 + 3 });
    expect(await pairs()).toEqual([]);
    expect(await pairs(two.id)).toEqual([]);
    // Naming the pair again, either way round, is the same dismissal.
    expect(await dismissDuplicate(a.scope, a.users.admin, { kind: 'account', ids: [one.id, two.id] }, T0 + 4)).toEqual({ dismissal, created: false });
    await expect(undoDuplicateDismissal(a.scope, a.users.rep, dismissal.id, T0 + 5)).rejects.toMatchObject({ kind: 'forbidden' });
    await undoDuplicateDismissal(a.scope, a.users.manager, dismissal.id, T0 + 5);
    expect(await pairs(one.id)).toEqual([[one.id, two.id]]);
    await expect(undoDuplicateDismissal(a.scope, a.users.manager, dismissal.id, T0 + 6)).rejects.toMatchObject({ kind: 'not-found' });
    const trail = await auditTrail(a.scope, 'account', dismissal.ids[0]);
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['account.not-duplicate', 'account.not-duplicate-undo']));
  });

  it('dismisses a contact pair, and the owner of both may do it', async () => {
    const acc = await createAccount(a.scope, a.users.rep, { name: 'Isä ja Poika Oy', domains: ['isajapoika.fi'], ...base }, T0);
    const father = await createContact(a.scope, a.users.rep, { name: 'Matti Virtanen', emails: ['matti@isajapoika.fi'], phones: [], title: 'CEO', accountId: acc.id }, T0);
    const son = await createContact(a.scope, a.users.rep, { name: 'Matti Virtanen', emails: ['matti.jr@isajapoika.fi'], phones: [], title: 'CTO', accountId: acc.id, allowDuplicate: true }, T0 + 1);
    const pairs = async () => (await listDuplicateSuggestions(a.scope, { kind: 'contact', recordId: father.id, limit: 100 })).contacts.length;
    expect(await pairs()).toBe(1);
    await dismissDuplicate(a.scope, a.users.rep, { kind: 'contact', ids: [father.id, son.id] }, T0 + 2);
    expect(await pairs()).toBe(0);
  });

  it('lists archived accounts, contacts and opportunities only when asked: include or only', async () => {
    const { settings } = await getTenant(a.scope);
    const live = await createAccount(a.scope, a.users.rep, { name: 'Elävä Oy', domains: ['elava.fi'], ...base }, T0);
    const gone = await createAccount(a.scope, a.users.rep, { name: 'Eläkkeellä Oy', domains: ['elakkeella.fi'], ...base }, T0);
    await archiveAccount(a.scope, a.users.rep, gone.id, T0 + 1);
    const accounts = async (archived?: 'include' | 'only') => (await searchAccounts(a.scope, { q: 'elä', limit: 10, offset: 0, ...(archived ? { archived } : {}) }, settings, T0 + 2)).items.map((x) => x.name);
    expect(await accounts()).toEqual(['Elävä Oy']);
    expect(await accounts('include')).toEqual(['Eläkkeellä Oy', 'Elävä Oy']);
    expect(await accounts('only')).toEqual(['Eläkkeellä Oy']);

    const c1 = await createContact(a.scope, a.users.rep, { name: 'Aktiivinen', emails: ['a@elava.fi'], phones: [], title: null, accountId: live.id }, T0);
    const c2 = await createContact(a.scope, a.users.rep, { name: 'Lähtenyt', emails: ['l@elava.fi'], phones: [], title: null, accountId: live.id }, T0);
    await archiveContact(a.scope, a.users.rep, c2.id, T0 + 1);
    const contacts = async (archived?: 'include' | 'only') => (await searchContacts(a.scope, { accountId: live.id, limit: 10, offset: 0, ...(archived ? { archived } : {}) })).items.map((x) => x.id);
    expect(await contacts()).toEqual([c1.id]);
    expect(await contacts('include')).toEqual([c1.id, c2.id]);
    expect(await contacts('only')).toEqual([c2.id]);

    const mk = (name: string) => createOpportunity(a.scope, a.users.rep, { accountId: live.id, name, value: 1000, stage: 'identified', currency: 'EUR', lines: [], expectedCloseDate: null }, T0);
    const o1 = await mk('Auki');
    const o2 = await mk('Arkistossa');
    await archiveOpportunity(a.scope, a.users.rep, o2.id, T0 + 1);
    const deals = async (archived?: 'include' | 'only') => (await listOpportunities(a.scope, { accountId: live.id, ...(archived ? { archived } : {}) })).map((x) => x.id).sort();
    expect(await deals()).toEqual([o1.id]);
    expect(await deals('include')).toEqual([o1.id, o2.id].sort());
    expect(await deals('only')).toEqual([o2.id]);
  });
});
