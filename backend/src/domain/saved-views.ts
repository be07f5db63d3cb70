// Saved views of the account list: who sees one and who may change or delete it. A view is its owner's
// ('mine') or shared with the owner's team ('team'): the colleagues whose team (from the directory) is the
// owner's, the same grouping the managers' dashboard uses. A view follows its owner when they change team.
import type { Permission } from './record-permissions.ts';
import type { Role } from './types.ts';

export const SAVED_VIEW_SCOPES = ['mine', 'team'] as const;
export type SavedViewScope = (typeof SAVED_VIEW_SCOPES)[number];

export interface SavedView {
  id: string;
  tenantId: string;
  ownerId: string;
  name: string;
  scope: SavedViewScope;
  /** The account list's filters, as validated by the API (routes/saved-view-schemas.ts). */
  filters: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

export interface ViewActor {
  id: string;
  role: Role;
  team: string | null;
}

const ALLOWED: Permission = { allowed: true };
const refuse = (reason: string): Permission => ({ allowed: false, reason });

/** Your own views, and those your team's members shared with the team. */
export function maySeeView(actor: ViewActor, view: Pick<SavedView, 'ownerId' | 'scope'>, ownerTeam: string | null): boolean {
  return view.ownerId === actor.id || (view.scope === 'team' && actor.team !== null && ownerTeam === actor.team);
}

/** Only the owner renames a view or shares it (a shared view is theirs, shown under their name). */
export function mayChangeView(actor: ViewActor, view: Pick<SavedView, 'ownerId'>): Permission {
  return view.ownerId === actor.id ? ALLOWED : refuse('Only the colleague who saved this view may rename or share it.');
}

/** Sharing needs a team: a user the directory puts in no team has nobody to share with. */
export function mayShareWithTeam(owner: { team: string | null }): Permission {
  return owner.team ? ALLOWED : refuse('You belong to no team in the directory, so there is nobody to share the view with.');
}

/**
 * The owner deletes their view; a manager of the team may also delete a view shared with that team (a view
 * left behind by someone who moved on, or one that misleads), but never a colleague's own.
 */
export function mayDeleteView(actor: ViewActor, view: Pick<SavedView, 'ownerId' | 'scope'>, ownerTeam: string | null): Permission {
  if (view.ownerId === actor.id) return ALLOWED;
  if (view.scope === 'team' && (actor.role === 'manager' || actor.role === 'admin') && actor.team !== null && actor.team === ownerTeam) return ALLOWED;
  return refuse('Only the colleague who saved this view, or a manager of the team it is shared with, may delete it.');
}
