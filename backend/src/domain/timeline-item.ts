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
    // Most fields are the same in both views (participants, holders): compared as values, stringified once.
    const asRedacted = sameJson(value, red[key]) ? asFull : JSON.stringify(red[key]);
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

/** Whether two answer values stringify alike: primitives, arrays and plain objects compared member by member. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let k = 0; k < a.length; k++) if (!sameJson(a[k], b[k])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let k = 0; k < ka.length; k++) {
    if (ka[k] !== kb[k] || !sameJson((a as Record<string, unknown>)[ka[k]!], (b as Record<string, unknown>)[kb[k]!])) return false;
  }
  return true;
}

// The stored answer is read as its UTF-8 bytes and the page assembled as bytes: a page is some 50 kB of mostly
// two-byte text (any character past U+00FF makes it so), which as strings was decoded, split, joined, encoded
// again for the socket and once more for its hash. The markers are single bytes in UTF-8 and never occur inside a
// multi-byte character (those bytes are all 0x80 or above), so the slots are found by byte.
const SLOT_BYTE = 0x01;
const OR_BYTE = 0x02;
const DEAL = 0x6f; // 'o'
const NO_NAME = Buffer.from('""');

/** The deal a stored answer (its UTF-8 bytes) names, if any. */
export function timelineItemOpportunityId(item: Buffer): string | null {
  // literal, slot, literal, ...: every slot is followed by its literal (maybe empty), so by the next marker.
  for (let s = item.indexOf(SLOT_BYTE); s >= 0; s = item.indexOf(SLOT_BYTE, item.indexOf(SLOT_BYTE, s + 1) + 1)) {
    if (item[s + 1] === DEAL) return item.toString('utf8', s + 2, item.indexOf(SLOT_BYTE, s + 1));
  }
  return null;
}

/** The most bytes writeTimelineItemAnswer writes for this item, given the longest deal name it may fill in. */
export function timelineItemAnswerBound(item: Buffer, longestName: number): number {
  return item.length + longestName;
}

/**
 * Writes the answer's JSON for a viewer who sees it in full or only its metadata (never for one who may not see
 * it) into `out` from `at`, the deals' names given as their JSON text; returns where it ended. `out` must have
 * timelineItemAnswerBound bytes free.
 */
export function writeTimelineItemAnswer(item: Buffer, see: 'full' | 'metadata', names: ReadonlyMap<string, Buffer>, out: Buffer, at: number): number {
  let pos = 0;
  for (let s = item.indexOf(SLOT_BYTE); s >= 0; s = item.indexOf(SLOT_BYTE, pos)) {
    at += item.copy(out, at, pos, s);
    const end = item.indexOf(SLOT_BYTE, s + 1);
    if (item[s + 1] === DEAL) at += (names.get(item.toString('utf8', s + 2, end)) ?? NO_NAME).copy(out, at);
    else {
      const or = item.indexOf(OR_BYTE, s + 2);
      at += see === 'full' ? item.copy(out, at, s + 2, or) : item.copy(out, at, or + 1, end);
    }
    pos = end + 1;
  }
  return at + item.copy(out, at, pos);
}

/** One answer's JSON text (tests, and any single answer): writeTimelineItemAnswer into a buffer of its own. */
export function timelineItemAnswer(item: Buffer, see: 'full' | 'metadata', names: ReadonlyMap<string, string>): string {
  const asJson = new Map([...names].map(([id, name]) => [id, Buffer.from(JSON.stringify(name))]));
  const out = Buffer.allocUnsafe(timelineItemAnswerBound(item, Math.max(0, ...[...asJson.values()].map((b) => b.length))));
  return out.toString('utf8', 0, writeTimelineItemAnswer(item, see, asJson, out, 0));
}
