// The owner of a mailbox sets who sees a whole email thread synced from it: the interactions already synced
// from the thread now, and mail still to come from it (the sync reads the choice when it stores new mail).
import type { Visibility } from '../../domain/types.ts';
import { conflict, notFound } from '../../domain/errors.ts';
import { viewOf, type Viewer } from '../../domain/interaction-access.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { getInteraction } from '../../store/interactions.ts';
import { listMailboxes } from '../../store/mailboxes.ts';
import { interactionsOfThread, saveThreadVisibility, setVisibilityOf, threadOf } from '../../store/thread-visibility.ts';
import { writeAudit } from '../../store/audit.ts';

/** Returns the interactions the choice applied to. */
export async function setThreadVisibility(
  scope: TenantScope, viewer: Viewer, interactionId: string, visibility: Visibility, now: number,
): Promise<string[]> {
  const actorId = viewer.userId;
  return inTransaction(scope, async (tx) => {
    // Not visible and not there get the same answer: a 409 would tell a colleague a private item exists.
    const current = await getInteraction(tx, interactionId);
    if (!current || !viewOf(viewer, current)) throw notFound('interaction');
    // Only the owner of the mailbox the thread was synced from may: the thread must be in one of their mailboxes.
    const mine = (await listMailboxes(tx)).filter((m) => m.userId === actorId).map((m) => m.id);
    const thread = await threadOf(tx, mine, interactionId);
    if (!thread) throw conflict('This interaction was not synced from an email thread in your mailbox, so there is no thread of yours to change. Change this one interaction with PATCH /api/interactions/{id}.');
    await saveThreadVisibility(tx, thread, visibility, now);
    const ids = await interactionsOfThread(tx, thread);
    await setVisibilityOf(tx, ids, visibility, now);
    await writeAudit(tx, { actorId, action: 'thread-visibility', entityType: 'mailbox', entityId: thread.mailboxId, at: now, detail: { conversationId: thread.conversationId, visibility, interactions: ids.length } });
    return ids;
  });
}
