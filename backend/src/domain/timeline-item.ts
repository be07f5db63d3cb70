// An interaction as the API answers it, and the timeline's stored form of that answer: the JSON text with slots
// where it depends on the viewer (their full or redacted view) or on data kept elsewhere (the linked deal's
// name). A page is then the stored texts with their slots filled, joined: no parse and re-serialise per request.
// The text is produced from interactionAnswer itself, so the two cannot drift apart.
import type { InteractionView } from './visibility.ts';
import { redacted } from './visibility.ts';
import type { Interaction } from './types.ts';

/**
 * An interaction as its viewer may see it (visibility applied beforehand, domain/interaction-access.ts viewOf).
 * `opportunityNames` names the linked deal (store/opportunities.ts opportunityNames); a deal not in it is shown
 * by id with an empty name rather than dropped. routes/views.ts answers with this (interactionView).
 */
export function interactionAnswer(v: InteractionView, opportunityNames: ReadonlyMap<string, string>) {
  return {
    id: v.id, kind: v.kind, direction: v.direction, occurredAt: v.occurredAt, subject: v.subject, snippet: v.snippet, note: v.note,
    durationMinutes: v.durationMinutes,
    participants: v.participants.map((p) => ({ role: p.role, address: p.address, displayName: p.displayName, userId: p.userId, contactId: p.contactId })),
    accountIds: v.accountIds, opportunityId: v.opportunityId,
    opportunity: v.opportunityId ? { id: v.opportunityId, name: opportunityNames.get(v.opportunityId) ?? '' } : null,
    source: v.source, visibility: v.visibility,
    holders: v.holders.map((h) => ({ userId: h.userId, relation: h.relation, at: h.at })),
    externalKey: v.externalKey,
    // Only a person's mark: absent, the subject decides. Stored answers from before the mark need no rebuild.
    ...(v.businessReview != null && { businessReview: v.businessReview }),
    redacted: v.redacted, createdAt: v.createdAt, updatedAt: v.updatedAt,
  };
}

// JSON.stringify escapes every control character, so these two never occur in its output: they mark the slots.
const SLOT = '\u0001';
const OR = '\u0002';

/**
 * The stored answer: literal JSON, then slots, each either `v<full>\u0002<redacted>` (a field whose value the
 * metadata-only view withholds: the two JSON values) or `o<opportunity id>` (the deal's name, looked up when read).
 */
export function timelineItemTemplate(i: Interaction): string {
  const full = interactionAnswer({ ...i, redacted: false }, new Map());
  const red = interactionAnswer(redacted(i), new Map()) as Record<string, unknown>;
  let literal = '{';
  const out: string[] = [];
  let first = true;
  for (const [key, value] of Object.entries(full)) {
    if (value === undefined) continue;
    literal += `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    const asFull = JSON.stringify(value);
    const asRedacted = JSON.stringify(red[key]);
    if (key === 'opportunity' && value) {
      // {"id":...,"name":<slot>} in interactionAnswer's key order.
      let inner = '{';
      for (const [k, x] of Object.entries(value)) {
        inner += `${inner === '{' ? '' : ','}${JSON.stringify(k)}:`;
        if (k === 'name') {
          out.push(literal + inner, `o${full.opportunityId}`);
          literal = '';
          inner = '';
        } else inner += JSON.stringify(x);
      }
      literal += `${inner}}`;
    } else if (asFull !== asRedacted) {
      out.push(literal, `v${asFull}${OR}${asRedacted}`);
      literal = '';
    } else literal += asFull;
  }
  out.push(`${literal}}`);
  return out.join(SLOT);
}

/** A stored answer split at its slots: literal, slot, literal, ... (parse once, fill per viewer). */
export function timelineItemParts(template: string): string[] {
  return template.split(SLOT);
}

/** The deal a stored answer names, if any. */
export function timelineItemOpportunityId(parts: readonly string[]): string | null {
  for (let k = 1; k < parts.length; k += 2) if (parts[k]!.startsWith('o')) return parts[k]!.slice(1);
  return null;
}

/** The answer's JSON text for a viewer who sees it in full or only its metadata (never for one who may not see it). */
export function timelineItemAnswer(parts: readonly string[], see: 'full' | 'metadata', opportunityNames: ReadonlyMap<string, string>): string {
  let out = parts[0]!;
  for (let k = 1; k < parts.length; k += 2) {
    const slot = parts[k]!;
    if (slot.startsWith('o')) out += JSON.stringify(opportunityNames.get(slot.slice(1)) ?? '');
    else {
      const or = slot.indexOf(OR);
      out += see === 'full' ? slot.slice(1, or) : slot.slice(or + 1);
    }
    out += parts[k + 1]!;
  }
  return out;
}
