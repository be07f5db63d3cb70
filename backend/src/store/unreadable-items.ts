// Items the sync could not read ("poison" items): one row per stream and item with its reason and when it was
// first and last seen, so an admin can find it in Outlook (by its id) and the health view can list the recent ones.
import type { TenantScope } from './scope.ts';

export interface UnreadableItemRecord {
  mailboxId: string;
  stream: string;
  graphId: string | null;
  reason: string;
  firstSeenAt: number;
  lastSeenAt: number;
}

export async function recordUnreadableItems(
  scope: TenantScope, mailboxId: string, stream: string, items: { graphId: string | null; fingerprint: string; reason: string }[], now: number,
): Promise<void> {
  // The same item twice on a page (Graph may repeat an entry in a round) is one row.
  const unique = [...new Map(items.map((i) => [i.fingerprint, i])).values()];
  if (unique.length === 0) return;
  await scope.db
    .insertInto('sync_unreadable_items')
    .values(unique.map((i) => ({
      tenant_id: scope.tenantId, mailbox_id: mailboxId, stream, item_key: i.fingerprint, graph_id: i.graphId, reason: i.reason, first_seen_at: now, last_seen_at: now,
    })))
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'mailbox_id', 'stream', 'item_key']).doUpdateSet((eb) => ({ reason: eb.ref('excluded.reason'), last_seen_at: eb.ref('excluded.last_seen_at') })),
    )
    .execute();
}

/** The most recently seen unreadable items of every mailbox, at most `perMailbox` each, newest first. */
export async function recentUnreadableItems(scope: TenantScope, perMailbox: number): Promise<UnreadableItemRecord[]> {
  const rows = await scope.db.selectFrom('sync_unreadable_items').selectAll().where('tenant_id', '=', scope.tenantId)
    .orderBy('mailbox_id').orderBy('last_seen_at', 'desc').orderBy('item_key').execute();
  const taken = new Map<string, number>();
  const out: UnreadableItemRecord[] = [];
  for (const r of rows) {
    const n = taken.get(r.mailbox_id) ?? 0;
    if (n >= perMailbox) continue;
    taken.set(r.mailbox_id, n + 1);
    out.push({ mailboxId: r.mailbox_id, stream: r.stream, graphId: r.graph_id, reason: r.reason, firstSeenAt: Number(r.first_seen_at), lastSeenAt: Number(r.last_seen_at) });
  }
  return out;
}
