// What a colleague may see of an interaction. private: only its holders; metadata: that a contact happened,
// when, with whom and through which channel, never the subject, snippet or note; shared: all of it.
import type { Interaction, Visibility } from './types.ts';

export interface InteractionView extends Interaction {
  /** True when the content was withheld from this viewer (a metadata-only item they do not hold). */
  redacted: boolean;
}

export function canSee(visibility: Visibility, viewerHolds: boolean): boolean {
  return visibility !== 'private' || viewerHolds;
}

/**
 * What a viewer who does not hold a metadata-only item sees: no content, and nothing that names the message
 * either. Its key (Message-ID, iCalUId) would let them log it as their own and read or reopen it.
 */
export function redacted(interaction: Interaction): InteractionView {
  return { ...interaction, subject: null, snippet: null, note: null, externalKey: null, businessReview: null, redacted: true };
}

/** Opening order: a user who logs an item by hand shares at least as much as was already shared. */
export function widerVisibility(a: Visibility, b: Visibility): Visibility {
  const rank: Record<Visibility, number> = { private: 0, metadata: 1, shared: 2 };
  return rank[a] >= rank[b] ? a : b;
}

/** The more private of two: what both of two choices allow. */
export function narrowerVisibility(a: Visibility, b: Visibility): Visibility {
  return widerVisibility(a, b) === a ? b : a;
}
