import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { makeTenant, T0, type FixtureTenant } from '../../../../test/support/fixtures.ts';
import { tenantPerSuite } from '../../../../test/support/tenant-database.ts';
import { auditTrail, writeAudit } from '../../store/audit.ts';
import { createAccount, updateAccount } from '../../store/accounts.ts';
import { getTenant } from '../../store/tenants.ts';
import { updateTenantSettings } from '../tenant/update-tenant-settings.ts';
import { listAuditEntries } from './list-audit-entries.ts';

const MIN = 60_000;

describe.each(testDatabases())('audit trail use case on $name', (database) => {
  const a = tenantPerSuite(database, 'seller-a.fi');
  let b: FixtureTenant;
  let accountId: string;
  beforeAll(async () => {
    b = await makeTenant(a.handle, 'seller-b.fi');
    const rep = a.users.rep;
    accountId = (await createAccount(a.scope, { name: 'Kallio Rakennus Oy', domains: ['kallio-rakennus.fi'], tier: 'B', lifecycle: 'prospect', ownerId: rep.id, industry: null, size: null, region: null }, rep.id, T0)).id;
    await updateAccount(a.scope, accountId, { name: 'Kallio Rakennus Oyj', tier: 'B' }, rep.id, T0 + MIN);
    const { settings } = await getTenant(a.scope);
    await updateTenantSettings(a.scope, a.users.admin, { ...settings, blockedAddresses: ['laakari@klinikka.fi'] }, T0 + 2 * MIN);
    // An entry from before writers kept to field names: the note's text must not come back out.
    await writeAudit(a.scope, { actorId: a.users.manager.id, action: 'interaction.update', entityType: 'interaction', entityId: 'i1', at: T0 + 3 * MIN, detail: { note: 'Pekka pyysi tarjousta', visibility: 'metadata' } });
    await writeAudit(b.scope, { actorId: b.users.admin.id, action: 'account.create', entityType: 'account', entityId: 'b1', at: T0 + 4 * MIN });
  });

  const admin = () => a.users.admin;

  it('lists the tenant’s entries newest first, with people and records named and no values', async () => {
    const page = await listAuditEntries(a.scope, admin(), { limit: 50 });
    expect(page.items.map((e) => e.action)).toEqual(['interaction.update', 'settings.update', 'account.update', 'account.create']);
    expect(page.next).toBeNull();
    const [note, settings, update, create] = page.items;
    expect(note).toMatchObject({ actor: { displayName: 'Matti Manager' }, entity: { type: 'interaction', id: 'i1', label: null }, detail: { fields: ['note'], values: { visibility: 'metadata' } } });
    expect(settings!.detail).toEqual({ fields: ['blockedAddresses'], values: {} });
    expect(update).toMatchObject({ actor: { displayName: 'Riikka Rep' }, entity: { type: 'account', id: accountId, label: 'Kallio Rakennus Oyj' }, detail: { fields: ['name'], values: {} } });
    expect(create!.at).toBe(T0);
    const text = JSON.stringify(page.items.map((e) => e.detail));
    expect(text).not.toMatch(/@|Pekka|Oyj/);
  });

  it('has the writers store field names, not the values (they stored new names and blocked addresses)', async () => {
    expect((await auditTrail(a.scope, 'tenant', a.tenantId)).map((e) => e.detail)).toEqual([JSON.stringify({ fields: ['blockedAddresses'] })]);
    expect((await auditTrail(a.scope, 'account', accountId)).map((e) => e.detail)).toEqual([null, JSON.stringify({ fields: ['name'] })]);
  });

  it('filters by who, action prefix, record and period, and pages by cursor', async () => {
    const ids = async (q: Parameters<typeof listAuditEntries>[2]) => (await listAuditEntries(a.scope, admin(), q)).items.map((e) => e.action);
    expect(await ids({ limit: 50, actorId: a.users.rep.id })).toEqual(['account.update', 'account.create']);
    expect(await ids({ limit: 50, actionPrefix: 'account.' })).toEqual(['account.update', 'account.create']);
    expect(await ids({ limit: 50, actionPrefix: 'ACCOUNT.' })).toEqual([]);
    expect(await ids({ limit: 50, entityType: 'tenant' })).toEqual(['settings.update']);
    expect(await ids({ limit: 50, entityType: 'account', entityId: accountId })).toEqual(['account.update', 'account.create']);
    expect(await ids({ limit: 50, from: T0 + MIN, to: T0 + 3 * MIN })).toEqual(['settings.update', 'account.update']);
    const first = await listAuditEntries(a.scope, admin(), { limit: 3 });
    expect(first.items).toHaveLength(3);
    const second = await listAuditEntries(a.scope, admin(), { limit: 3, before: first.next! });
    expect(second.items.map((e) => e.action)).toEqual(['account.create']);
    expect(second.next).toBeNull();
  });

  it('is for admins only, and another tenant’s entries never show', async () => {
    await expect(listAuditEntries(a.scope, a.users.manager, { limit: 10 })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(listAuditEntries(a.scope, a.users.rep, { limit: 10 })).rejects.toMatchObject({ kind: 'forbidden' });
    const theirs = await listAuditEntries(b.scope, b.users.admin, { limit: 50 });
    expect(theirs.items.map((e) => e.entity.id)).toEqual(['b1']);
  });
});
