// Changing an interaction's note, opportunity, visibility or business-review mark (PATCH /api/interactions/{id}):
// who may is domain/interaction-access.ts; the change and its audit entry commit together.
import type { Visibility } from '../../domain/types.ts';
import { assertMayChange, viewOf, type Viewer } from '../../domain/interaction-access.ts';
import type { InteractionView } from '../../domain/visibility.ts';
import { notFound } from '../../domain/errors.ts';
import { requireReviewable } from '../../domain/care-plan.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { getInteraction } from '../../store/interactions.ts';
import { updateInteractionFields } from '../../store/interaction-writes.ts';
import { writeAudit } from '../../store/audit.ts';
import { checkReferences } from './merge-interaction-copies.ts';

export interface InteractionPatch {
  note?: string | null;
  opportunityId?: string | null;
  visibility?: Visibility;
  /** true: a business review; false: not one, whatever its subject; null: decided by its subject again. */
  businessReview?: boolean | null;
}

/** Applies the patch for this viewer; answers the interaction as they now see it. */
export async function changeInteraction(scope: TenantScope, viewer: Viewer, id: string, patch: InteractionPatch, now: number): Promise<InteractionView> {
  return inTransaction(scope, async (tx) => {
    const current = await getInteraction(tx, id);
    if (!current || !viewOf(viewer, current)) throw notFound('interaction');
    assertMayChange(viewer, current, patch);
    if (patch.businessReview != null) requireReviewable(current);
    if (patch.opportunityId) await checkReferences(tx, [{ ...current, opportunityId: patch.opportunityId }]);
    await updateInteractionFields(tx, id, patch, now);
    await writeAudit(tx, { actorId: viewer.userId, action: 'interaction.update', entityType: 'interaction', entityId: id, at: now, detail: patch });
    return viewOf(viewer, (await getInteraction(tx, id))!)!;
  });
}

