// Graph change-notification subscriptions per mailbox stream.
import type { Kysely } from 'kysely';
import type { Database, SubscriptionTable } from './database.ts';
import type { TenantScope } from './scope.ts';

export interface StoredSubscription {
  tenantId: string;
  id: string;
  mailboxId: string;
  stream: string;
  resource: string;
  clientState: string;
  expiresAt: number;
  createdAt: number;
}

function subscriptionFromRow(r: SubscriptionTable): StoredSubscription {
  return {
    tenantId: r.tenant_id, id: r.id, mailboxId: r.mailbox_id, stream: r.stream, resource: r.resource,
    clientState: r.client_state, expiresAt: r.expires_at, createdAt: r.created_at,
  };
}

export async function insertSubscription(scope: TenantScope, s: Omit<StoredSubscription, 'tenantId'>): Promise<void> {
  await scope.db
    .insertInto('subscriptions')
    .values({
      tenant_id: scope.tenantId, id: s.id, mailbox_id: s.mailboxId, stream: s.stream, resource: s.resource,
      client_state: s.clientState, expires_at: s.expiresAt, created_at: s.createdAt,
    })
    .execute();
}

/** By Graph's subscription id alone: how the webhook, which has no tenant yet, finds one. */
export async function findSubscriptionById(db: Kysely<Database>, id: string): Promise<StoredSubscription | null> {
  const r = await db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? subscriptionFromRow(r) : null;
}

export async function listSubscriptions(scope: TenantScope, opts: { mailboxId?: string; expiringBefore?: number } = {}): Promise<StoredSubscription[]> {
  let q = scope.db.selectFrom('subscriptions').selectAll().where('tenant_id', '=', scope.tenantId);
  if (opts.mailboxId) q = q.where('mailbox_id', '=', opts.mailboxId);
  if (opts.expiringBefore !== undefined) q = q.where('expires_at', '<', opts.expiringBefore);
  return (await q.orderBy('expires_at').execute()).map(subscriptionFromRow);
}

export async function updateSubscriptionExpiry(scope: TenantScope, id: string, expiresAt: number): Promise<void> {
  await scope.db.updateTable('subscriptions').set({ expires_at: expiresAt }).where('tenant_id', '=', scope.tenantId).where('id', '=', id).execute();
}

export async function deleteSubscription(scope: TenantScope, id: string): Promise<void> {
  await scope.db.deleteFrom('subscriptions').where('tenant_id', '=', scope.tenantId).where('id', '=', id).execute();
}
