// Asking the holders of an item you see only as "a contact happened" to share it (POST
// /api/interactions/{id}/share-requests). One open request per person and item: asking again answers the open one.
import { DomainError, conflict, notFound } from '../../domain/errors.ts';
import { interactionAccess, type Viewer } from '../../domain/interaction-access.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { getInteraction } from '../../store/interactions.ts';
import { getShareRequest, insertShareRequest, openShareRequestOf, type ShareRequest } from '../../store/share-requests.ts';
import { writeAudit } from '../../store/audit.ts';

export async function requestShare(
  scope: TenantScope, viewer: Viewer, interactionId: string, message: string | null, now: number,
): Promise<{ request: ShareRequest; created: boolean }> {
  return inTransaction(scope, async (tx) => {
    const item = await getInteraction(tx, interactionId);
    const access = item ? interactionAccess(viewer, item) : null;
    if (!item || !access || access.see === 'none') throw notFound('interaction');
    if (access.see === 'full') throw conflict('You can already read this item; there is nothing to ask for.');
    if (item.holders.length === 0) {
      throw new DomainError('unprocessable', 'Nobody to ask', 'Nobody holds this item any more, so nobody can share it.');
    }
    const open = await openShareRequestOf(tx, interactionId, viewer.userId);
    if (open) return { request: open, created: false };
    const id = await insertShareRequest(tx, { interactionId, accountId: item.accountIds[0] ?? null, requesterId: viewer.userId, message }, now);
    await writeAudit(tx, { actorId: viewer.userId, action: 'share-request.create', entityType: 'interaction', entityId: interactionId, at: now, detail: { requestId: id } });
    return { request: (await getShareRequest(tx, id))!, created: true };
  });
}
