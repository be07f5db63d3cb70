// The saved views a user may use: their own and those shared with their team.
import type { SavedView, ViewActor } from '../../domain/saved-views.ts';
import type { TenantScope } from '../../store/scope.ts';
import { listVisibleViews } from '../../store/saved-views.ts';

export async function listSavedViews(scope: TenantScope, actor: ViewActor): Promise<SavedView[]> {
  return listVisibleViews(scope, actor.id, actor.team);
}
