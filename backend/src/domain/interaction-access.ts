// Who may do what with an interaction: see it (in full, only that it happened, or not at all), change its note
// and opportunity, unlink it, or set who sees it. Visibility belongs to those who hold the email or meeting;
// the rest to its holders, a manager or an admin.
import type { Interaction, Role } from './types.ts';
import { forbidden } from './errors.ts';
import { canSee, viewFor, type InteractionView } from './visibility.ts';

export interface Viewer {
  userId: string;
  role: Role;
}

export interface InteractionAccess {
  see: 'full' | 'metadata' | 'none';
  change: boolean;
  unlink: boolean;
  setVisibility: boolean;
}

export function interactionAccess(viewer: Viewer, i: Pick<Interaction, 'visibility' | 'holders'>): InteractionAccess {
  const holds = i.holders.some((h) => h.userId === viewer.userId);
  // The same rule viewFor applies: what a non-holder may not see, or sees redacted.
  const see = !canSee(i.visibility, holds) ? 'none' : i.visibility === 'metadata' && !holds ? 'metadata' : 'full';
  const steward = holds || viewer.role !== 'rep';
  return { see, change: see === 'full' && steward, unlink: see !== 'none' && steward, setVisibility: see !== 'none' && holds };
}

/** The interaction as this viewer may see it (redacted when metadata only), or null when not at all. */
export function viewOf(viewer: Viewer, i: Interaction): InteractionView | null {
  return viewFor(i, viewer.userId);
}

/** Throws the reason the viewer may not make this change (a visible interaction), in the order it is checked. */
export function assertMayChange(viewer: Viewer, i: Pick<Interaction, 'visibility' | 'holders'>, patch: { visibility?: unknown }): void {
  const access = interactionAccess(viewer, i);
  const holds = i.holders.some((h) => h.userId === viewer.userId);
  if (patch.visibility !== undefined && !access.setVisibility) throw forbidden('Only the people who hold this email or meeting can change who sees it.');
  if (!holds && viewer.role === 'rep') throw forbidden('Only its holders, a manager or an admin can change this interaction.');
  if (!access.change) throw forbidden('You see only that this contact happened; its content is not yours to change.');
}

export function assertMayUnlink(viewer: Viewer, i: Pick<Interaction, 'visibility' | 'holders'>): void {
  if (!interactionAccess(viewer, i).unlink) throw forbidden('Only its holders, a manager or an admin can remove this interaction.');
}
