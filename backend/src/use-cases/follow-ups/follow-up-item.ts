// What a reader may see of the item a follow-up came from: a follow-up handed to a colleague does not open the
// email or meeting to them; its words show only to those the interaction's own rule lets read it in full.
import { interactionAccess } from '../../domain/interaction-access.ts';
import type { Role } from '../../domain/types.ts';
import type { FollowUpDetail } from '../../store/follow-ups.ts';

function readsInFull(userId: string, f: FollowUpDetail, role: Role = 'rep'): boolean {
  const holders = f.item.holderIds.map((id) => ({ userId: id, relation: 'holds' as const, at: 0 }));
  return interactionAccess({ userId, role }, { visibility: f.item.visibility, holders }).see === 'full';
}

/** The item's subject (or, for a note or call without one, the first line of its note) when the reader may read it. */
export function itemSubjectFor(userId: string, f: FollowUpDetail, role?: Role): string | null {
  if (!readsInFull(userId, f, role)) return null;
  const firstLine = f.item.note?.split('\n').find((l) => l.trim() !== '')?.trim() ?? null;
  return f.item.subject ?? (firstLine ? firstLine.slice(0, 120) : null);
}
