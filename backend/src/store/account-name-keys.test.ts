// The typo keys move with the account in the same transaction (create, rename, archive) and are built at start for
// accounts that have none (migration 037 on an existing database).
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { T0 } from '../../../test/support/fixtures.ts';
import { tenantPerSuite } from '../../../test/support/tenant-database.ts';
import { nameTypoKeys } from '../domain/duplicates.ts';
import { createAccount, setAccountArchived, updateAccount } from './accounts.ts';
import { accountsByNameKeys, fillUnbuiltAccountNameKeys } from './account-name-keys.ts';

describe.each(testDatabases())('account name keys on $name', (database) => {
  const f = tenantPerSuite(database, 'name-keys.test');
  const keysOf = async (id: string) => (await f.scope.db.selectFrom('account_name_keys').select('name_key')
    .where('tenant_id', '=', f.tenantId).where('account_id', '=', id).orderBy('name_key').execute()).map((r) => r.name_key);
  const input = (name: string) => ({ name, domains: [], tier: 'C' as const, lifecycle: 'prospect' as const, ownerId: null, industry: null, size: null, region: null });

  it('are written with the account, rewritten on a rename, and kept for an archived account', async () => {
    const a = await createAccount(f.scope, input('Vaisalatek Oyj'), null, T0);
    expect(await keysOf(a.id)).toEqual(nameTypoKeys('Vaisalatek').sort());
    expect(await accountsByNameKeys(f.scope, nameTypoKeys('Viisalatek'))).toEqual([a.id]);
    await updateAccount(f.scope, a.id, { name: 'Kallioinen Oy' }, f.users.admin.id, T0 + 1);
    expect(await keysOf(a.id)).toEqual(nameTypoKeys('Kallioinen').sort());
    expect(await accountsByNameKeys(f.scope, nameTypoKeys('Viisalatek'))).toEqual([]);
    await setAccountArchived(f.scope, a.id, T0 + 2, f.users.admin.id, T0 + 2);
    expect(await keysOf(a.id)).toEqual(nameTypoKeys('Kallioinen').sort());
    // A name too short for a typo to count keeps one empty key, so it is not rebuilt at every start.
    const short = await createAccount(f.scope, input('Kone Oyj'), null, T0);
    expect(await keysOf(short.id)).toEqual(['']);
    expect(await accountsByNameKeys(f.scope, [''])).toEqual([]);
  });

  it('are built at start for the accounts that have none, and only for those', async () => {
    const a = await createAccount(f.scope, input('Pohjolan Voima Oyj'), null, T0);
    const b = await createAccount(f.scope, input('Kone Oyj'), null, T0);
    await f.scope.db.deleteFrom('account_name_keys').where('tenant_id', '=', f.tenantId).where('account_id', 'in', [a.id, b.id]).execute();
    expect(await fillUnbuiltAccountNameKeys(f.handle.db, f.handle.dialect)).toBe(2);
    expect(await keysOf(a.id)).toEqual(nameTypoKeys('Pohjolan Voima').sort());
    expect(await keysOf(b.id)).toEqual(['']);
    expect(await fillUnbuiltAccountNameKeys(f.handle.db, f.handle.dialect)).toBe(0);
  });
});
