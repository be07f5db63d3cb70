// What erasing a person removes and what it keeps, and how an erased address is recognised later without being
// kept. Pure: the secret comes in as a value. The interaction rows stay (they are counted in aggregates) with the
// person's parts blanked; a keyed hash of each address stops sync, logging and imports re-creating them.
import { createHmac } from 'node:crypto';
import { normalizeAddress } from './addresses.ts';
import type { Participant } from './types.ts';

/** What an erased contact's and account's names become: the rows stay for counts, nameless. */
export const ERASED_CONTACT_NAME = 'Erased contact';
export const ERASED_ACCOUNT_NAME = 'Erased account';

/**
 * The suppression key of an address: HMAC-SHA256 under the tenant's secret, over the canonical address, so the
 * same person matches however their address was written, and the key says nothing without the secret.
 */
export function suppressionKey(secret: string, address: string): string {
  const canonical = normalizeAddress(address) ?? address.trim().toLowerCase();
  return createHmac('sha256', secret).update(canonical).digest('hex');
}

/** What an erased participant's address becomes: stable per person (counts by participant still add up), not reversible. */
export function erasedPlaceholder(key: string): string {
  return `erased-${key.slice(0, 16)}`;
}

export const isErasedPlaceholder = (address: string): boolean => /^erased-[0-9a-f]{16}$/.test(address);

export interface InteractionErasure {
  /** Ordinals of the participants to anonymise. */
  ordinals: number[];
  /** The person was the only external party: the subject, snippet and note are about them and go too. */
  blankContent: boolean;
}

/**
 * For one interaction: which participants are the erased person (by contact or by address) and whether they were
 * its only external party. Colleagues (a user id) are not external; an already-erased placeholder does not count
 * as another party.
 */
export function planInteractionErasure(
  participants: readonly Participant[], erased: { contactIds: ReadonlySet<string>; addresses: ReadonlySet<string> },
): InteractionErasure {
  const isErased = (p: Participant) =>
    (p.contactId !== null && erased.contactIds.has(p.contactId)) || erased.addresses.has(normalizeAddress(p.address) ?? p.address.toLowerCase());
  const ordinals = participants.flatMap((p, i) => (isErased(p) ? [i] : []));
  const others = participants.filter((p, i) => p.userId === null && !ordinals.includes(i) && !isErasedPlaceholder(p.address));
  return { ordinals, blankContent: ordinals.length > 0 && others.length === 0 };
}

/**
 * Of an item's participants, those that may be stored: suppressed addresses are dropped. `onlySuppressed` is true
 * when every external party was suppressed, so the item is about an erased person alone.
 */
export function withoutSuppressed<P extends { address: string }>(
  participants: readonly P[], isExternal: (p: P) => boolean, suppressed: ReadonlySet<string>,
): { kept: P[]; dropped: number; onlySuppressed: boolean } {
  const isSuppressed = (p: P) => suppressed.has(normalizeAddress(p.address) ?? p.address.toLowerCase());
  const kept = participants.filter((p) => !isSuppressed(p));
  const dropped = participants.length - kept.length;
  return { kept, dropped, onlySuppressed: dropped > 0 && !kept.some(isExternal) };
}
