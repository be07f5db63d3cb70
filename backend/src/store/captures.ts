// What the sync captured from one mailbox: the live interactions its item refs stand for, newest first, with the
// accounts they were filed under. The mailbox's owner holds every one of them, so nothing here is redacted.
import { sql } from 'kysely';
import type { InteractionKind, Visibility } from '../domain/types.ts';
import type { TenantScope } from './scope.ts';

export interface CapturedItem {
  id: string;
  kind: InteractionKind;
  occurredAt: number;
  subject: string | null;
  visibility: Visibility;
  /** Whether it came from an email thread of the mailbox, so the thread's visibility can be set. */
  inThread: boolean;
  accounts: { id: string; name: string }[];
}

/** One page keyset-paginated on (occurred_at, id), newest first. */
export async function capturedPage(
  scope: TenantScope, mailboxId: string, q: { limit: number; before?: { occurredAt: number; id: string } | undefined },
): Promise<{ items: CapturedItem[]; next: { occurredAt: number; id: string } | null }> {
  let query = scope.db
    .selectFrom('interactions as i')
    .select(['i.id', 'i.kind', 'i.occurred_at', 'i.subject', 'i.visibility'])
    .select((eb) =>
      eb.selectFrom('sync_item_refs as r').select(sql<number>`count(r.conversation_id)`.as('n'))
        .whereRef('r.tenant_id', '=', 'i.tenant_id').whereRef('r.interaction_id', '=', 'i.id').where('r.mailbox_id', '=', mailboxId)
        .as('threads'),
    )
    .where('i.tenant_id', '=', scope.tenantId)
    .where('i.deleted_at', 'is', null)
    .where((eb) =>
      eb.exists(
        eb.selectFrom('sync_item_refs as r').select('r.graph_id')
          .whereRef('r.tenant_id', '=', 'i.tenant_id').whereRef('r.interaction_id', '=', 'i.id').where('r.mailbox_id', '=', mailboxId),
      ),
    );
  if (q.before) {
    const b = q.before;
    query = query.where((eb) => eb(eb.refTuple('i.occurred_at', 'i.id'), '<', eb.tuple(b.occurredAt, b.id)));
  }
  const rows = await query.orderBy('i.occurred_at', 'desc').orderBy('i.id', 'desc').limit(q.limit + 1).execute();
  const page = rows.slice(0, q.limit);
  const accounts = page.length === 0 ? [] : await scope.db
    .selectFrom('interaction_accounts as ia')
    .innerJoin('accounts as a', (j) => j.onRef('a.tenant_id', '=', 'ia.tenant_id').onRef('a.id', '=', 'ia.account_id'))
    .select(['ia.interaction_id', 'a.id', 'a.name'])
    .where('ia.tenant_id', '=', scope.tenantId)
    .where('ia.interaction_id', 'in', page.map((r) => r.id))
    .orderBy('a.name')
    .execute();
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id, kind: r.kind as InteractionKind, occurredAt: Number(r.occurred_at), subject: r.subject, visibility: r.visibility as Visibility,
      inThread: Number(r.threads ?? 0) > 0,
      accounts: accounts.filter((a) => a.interaction_id === r.id).map((a) => ({ id: a.id, name: a.name })),
    })),
    next: rows.length > q.limit && last ? { occurredAt: Number(last.occurred_at), id: last.id } : null,
  };
}
