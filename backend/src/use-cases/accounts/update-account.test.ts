import { describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { T0 } from '../../../../test/support/fixtures.ts';
import { tenantPerSuite } from '../../../../test/support/tenant-database.ts';
import { auditTrail } from '../../store/audit.ts';
import { createAccount } from './create-account.ts';
import { updateAccount } from './update-account.ts';

const base = { domains: ['kallio.fi'], tier: 'B' as const, lifecycle: 'customer' as const, industry: null, size: null, region: null };

describe.each(testDatabases())('account use cases on $name', (database) => {
  const a = tenantPerSuite(database, 'seller-a.fi');

  it('makes the creator the owner unless another colleague (or nobody) is named', async () => {
    const mine = await createAccount(a.scope, a.users.rep, { name: 'Kallio Oy', ...base }, T0);
    expect(mine.ownerId).toBe(a.users.rep.id);
    expect((await createAccount(a.scope, a.users.rep, { name: 'Nobody’s', ...base, domains: [], ownerId: null }, T0)).ownerId).toBeNull();
    await expect(createAccount(a.scope, a.users.rep, { name: 'X', ...base, domains: [], ownerId: 'no-such-user' }, T0)).rejects.toMatchObject({ kind: 'invalid' });
  });

  it('lets a rep change their own account’s tier but not its owner; a colleague’s tier needs a manager; the trail records each', async () => {
    const acc = await createAccount(a.scope, a.users.rep, { name: 'Tier Oy', ...base, domains: ['tier.fi'] }, T0);
    expect((await updateAccount(a.scope, a.users.rep, acc.id, { region: 'Pirkanmaa', tier: 'B' }, T0 + 1)).region).toBe('Pirkanmaa');
    // The case: the rep created it, owns it, signs a contract and makes it A.
    expect((await updateAccount(a.scope, a.users.rep, acc.id, { tier: 'A' }, T0 + 2)).tier).toBe('A');
    await expect(updateAccount(a.scope, a.users.rep, acc.id, { ownerId: a.users.rep2.id }, T0 + 2)).rejects.toMatchObject({ kind: 'forbidden', detail: 'Only a manager can change the account owner.' });
    const moved = await updateAccount(a.scope, a.users.manager, acc.id, { tier: 'B', ownerId: a.users.rep2.id }, T0 + 3);
    expect(moved).toMatchObject({ tier: 'B', ownerId: a.users.rep2.id });
    await expect(updateAccount(a.scope, a.users.rep, acc.id, { region: 'Uusimaa' }, T0 + 4)).rejects.toMatchObject({ kind: 'forbidden' });
    // rep2 owns it now: they may change its tier, the former owner may not.
    expect((await updateAccount(a.scope, a.users.rep2, acc.id, { tier: 'C' }, T0 + 5)).tier).toBe('C');
    const unowned = await createAccount(a.scope, a.users.rep, { name: 'Unowned Oy', ...base, domains: [], ownerId: null }, T0);
    await expect(updateAccount(a.scope, a.users.rep, unowned.id, { tier: 'A' }, T0 + 6)).rejects.toMatchObject({ kind: 'forbidden', detail: 'Only the owner or a manager can change the tier.' });
    const trail = await auditTrail(a.scope, 'account', acc.id);
    expect(trail.map((x) => x.action)).toEqual(['account.create', 'account.update', 'account.update', 'account.update', 'account.update']);
    expect(JSON.parse(trail[2]!.detail!)).toEqual({ fields: ['tier'] });
  });

  it('answers an unknown account as not found', async () => {
    await expect(updateAccount(a.scope, a.users.admin, 'no-such-account', { region: 'x' }, T0)).rejects.toMatchObject({ kind: 'not-found' });
  });
});
