// The typo keys move with the account in the same transaction (create, rename, archive) and are built at start for
// accounts that have none (migration 037 on an existing database). Only the keys that differ are written (a
// rebuild with the name unchanged writes no row), and both reads go through an index (migration 038).
import { describe, expect, it } from 'vitest';
import { sql, type KyselyPlugin, type RootOperationNode } from 'kysely';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { T0 } from '../../../test/support/fixtures.ts';
import { tenantPerSuite } from '../../../test/support/tenant-database.ts';
import { nameTypoKeys } from '../domain/duplicates.ts';
import { createAccount, setAccountArchived, updateAccount } from './accounts.ts';
import { accountsByNameKeys, fillUnbuiltAccountNameKeys, writeAccountNameKeys } from './account-name-keys.ts';
import { reindexRecords } from './search-index.ts';
import { tenantScope, type TenantScope } from './scope.ts';

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

  /** Rows fn inserted and deleted in account_name_keys, read from the database's own counters in one transaction. */
  async function rowsWritten(fn: (scope: TenantScope) => Promise<void>): Promise<{ inserted: number; deleted: number }> {
    return f.handle.db.transaction().execute(async (trx) => {
      const scope = tenantScope({ db: trx, dialect: f.handle.dialect, close: async () => {} }, f.tenantId);
      if (f.handle.dialect === 'sqlite') {
        // total_changes() counts every row any statement of this connection changed, in every table.
        const changes = async () => Number((await sql<{ n: number }>`select total_changes() as n`.execute(trx)).rows[0]!.n);
        const before = await changes();
        const keys = async () => Number((await trx.selectFrom('account_name_keys').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
        const rowsBefore = await keys();
        await fn(scope);
        const changed = (await changes()) - before;
        const net = (await keys()) - rowsBefore;
        // Without updates (the writer never updates), changed = inserted + deleted and net = inserted - deleted.
        return { inserted: (changed + net) / 2, deleted: (changed - net) / 2 };
      }
      const stats = async () => (await sql<{ ins: string; del: string }>`select n_tup_ins as ins, n_tup_del as del from pg_stat_xact_user_tables
        where schemaname = current_schema() and relname = 'account_name_keys'`.execute(trx)).rows[0]!;
      const before = await stats();
      await fn(scope);
      const after = await stats();
      return { inserted: Number(after.ins) - Number(before.ins), deleted: Number(after.del) - Number(before.del) };
    });
  }

  it('are not written again when the name did not change, and a rename moves only the keys that differ', async () => {
    const a = await createAccount(f.scope, input('Vaisalatek Oyj'), null, T0);
    const b = await createAccount(f.scope, input('Kone Oyj'), null, T0);
    // Both rebuilt from their tables as any write to them does: search entries and keys alike are left alone.
    expect(await rowsWritten((s) => reindexRecords(s, 'account', [a.id, b.id]))).toEqual({ inserted: 0, deleted: 0 });
    await updateAccount(f.scope, a.id, { industry: 'Mittalaitteet' }, f.users.admin.id, T0 + 1);
    expect(await keysOf(a.id)).toEqual(nameTypoKeys('Vaisalatek').sort());
    // "vaisa" -> "vaisb": the four-letter key "vais" is shared, the five keys with one letter left out are not.
    const before = new Set(nameTypoKeys('Vaisalatek'));
    const after = new Set(nameTypoKeys('Vaisbalatek'));
    const kept = [...after].filter((k) => before.has(k));
    expect(kept).toEqual(['vais']);
    expect(await rowsWritten((s) => writeAccountNameKeys(s, [a.id, b.id], [{ id: a.id, name: 'Vaisbalatek Oyj' }, { id: b.id, name: 'Kone Oyj' }])))
      .toEqual({ inserted: after.size - 1, deleted: before.size - 1 });
    expect(await keysOf(a.id)).toEqual([...after].sort());
    // A name that gives no key any more leaves the one '' row; an account no longer findable (erased) has none.
    expect(await rowsWritten((s) => writeAccountNameKeys(s, [a.id, b.id], [{ id: a.id, name: 'Oy X' }])))
      .toEqual({ inserted: 1, deleted: after.size + 1 });
    expect(await keysOf(a.id)).toEqual(['']);
    expect(await keysOf(b.id)).toEqual([]);
  });

  /** The plans of the selects and deletes fn runs, in order. */
  async function plansOf(fn: (scope: TenantScope) => Promise<void>): Promise<{ sql: string; plan: string }[]> {
    const nodes: RootOperationNode[] = [];
    const capture: KyselyPlugin = { transformQuery: (q) => (nodes.push(q.node), q.node), transformResult: async (q) => q.result };
    await f.handle.db.transaction().execute(async (trx) => fn(tenantScope({ db: trx.withPlugin(capture), dialect: f.handle.dialect, close: async () => {} }, f.tenantId)));
    const plans: { sql: string; plan: string }[] = [];
    for (const node of nodes) {
      const q = f.handle.db.getExecutor().compileQuery(node, { queryId: 'plan' });
      if (!/^\s*(select|delete)/i.test(q.sql)) continue;
      const rows = (await f.handle.db.executeQuery({ ...q, sql: `${f.handle.dialect === 'sqlite' ? 'explain query plan' : 'explain'} ${q.sql}` })).rows as Record<string, unknown>[];
      plans.push({ sql: q.sql, plan: rows.map((r) => String(r.detail ?? r['QUERY PLAN'])).join('\n') });
    }
    for (const p of plans) expect(p.plan, `${p.sql}\n${p.plan}`).not.toMatch(/\bSCAN account_name_keys\b(?! USING)|Seq Scan on account_name_keys/);
    return plans;
  }
  const readByAccount = (plan: string) => expect(plan).toMatch(f.handle.dialect === 'sqlite'
    ? /SEARCH account_name_keys USING COVERING INDEX account_name_keys_account \(tenant_id=\? AND account_id=\?\)/
    : /Index Only Scan using account_name_keys_account on account_name_keys\s+\(cost[^)]*\)\s+Index Cond: \(\(tenant_id = .*\) AND \(account_id = /);

  it('are looked up by key and read by account through an index, with statistics or before any', async () => {
    // Enough other accounts' keys that reading the tenant's every key would be the planner's worse choice.
    const bulk = Array.from({ length: 3000 }, (_, i) => ['bulk' + String(i).padStart(5, '0'), i]).flatMap(([id, i]) =>
      [0, 1, 2, 3, 4, 5].map((k) => ({ tenant_id: f.tenantId, name_key: `z${(Number(i) * 7 + k * 131) % 2003}`, account_id: String(id) })));
    for (let at = 0; at < bulk.length; at += 300) await f.handle.db.insertInto('account_name_keys').values(bulk.slice(at, at + 300)).onConflict((oc) => oc.doNothing()).execute();
    const a = await createAccount(f.scope, input('Quistberg Oy'), null, T0);
    // A new tenant's first import writes 500 accounts at a time into a table with no statistics yet: PostgreSQL
    // planned an IN list of 500 accounts as a read of every key of the tenant.
    const batch = [a.id, ...Array.from({ length: 499 }, (_, i) => `gone${i}`)];
    const [unanalysed] = await plansOf((s) => writeAccountNameKeys(s, batch, [{ id: a.id, name: 'Quistberg Oy' }]));
    readByAccount(unanalysed!.plan);
    await sql`analyze account_name_keys`.execute(f.handle.db);
    const plans = await plansOf(async (s) => {
      expect(await accountsByNameKeys(s, nameTypoKeys('Quistberg'))).toEqual([a.id]);
      await writeAccountNameKeys(s, [a.id], [{ id: a.id, name: 'Quistberg Oy' }]);
      await writeAccountNameKeys(s, [a.id], [{ id: a.id, name: 'Quastberg Oy' }]);
    });
    const [lookup, read, , del] = plans;
    expect(plans.map((p) => p.sql.trim().split(' ')[0])).toEqual(['select', 'select', 'select', 'delete']);
    readByAccount(read!.plan);
    if (f.handle.dialect === 'sqlite') {
      expect(lookup!.plan).toMatch(/SEARCH account_name_keys USING PRIMARY KEY \(tenant_id=\? AND name_key=\?\)/);
      expect(del!.plan).toMatch(/SEARCH account_name_keys USING (COVERING INDEX account_name_keys_account|PRIMARY KEY) /);
    } else {
      expect(lookup!.plan).toMatch(/Index (Only )?Scan using account_name_keys_pk|Bitmap Index Scan on account_name_keys_pk/);
      expect(del!.plan).toMatch(/Index (Only )?Scan using account_name_keys_(account|pk)|Bitmap Index Scan on account_name_keys_(account|pk)/);
    }
  });
});
