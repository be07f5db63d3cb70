// Renaming a saved view, changing its filters, or sharing it with the team (or taking it back): the owner's alone.
import { mayChangeView, maySeeView, mayShareWithTeam, type SavedView, type SavedViewScope, type ViewActor } from '../../domain/saved-views.ts';
import { notFound } from '../../domain/errors.ts';
import { changedFields } from '../../domain/audit-detail.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { getSavedView, updateSavedView as saveView } from '../../store/saved-views.ts';
import { writeAudit } from '../../store/audit.ts';
import { requirePermission } from '../require-permission.ts';

export async function updateSavedView(
  scope: TenantScope, actor: ViewActor, id: string, patch: { name?: string | undefined; scope?: SavedViewScope | undefined; filters?: Record<string, unknown> | undefined }, now: number,
): Promise<SavedView> {
  return inTransaction(scope, async (tx) => {
    const found = await getSavedView(tx, id);
    if (!found || !maySeeView(actor, found.view, found.ownerTeam)) throw notFound('saved view');
    requirePermission(mayChangeView(actor, found.view));
    if (patch.scope === 'team' && found.view.scope !== 'team') requirePermission(mayShareWithTeam(actor));
    const clean = { ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.scope !== undefined ? { scope: patch.scope } : {}), ...(patch.filters !== undefined ? { filters: patch.filters } : {}) };
    const fields = changedFields(found.view, clean);
    if (fields.length === 0) return found.view;
    await saveView(tx, id, clean, now);
    await writeAudit(tx, { actorId: actor.id, action: 'saved-view.update', entityType: 'saved-view', entityId: id, at: now, detail: { fields, scope: clean.scope ?? found.view.scope } }, false);
    return (await getSavedView(tx, id))!.view;
  });
}
