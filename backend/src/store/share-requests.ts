// Share requests (migration 021): a colleague asks the holders of a metadata-only item to share it. Holders see
// the open ones addressed to items they hold; answering closes every open request on the item at once when it
// is shared (everyone can read it then), or just the one when declined.
import type { TenantScope } from './scope.ts';
import type { ShareRequestTable } from './database.ts';
import { newId } from './ids.ts';

export type ShareRequestStatus = ShareRequestTable['status'];

export interface ShareRequest {
  id: string;
  interactionId: string;
  accountId: string | null;
  accountName: string | null;
  requesterId: string;
  message: string | null;
  status: ShareRequestStatus;
  /** The item's kind and time, so the holder knows which one without opening it. */
  kind: string;
  occurredAt: number;
  /** The item's subject: for its holders' eyes only (routes/views.ts leaves it out for the requester). */
  subject: string | null;
  createdAt: number;
  answeredAt: number | null;
  answeredBy: string | null;
}

type Row = ShareRequestTable & { kind: string; occurred_at: number; subject: string | null; account_name: string | null };

const fromRow = (r: Row): ShareRequest => ({
  id: r.id, interactionId: r.interaction_id, accountId: r.account_id, accountName: r.account_name, requesterId: r.requester_id, message: r.message, status: r.status,
  kind: r.kind, occurredAt: Number(r.occurred_at), subject: r.subject, createdAt: Number(r.created_at),
  answeredAt: r.answered_at === null ? null : Number(r.answered_at), answeredBy: r.answered_by,
});

function withItem(scope: TenantScope) {
  return scope.db
    .selectFrom('share_requests as r')
    .innerJoin('interactions as i', (j) => j.onRef('i.tenant_id', '=', 'r.tenant_id').onRef('i.id', '=', 'r.interaction_id'))
    .leftJoin('accounts as a', (j) => j.onRef('a.tenant_id', '=', 'r.tenant_id').onRef('a.id', '=', 'r.account_id'))
    .selectAll('r')
    .select('a.name as account_name')
    .select(['i.kind', 'i.occurred_at', 'i.subject'])
    .where('r.tenant_id', '=', scope.tenantId);
}

export async function getShareRequest(scope: TenantScope, id: string): Promise<ShareRequest | null> {
  const r = await withItem(scope).where('r.id', '=', id).executeTakeFirst();
  return r ? fromRow(r as Row) : null;
}

export async function openShareRequestOf(scope: TenantScope, interactionId: string, requesterId: string): Promise<ShareRequest | null> {
  const r = await withItem(scope).where('r.interaction_id', '=', interactionId).where('r.requester_id', '=', requesterId).where('r.status', '=', 'open').executeTakeFirst();
  return r ? fromRow(r as Row) : null;
}

export async function insertShareRequest(
  scope: TenantScope, r: { interactionId: string; accountId: string | null; requesterId: string; message: string | null }, now: number,
): Promise<string> {
  const id = newId(now);
  await scope.db
    .insertInto('share_requests')
    .values({
      tenant_id: scope.tenantId, id, interaction_id: r.interactionId, account_id: r.accountId, requester_id: r.requesterId, message: r.message,
      status: 'open', created_at: now, answered_at: null, answered_by: null,
    })
    .execute();
  return id;
}

/** Open requests on items this user holds (logged or has in their mailbox), oldest first. */
export async function openShareRequestsFor(scope: TenantScope, holderId: string, limit = 100): Promise<ShareRequest[]> {
  const rows = await withItem(scope)
    .where('r.status', '=', 'open')
    .where('i.deleted_at', 'is', null)
    .where((eb) =>
      eb.exists(
        eb.selectFrom('interaction_holders as h').select('h.user_id')
          .whereRef('h.tenant_id', '=', 'r.tenant_id').whereRef('h.interaction_id', '=', 'r.interaction_id').where('h.user_id', '=', holderId),
      ),
    )
    .orderBy('r.created_at', 'asc')
    .orderBy('r.id', 'asc')
    .limit(limit)
    .execute();
  return rows.map((r) => fromRow(r as Row));
}

/** Closes one request, or with `allOnItem` every open request on its item (it was shared with all of them). */
export async function closeShareRequests(
  scope: TenantScope, r: { id: string; interactionId: string; status: Exclude<ShareRequestStatus, 'open'>; allOnItem: boolean; by: string }, now: number,
): Promise<number> {
  let q = scope.db.updateTable('share_requests').set({ status: r.status, answered_at: now, answered_by: r.by })
    .where('tenant_id', '=', scope.tenantId).where('status', '=', 'open');
  q = r.allOnItem ? q.where('interaction_id', '=', r.interactionId) : q.where('id', '=', r.id);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
