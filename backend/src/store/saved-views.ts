// Saved views of the account list (migration 026). No rules here: who sees and changes a view is
// domain/saved-views.ts, applied by the use cases.
import type { TenantScope } from './scope.ts';
import type { SavedView } from '../domain/saved-views.ts';
import type { SavedViewTable } from './database-views.ts';
import { isUniqueViolation } from './scope.ts';
import { conflict } from '../domain/errors.ts';

function fromRow(r: SavedViewTable): SavedView {
  return {
    id: r.id, tenantId: r.tenant_id, ownerId: r.owner_id, name: r.name, scope: r.scope, filters: JSON.parse(r.filters) as Record<string, unknown>,
    createdAt: Number(r.created_at), updatedAt: Number(r.updated_at),
  };
}

const nameTaken = (name: string) => conflict(`You already have a view named “${name}”: choose another name.`, [{ field: 'name', message: 'you already have a view with this name' }]);

/** A view with its owner's team (null: no team), or null. */
export async function getSavedView(scope: TenantScope, id: string): Promise<{ view: SavedView; ownerTeam: string | null } | null> {
  const r = await scope.db
    .selectFrom('saved_views as v')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'v.tenant_id').onRef('u.id', '=', 'v.owner_id'))
    .selectAll('v')
    .select('u.team as owner_team')
    .where('v.tenant_id', '=', scope.tenantId)
    .where('v.id', '=', id)
    .executeTakeFirst();
  return r ? { view: fromRow(r), ownerTeam: r.owner_team } : null;
}

/** The user's own views and the views shared with their team (when they have one), by name. */
export async function listVisibleViews(scope: TenantScope, userId: string, team: string | null): Promise<SavedView[]> {
  const rows = await scope.db
    .selectFrom('saved_views as v')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'v.tenant_id').onRef('u.id', '=', 'v.owner_id'))
    .selectAll('v')
    .where('v.tenant_id', '=', scope.tenantId)
    .where((eb) => (team === null ? eb('v.owner_id', '=', userId) : eb.or([eb('v.owner_id', '=', userId), eb.and([eb('v.scope', '=', 'team'), eb('u.team', '=', team)])])))
    .orderBy('v.name')
    .orderBy('v.id')
    .limit(500)
    .execute();
  return rows.map(fromRow);
}

export async function insertSavedView(scope: TenantScope, view: SavedView): Promise<void> {
  try {
    await scope.db.insertInto('saved_views').values({
      tenant_id: scope.tenantId, id: view.id, owner_id: view.ownerId, name: view.name, scope: view.scope, filters: JSON.stringify(view.filters),
      created_at: view.createdAt, updated_at: view.updatedAt,
    }).execute();
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken(view.name);
    throw e;
  }
}

export async function updateSavedView(scope: TenantScope, id: string, patch: { name?: string; scope?: 'mine' | 'team'; filters?: Record<string, unknown> }, now: number): Promise<void> {
  try {
    await scope.db
      .updateTable('saved_views')
      .set({
        updated_at: now,
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.scope !== undefined ? { scope: patch.scope } : {}),
        ...(patch.filters !== undefined ? { filters: JSON.stringify(patch.filters) } : {}),
      })
      .where('tenant_id', '=', scope.tenantId)
      .where('id', '=', id)
      .execute();
  } catch (e) {
    if (isUniqueViolation(e) && patch.name !== undefined) throw nameTaken(patch.name);
    throw e;
  }
}

export async function deleteSavedView(scope: TenantScope, id: string): Promise<void> {
  await scope.db.deleteFrom('saved_views').where('tenant_id', '=', scope.tenantId).where('id', '=', id).execute();
}
