// Who may do what with an interaction: see it (in full, only that it happened, or not at all), change its note
// and opportunity, unlink it, or set who sees it. Visibility belongs to those who hold the email or meeting;
// the rest to its holders, a manager or an admin.
import type { Interaction, Role } from './types.ts';
import { forbidden } from './errors.ts';
import { canSee, redacted, type InteractionView } from './visibility.ts';

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

/**
 * The one rule every route, the sync and exports go by. Seeing follows holding, whatever the role: a manager
 * or an admin sees a colleague's private item no more than a salesperson does.
 */
export function interactionAccess(viewer: Viewer, i: Pick<Interaction, 'visibility' | 'holders'>): InteractionAccess {
  const holds = i.holders.some((h) => h.userId === viewer.userId);
  const see = !canSee(i.visibility, holds) ? 'none' : i.visibility === 'metadata' && !holds ? 'metadata' : 'full';
  const steward = holds || viewer.role !== 'rep';
  return { see, change: see === 'full' && steward, unlink: see !== 'none' && steward, setVisibility: see !== 'none' && holds };
}

/** The interaction as this viewer may see it (redacted when metadata only), or null when not at all. */
export function viewOf(viewer: Viewer, i: Interaction): InteractionView | null {
  const { see } = interactionAccess(viewer, i);
  return see === 'none' ? null : see === 'metadata' ? redacted(i) : { ...i, redacted: false };
}

/**
 * What logging an email or meeting by its key does for this person. Nothing stored: a new interaction. They
 * hold it (or their synced mailbox does): they join it as a logger. Not theirs but shared and live: they join
 * it too, there is nothing to reveal or open. Otherwise (private, metadata-only, or removed by its holders) the
 * key proves nothing, so their log becomes a note of their own, linked to nothing private.
 */
export function logByKeyOutcome(
  viewer: Viewer, stored: { visibility: Interaction['visibility']; holders: Pick<Interaction['holders'][number], 'userId'>[]; removed: boolean } | null,
): 'create' | 'join' | 'note' {
  if (!stored) return 'create';
  if (stored.holders.some((h) => h.userId === viewer.userId)) return 'join';
  return !stored.removed && stored.visibility === 'shared' ? 'join' : 'note';
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
