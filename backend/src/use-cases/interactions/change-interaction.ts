// Changing an interaction's note, opportunity or visibility (PATCH /api/interactions/{id}): who may is
// domain/interaction-access.ts; the change and its audit entry commit together.
import type { Visibility } from '../../domain/types.ts';
import { assertMayChange, viewOf, type Viewer } from '../../domain/interaction-access.ts';
import type { InteractionView } from '../../domain/visibility.ts';
import { notFound } from '../../domain/errors.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { getInteraction } from '../../store/interactions.ts';
import { updateInteractionFields } from '../../store/interaction-writes.ts';
import { writeAudit } from '../../store/audit.ts';
import { checkReferences } from './merge-interaction-copies.ts';

export interface InteractionPatch {
  note?: string | null;
  opportunityId?: string | null;
  visibility?: Visibility;
}

/** Applies the patch for this viewer; answers the interaction as they now see it. */
export async function changeInteraction(scope: TenantScope, viewer: Viewer, id: string, patch: InteractionPatch, now: number): Promise<InteractionView> {
  return inTransaction(scope, async (tx) => {
    const current = await getInteraction(tx, id);
    if (!current || !viewOf(viewer, current)) throw notFound('interaction');
    assertMayChange(viewer, current, patch);
    if (patch.opportunityId) await checkReferences(tx, [{ ...current, opportunityId: patch.opportunityId }]);
    await updateInteractionFields(tx, id, patch, now);
    await writeAudit(tx, { actorId: viewer.userId, action: 'interaction.update', entityType: 'interaction', entityId: id, at: now, detail: patch });
    return viewOf(viewer, (await getInteraction(tx, id))!)!;
  });
}

