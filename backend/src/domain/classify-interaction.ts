// Is this message or meeting customer contact? Only 'customer' is ever stored; everything else is skipped,
// with a reason the sync health page can show.
import type { AddressMatch } from './match-participants.ts';
import type { Direction } from './types.ts';

export type Classification = 'customer' | 'internal' | 'personal' | 'automated' | 'private' | 'blocked' | 'draft' | 'cancelled';

/** Outlook's sensitivity (Graph: event.sensitivity; a message's PidTagSensitivity). */
export type Sensitivity = 'normal' | 'personal' | 'private' | 'confidential';

export interface ClassificationResult {
  classification: Classification;
  /** For logs and the sync health page; the UI words the classification itself. */
  reason: string;
}

export interface MessageToClassify {
  sensitivity: Sensitivity | null;
  isDraft: boolean;
  /**
   * Set by the mail adapter when headers say a machine sent it: Auto-Submitted other than "no" (RFC 3834),
   * Precedence bulk/list/junk, or List-Unsubscribe. Catches newsletters from addresses that look personal.
   */
  machineGenerated?: boolean;
  from: AddressMatch | null;
  /** To and Cc (and Bcc on the sender's own copy), matched. */
  recipients: readonly AddressMatch[];
}

export interface EventToClassify {
  sensitivity: Sensitivity | null;
  isCancelled: boolean;
  organizer: AddressMatch | null;
  /** People only: the adapter leaves out resources (rooms, equipment), which are mailboxes, not participants. */
  attendees: readonly AddressMatch[];
}

const CUSTOMER_KINDS: ReadonlySet<AddressMatch['kind']> = new Set(['contact', 'account', 'ambiguous', 'unknown']);

export function classifyMessage(m: MessageToClassify): ClassificationResult {
  const draft = m.isDraft ? ({ classification: 'draft', reason: 'an unsent draft' } as const) : null;
  return classify(m.sensitivity, draft, m.from, m.recipients, m.machineGenerated ?? false, 'sender');
}

export function classifyEvent(e: EventToClassify): ClassificationResult {
  const cancelled = e.isCancelled ? ({ classification: 'cancelled', reason: 'a cancelled meeting never took place' } as const) : null;
  return classify(e.sensitivity, cancelled, e.organizer, e.attendees, false, 'organizer');
}

/**
 * In order: private (and personal) sensitivity is never stored, whoever takes part; then drafts and
 * cancelled meetings, which did not happen (yet); only colleagues is internal; anyone on the blocklist blocks
 * the whole item; an automated sender (or organizer) makes it automated; one external who is or could be a customer (a contact, even at a public provider, or anyone at
 * a non-public, non-internal domain) makes it customer contact; strangers at public providers only is personal.
 * Confidential is business mail and classified like normal; who may see it is the visibility's concern.
 */
function classify(
  sensitivity: Sensitivity | null,
  notHappened: ClassificationResult | null,
  sender: AddressMatch | null,
  others: readonly AddressMatch[],
  machineGenerated: boolean,
  senderRole: 'sender' | 'organizer',
): ClassificationResult {
  if (sensitivity === 'private') return { classification: 'private', reason: 'marked private by its owner' };
  if (sensitivity === 'personal') return { classification: 'personal', reason: 'marked personal by its owner' };
  if (notHappened) return notHappened;
  const everyone = (sender ? [sender, ...others] : [...others]).filter((p) => p.kind !== 'invalid');
  if (everyone.every((p) => p.kind === 'colleague')) return { classification: 'internal', reason: 'only colleagues take part' };
  if (everyone.some((p) => p.kind === 'blocked')) return { classification: 'blocked', reason: 'a participant is on the tenant’s blocklist' };
  if (sender?.automated) return { classification: 'automated', reason: `the ${senderRole} is an automated address` };
  if (machineGenerated) return { classification: 'automated', reason: 'its headers mark it as bulk or automatically sent' };
  const external = everyone.filter((p) => p.kind !== 'colleague');
  if (external.some((p) => CUSTOMER_KINDS.has(p.kind) && !p.automated)) {
    return { classification: 'customer', reason: 'an external participant is or could be a customer' };
  }
  if (external.every((p) => p.automated)) return { classification: 'automated', reason: 'the only external participants are automated addresses' };
  return { classification: 'personal', reason: 'the external participants are strangers at public mailbox providers' };
}

/** Inbound when the sender is external, outbound when a colleague sent it; null without a usable sender. */
export function directionOf(from: AddressMatch | null): Direction | null {
  if (!from || from.kind === 'invalid') return null;
  return from.kind === 'colleague' ? 'outbound' : 'inbound';
}

/** Only customer contact is ever stored. */
export function isCapturable(classification: Classification): boolean {
  return classification === 'customer';
}
