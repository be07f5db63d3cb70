// A holder answers a share request: "share" opens the item to the account team through the one visibility
// change (change-interaction.ts, with its rule that only holders set visibility) and closes every open request
// on it; "decline" closes just this one. The change, the answer and their audit entries commit together.
import { conflict, forbidden, notFound } from '../../domain/errors.ts';
import type { Viewer } from '../../domain/interaction-access.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { getInteraction } from '../../store/interactions.ts';
import { closeShareRequests, getShareRequest, type ShareRequest } from '../../store/share-requests.ts';
import { writeAudit } from '../../store/audit.ts';
import { changeInteraction } from './change-interaction.ts';

export type ShareAnswer = 'share' | 'decline';

export async function answerShareRequest(scope: TenantScope, viewer: Viewer, id: string, answer: ShareAnswer, now: number): Promise<ShareRequest> {
  return inTransaction(scope, async (tx) => {
    const request = await getShareRequest(tx, id);
    const item = request ? await getInteraction(tx, request.interactionId) : null;
    const holds = !!item?.holders.some((h) => h.userId === viewer.userId);
    // Only those asked (the holders) and the one who asked know the request exists.
    if (!request || !item || (!holds && request.requesterId !== viewer.userId)) throw notFound('share request');
    if (!holds) throw forbidden('Only the people who hold this item can answer a request to share it.');
    if (request.status !== 'open') throw conflict(`This request was already answered (${request.status}).`);
    if (answer === 'share') await changeInteraction(tx, viewer, item.id, { visibility: 'shared' }, now);
    const closed = await closeShareRequests(tx, { id, interactionId: item.id, status: answer === 'share' ? 'shared' : 'declined', allOnItem: answer === 'share', by: viewer.userId }, now);
    await writeAudit(tx, { actorId: viewer.userId, action: 'share-request.answer', entityType: 'interaction', entityId: item.id, at: now, detail: { requestId: id, answer, closed } });
    return (await getShareRequest(tx, id))!;
  });
}
