// The rows retention acts on: live interactions older than the cutoff, the purge of removed ones, and the
// blanking of an interaction's words and addresses. What to do with them is use-cases/privacy/apply-retention.ts.
import { chunks, type TenantScope } from './scope.ts';
import type { RemovedInteraction } from '../domain/soft-removal.ts';
import { touchTimeline } from './timeline-rows.ts';

/** Up to `limit` live interactions that happened before the cutoff, with their accounts, oldest first. */
export async function liveInteractionsBefore(scope: TenantScope, cutoff: number, limit: number): Promise<RemovedInteraction[]> {
  const rows = await scope.db
    .selectFrom('interactions')
    .select(['id', 'kind', 'external_key'])
    .where('tenant_id', '=', scope.tenantId)
    .where('occurred_at', '<', cutoff)
    .where('deleted_at', 'is', null)
    .orderBy('occurred_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  if (rows.length === 0) return [];
  const accounts = await scope.db
    .selectFrom('interaction_accounts')
    .select(['interaction_id', 'account_id'])
    .where('tenant_id', '=', scope.tenantId)
    .where('interaction_id', 'in', rows.map((r) => r.id))
    .execute();
  return rows.map((r) => ({
    id: r.id, kind: r.kind, externalKey: r.external_key,
    accountIds: [...new Set(accounts.filter((a) => a.interaction_id === r.id).map((a) => a.account_id))],
  }));
}

/**
 * Deletes removed interactions that happened before the cutoff, whoever removed them; their participants,
 * holders, item refs, follow-ups and meeting threads go with them (foreign keys cascade). Returns how many.
 */
export async function purgeRemovedBefore(scope: TenantScope, cutoff: number): Promise<number> {
  const r = await scope.db
    .deleteFrom('interactions')
    .where('tenant_id', '=', scope.tenantId)
    .where('occurred_at', '<', cutoff)
    .where('deleted_at', 'is not', null)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Up to `limit` live interactions before the cutoff that still carry words or addresses. */
export async function unanonymisedBefore(scope: TenantScope, cutoff: number, limit: number): Promise<string[]> {
  const rows = await scope.db
    .selectFrom('interactions')
    .select('id')
    .where('tenant_id', '=', scope.tenantId)
    .where('occurred_at', '<', cutoff)
    .where('deleted_at', 'is', null)
    .where('anonymised_at', 'is', null)
    .orderBy('occurred_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Blanks what these interactions said and with whom: subject, snippet, note, participants' addresses and names.
 * Kind, time, direction, duration, accounts, holders and the participants' contact and colleague links stay, so
 * every count on the dashboard is the same before and after.
 */
export async function anonymiseInteractions(scope: TenantScope, ids: string[], now: number): Promise<void> {
  for (const part of chunks(ids, 500)) {
    await scope.db
      .updateTable('interactions')
      .set({ subject: null, snippet: null, note: null, anonymised_at: now, updated_at: now })
      .where('tenant_id', '=', scope.tenantId)
      .where('id', 'in', part)
      .execute();
    await scope.db
      .updateTable('interaction_participants')
      .set({ address: '', display_name: null })
      .where('tenant_id', '=', scope.tenantId)
      .where('interaction_id', 'in', part)
      .execute();
  }
  await touchTimeline(scope, ids);
}
