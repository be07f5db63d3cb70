// Why the sync skipped items, counted per mailbox and reason.
import type { TenantScope } from './scope.ts';

export async function addSkipCounts(scope: TenantScope, mailboxId: string, counts: Record<string, number>, now: number): Promise<void> {
  const rows = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([reason, count]) => ({ tenant_id: scope.tenantId, mailbox_id: mailboxId, reason, count, updated_at: now }));
  if (rows.length === 0) return;
  await scope.db
    .insertInto('sync_skips')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'mailbox_id', 'reason']).doUpdateSet((eb) => ({
        count: eb('sync_skips.count', '+', eb.ref('excluded.count')),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

export async function skipCounts(scope: TenantScope, mailboxId?: string): Promise<{ mailboxId: string; reason: string; count: number }[]> {
  let q = scope.db.selectFrom('sync_skips').select(['mailbox_id', 'reason', 'count']).where('tenant_id', '=', scope.tenantId);
  if (mailboxId) q = q.where('mailbox_id', '=', mailboxId);
  return (await q.orderBy('mailbox_id').orderBy('reason').execute()).map((r) => ({ mailboxId: r.mailbox_id, reason: r.reason, count: Number(r.count) }));
}
