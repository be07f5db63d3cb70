// Merged records' ids (migration 019): each points at the survivor, so an old id still finds its record.
import type { TenantScope } from './scope.ts';

/** The survivor an account id was merged into, or null when the id is no alias. */
export async function resolveAccountAlias(scope: TenantScope, id: string): Promise<string | null> {
  const r = await scope.db.selectFrom('account_aliases').select('account_id').where('tenant_id', '=', scope.tenantId).where('alias_id', '=', id).executeTakeFirst();
  return r?.account_id ?? null;
}

export async function resolveContactAlias(scope: TenantScope, id: string): Promise<string | null> {
  const r = await scope.db.selectFrom('contact_aliases').select('contact_id').where('tenant_id', '=', scope.tenantId).where('alias_id', '=', id).executeTakeFirst();
  return r?.contact_id ?? null;
}

/** mergedIds become aliases of survivorId; aliases that pointed at a merged id follow it, so no chain forms. */
export async function addAccountAliases(scope: TenantScope, mergedIds: readonly string[], survivorId: string, at: number, by: string): Promise<void> {
  if (mergedIds.length === 0) return;
  await scope.db.updateTable('account_aliases').set({ account_id: survivorId }).where('tenant_id', '=', scope.tenantId).where('account_id', 'in', [...mergedIds]).execute();
  await scope.db
    .insertInto('account_aliases')
    .values(mergedIds.map((alias_id) => ({ tenant_id: scope.tenantId, alias_id, account_id: survivorId, merged_at: at, merged_by: by })))
    .execute();
}

export async function addContactAliases(scope: TenantScope, mergedIds: readonly string[], survivorId: string, at: number, by: string): Promise<void> {
  if (mergedIds.length === 0) return;
  await scope.db.updateTable('contact_aliases').set({ contact_id: survivorId }).where('tenant_id', '=', scope.tenantId).where('contact_id', 'in', [...mergedIds]).execute();
  await scope.db
    .insertInto('contact_aliases')
    .values(mergedIds.map((alias_id) => ({ tenant_id: scope.tenantId, alias_id, contact_id: survivorId, merged_at: at, merged_by: by })))
    .execute();
}

/** Each id as it stands now: a merged account's id becomes its survivor's, any other id stays as it is. */
export async function resolveAccountIds(scope: TenantScope, ids: readonly string[]): Promise<string[]> {
  const to = await accountAliasTargets(scope, ids);
  return [...new Set(ids.map((id) => to.get(id) ?? id))];
}

/** alias id -> survivor id, for those of ids that are aliases. */
export async function accountAliasTargets(scope: TenantScope, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await scope.db.selectFrom('account_aliases').select(['alias_id', 'account_id']).where('tenant_id', '=', scope.tenantId).where('alias_id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.alias_id, r.account_id]));
}
