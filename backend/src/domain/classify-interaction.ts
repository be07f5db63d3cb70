// Is this message or meeting customer contact? Only 'customer' is ever stored; everything else is skipped
// with a reason the sync health page can show.
import type { AddressMatch } from './match-participants.ts';

export type Classification = 'customer' | 'internal' | 'personal' | 'automated' | 'private' | 'blocked' | 'draft' | 'cancelled';

export type Sensitivity = 'normal' | 'personal' | 'private' | 'confidential';

export interface ClassifyInput {
  sensitivity: Sensitivity | null;
  isDraft?: boolean;
  isCancelled?: boolean;
  /** The match of the sender (message) or organizer (event), if any. */
  sender: AddressMatch | null;
  /** Every participant, the sender included. */
  participants: AddressMatch[];
}

const EXTERNAL_CUSTOMER = new Set(['contact', 'account', 'ambiguous', 'unknown']);

export function classifyInteraction(input: ClassifyInput): { classification: Classification; reason: string } {
  if (input.sensitivity === 'private') return { classification: 'private', reason: 'marked private by its owner' };
  if (input.isDraft) return { classification: 'draft', reason: 'an unsent draft' };
  if (input.isCancelled) return { classification: 'cancelled', reason: 'a cancelled meeting' };
  if (input.participants.some((p) => p.kind === 'blocked')) return { classification: 'blocked', reason: 'a participant is on the tenant’s blocklist' };
  if (input.sender?.automated) return { classification: 'automated', reason: 'sent by an automated sender' };
  const external = input.participants.filter((p) => p.kind !== 'colleague' && p.kind !== 'invalid');
  if (external.length === 0) return { classification: 'internal', reason: 'only colleagues take part' };
  // A known contact at a public mailbox is still a customer; a stranger at one is someone's private mail.
  if (external.some((p) => EXTERNAL_CUSTOMER.has(p.kind) && !p.automated)) return { classification: 'customer', reason: 'an external participant is or could be a customer' };
  if (external.every((p) => p.automated)) return { classification: 'automated', reason: 'only automated senders take part' };
  return { classification: 'personal', reason: 'external participants only at public mailbox providers' };
}

export const isCapturable = (c: Classification) => c === 'customer';
