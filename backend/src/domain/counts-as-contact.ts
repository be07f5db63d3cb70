// Which interactions move an account's last contact (the care model's clock).
import type { InteractionKind } from './types.ts';

/** Kinds that are not contact, for queries that filter timeline rows (last contact, per-user contact). */
export const NOT_CONTACT_KINDS: readonly InteractionKind[] = ['note'];

/** Notes are the team's own words, not contact with the customer: they do not move the last contact. */
export function countsAsContact(kind: InteractionKind | string): boolean {
  return !(NOT_CONTACT_KINDS as readonly string[]).includes(kind);
}
