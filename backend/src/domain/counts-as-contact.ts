// Which interactions move an account's last contact (the care model's clock).
import type { InteractionKind } from './types.ts';

/** Notes are the team's own words, not contact with the customer: they do not move the last contact. */
export function countsAsContact(kind: InteractionKind | string): boolean {
  return kind !== 'note';
}
