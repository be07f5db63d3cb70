// The duplicate check's typo keys per account (migration 037; domain/duplicates.ts nameTypoKeys), brought in line
// whenever the account's search entry is (search-index.ts reindexRecords), so a rename, merge, erasure or import
// moves them in the same transaction. A live account whose name gives no key keeps one '' row: "no row at all"
// then means "never built", which is what migrateToLatest fills.
import { sql, type Kysely } from 'kysely';
import type { Database } from './database.ts';
import type { Dialect } from './connect.ts';
import { nameTypoKeys } from '../domain/duplicates.ts';
import { ERASED_ACCOUNT_NAME } from '../domain/erasure.ts';
import { chunks, tenantScope, type TenantScope } from './scope.ts';
import { arrayLiteral } from './pg-unnest.ts';

const NO_KEY = '';

/**
 * Brings these accounts' keys in line with their names; named: the ones still findable by name (live, not erased).
 * Only the keys that differ are written: a rebuild whose name did not change (most of them: a new domain, an
 * archive, a merge's other side) reads the keys and writes nothing.
 */
export async function writeAccountNameKeys(scope: TenantScope, ids: readonly string[], named: readonly { id: string; name: string }[]): Promise<void> {
  if (ids.length === 0) return;
  const wanted = new Map<string, Set<string>>(ids.map((id) => [id, new Set<string>()]));
  for (const a of named) {
    const keys = nameTypoKeys(a.name);
    wanted.set(a.id, new Set(keys.length ? keys : [NO_KEY]));
  }
  const stale: { account_id: string; name_key: string }[] = [];
  for (const part of chunks([...wanted.keys()], 500)) {
    const held = await heldKeys(scope, part);
    // What is held and wanted stays; what is left of the wanted set is missing.
    for (const r of held) if (!wanted.get(r.account_id)?.delete(r.name_key)) stale.push(r);
  }
  for (const part of chunks(stale, 400)) {
    const pairs = sql.join(part.map((r) => sql`(${r.account_id}, ${r.name_key})`));
    await sql`delete from account_name_keys where tenant_id = ${scope.tenantId}
      and (account_id, name_key) in (values ${pairs})`.execute(scope.db);
  }
  const missing = [...wanted].flatMap(([id, keys]) => [...keys].map((k) => ({ tenant_id: scope.tenantId, name_key: k, account_id: id })));
  for (const part of chunks(missing, 300)) await scope.db.insertInto('account_name_keys').values(part).execute();
}

/** The keys these accounts hold now. */
async function heldKeys(scope: TenantScope, ids: readonly string[]): Promise<{ account_id: string; name_key: string }[]> {
  if (scope.dialect === 'sqlite') {
    return scope.db.selectFrom('account_name_keys').select(['account_id', 'name_key'])
      .where('tenant_id', '=', scope.tenantId).where('account_id', 'in', [...ids]).execute();
  }
  // One index probe per account. Written as an IN list, a table that has no statistics yet (a new tenant's first
  // import, before autovacuum's first ANALYZE) was read through tenant_id alone: every key of the tenant, each batch.
  const r = await sql<{ account_id: string; name_key: string }>`select k.account_id, k.name_key from unnest(${arrayLiteral(ids, 'account_id')}::text[]) as a(id)
    cross join lateral (select account_id, name_key from account_name_keys
      where tenant_id = ${scope.tenantId} and account_id = a.id offset 0) k`.execute(scope.db);
  return r.rows;
}

/** Live accounts holding any of these keys. */
export async function accountsByNameKeys(scope: TenantScope, keys: readonly string[]): Promise<string[]> {
  const wanted = keys.filter((k) => k !== NO_KEY);
  if (wanted.length === 0) return [];
  const rows = await scope.db.selectFrom('account_name_keys').select('account_id').distinct()
    .where('tenant_id', '=', scope.tenantId).where('name_key', 'in', wanted).execute();
  return rows.map((r) => r.account_id);
}

/** Builds the keys of every live account that has none yet (migration 037's, or one written before it). */
export async function fillUnbuiltAccountNameKeys(db: Kysely<Database>, dialect: Dialect): Promise<number> {
  let built = 0;
  for (;;) {
    const batch = await db.selectFrom('accounts as a').select(['a.tenant_id', 'a.id', 'a.name'])
      .where('a.deleted_at', 'is', null).where('a.name', '!=', ERASED_ACCOUNT_NAME)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('account_name_keys as k').select('k.account_id')
        .whereRef('k.tenant_id', '=', 'a.tenant_id').whereRef('k.account_id', '=', 'a.id'))))
      .limit(2000).execute();
    if (batch.length === 0) return built;
    const byTenant = new Map<string, { id: string; name: string }[]>();
    for (const r of batch) byTenant.set(r.tenant_id, [...(byTenant.get(r.tenant_id) ?? []), { id: r.id, name: r.name }]);
    for (const [tenantId, accounts] of byTenant) {
      await db.transaction().execute(async (trx) => {
        const scope = tenantScope({ db: trx, dialect, close: async () => {} }, tenantId);
        await writeAccountNameKeys(scope, accounts.map((a) => a.id), accounts);
      });
      built += accounts.length;
    }
  }
}
