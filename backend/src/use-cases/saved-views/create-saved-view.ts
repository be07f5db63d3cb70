// Saving the account list's filters as a named view, kept for oneself or shared with one's team at once.
import { mayShareWithTeam, type SavedView, type SavedViewScope, type ViewActor } from '../../domain/saved-views.ts';
import { DomainError } from '../../domain/errors.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { insertSavedView, listVisibleViews } from '../../store/saved-views.ts';
import { writeAudit } from '../../store/audit.ts';
import { newId } from '../../store/ids.ts';
import { requirePermission } from '../require-permission.ts';

/** More than anyone scans in a menu; a client looping on save stops here. */
export const MAX_VIEWS_PER_USER = 200;

export async function createSavedView(
  scope: TenantScope, actor: ViewActor, input: { name: string; scope: SavedViewScope; filters: Record<string, unknown> }, now: number,
): Promise<SavedView> {
  if (input.scope === 'team') requirePermission(mayShareWithTeam(actor));
  return inTransaction(scope, async (tx) => {
    const own = (await listVisibleViews(tx, actor.id, null)).length;
    if (own >= MAX_VIEWS_PER_USER) throw new DomainError('unprocessable', 'Too many views', `You have ${own} saved views, the most one person may keep: delete some first.`);
    const view: SavedView = { id: newId(now), tenantId: tx.tenantId, ownerId: actor.id, name: input.name, scope: input.scope, filters: input.filters, createdAt: now, updatedAt: now };
    await insertSavedView(tx, view);
    await writeAudit(tx, { actorId: actor.id, action: 'saved-view.create', entityType: 'saved-view', entityId: view.id, at: now, detail: { scope: view.scope } }, false);
    return view;
  });
}
