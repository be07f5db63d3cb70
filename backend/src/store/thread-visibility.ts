// The mailbox owner's visibility choice per thread (conversation), and the interactions it applies to.
import { chunks, type TenantScope } from './scope.ts';
import type { Visibility } from '../domain/types.ts';
import { touchTimeline } from './timeline-rows.ts';

/** The owner's visibility choices for these threads of a mailbox. */
export async function threadVisibilities(scope: TenantScope, mailboxId: string, conversationIds: string[]): Promise<Map<string, Visibility>> {
  const out = new Map<string, Visibility>();
  for (const part of chunks([...new Set(conversationIds)], 500)) {
    const rows = await scope.db.selectFrom('thread_visibility').select(['conversation_id', 'visibility'])
      .where('tenant_id', '=', scope.tenantId).where('mailbox_id', '=', mailboxId).where('conversation_id', 'in', part).execute();
    for (const r of rows) out.set(r.conversation_id, r.visibility as Visibility);
  }
  return out;
}

/** The thread (mailbox and conversation) an interaction came from in one of these mailboxes, if any. */
export async function threadOf(scope: TenantScope, mailboxIds: string[], interactionId: string): Promise<{ mailboxId: string; conversationId: string } | null> {
  if (mailboxIds.length === 0) return null;
  const r = await scope.db.selectFrom('sync_item_refs').select(['mailbox_id', 'conversation_id'])
    .where('tenant_id', '=', scope.tenantId).where('interaction_id', '=', interactionId).where('mailbox_id', 'in', mailboxIds)
    .where('conversation_id', 'is not', null).executeTakeFirst();
  return r ? { mailboxId: r.mailbox_id, conversationId: r.conversation_id! } : null;
}

/** Records the owner's choice for the thread: mail still to come from it gets this visibility. */
export async function saveThreadVisibility(
  scope: TenantScope, thread: { mailboxId: string; conversationId: string }, visibility: Visibility, now: number,
): Promise<void> {
  await scope.db.insertInto('thread_visibility')
    .values({ tenant_id: scope.tenantId, mailbox_id: thread.mailboxId, conversation_id: thread.conversationId, visibility, updated_at: now })
    .onConflict((oc) => oc.columns(['tenant_id', 'mailbox_id', 'conversation_id']).doUpdateSet({ visibility, updated_at: now }))
    .execute();
}

/** The interactions synced from this thread of the mailbox. */
export async function interactionsOfThread(scope: TenantScope, thread: { mailboxId: string; conversationId: string }): Promise<string[]> {
  return (await scope.db.selectFrom('sync_item_refs').select('interaction_id').distinct()
    .where('tenant_id', '=', scope.tenantId).where('mailbox_id', '=', thread.mailboxId).where('conversation_id', '=', thread.conversationId).execute())
    .map((r) => r.interaction_id);
}

export async function setVisibilityOf(scope: TenantScope, interactionIds: string[], visibility: Visibility, now: number): Promise<void> {
  for (const part of chunks(interactionIds, 500)) {
    await scope.db.updateTable('interactions').set({ visibility, updated_at: now }).where('tenant_id', '=', scope.tenantId).where('id', 'in', part).execute();
  }
  await touchTimeline(scope, interactionIds);
}
