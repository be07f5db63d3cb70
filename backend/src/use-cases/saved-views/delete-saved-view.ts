// Deleting a saved view: its owner, or a manager of the team it is shared with (domain/saved-views.ts).
import { mayDeleteView, maySeeView, type ViewActor } from '../../domain/saved-views.ts';
import { notFound } from '../../domain/errors.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { deleteSavedView as removeView, getSavedView } from '../../store/saved-views.ts';
import { writeAudit } from '../../store/audit.ts';
import { requirePermission } from '../require-permission.ts';

export async function deleteSavedView(scope: TenantScope, actor: ViewActor, id: string, now: number): Promise<void> {
  await inTransaction(scope, async (tx) => {
    const found = await getSavedView(tx, id);
    if (!found || !maySeeView(actor, found.view, found.ownerTeam)) throw notFound('saved view');
    requirePermission(mayDeleteView(actor, found.view, found.ownerTeam));
    await removeView(tx, id);
    await writeAudit(tx, { actorId: actor.id, action: 'saved-view.delete', entityType: 'saved-view', entityId: id, at: now, detail: { ownerId: found.view.ownerId, name: found.view.name } }, false);
  });
}
