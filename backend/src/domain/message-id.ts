// Deduplication keys: an email is one interaction per tenant by its Message-ID, a meeting occurrence by its
// iCalUId, however many colleagues hold a copy.
import { createHash } from 'node:crypto';
import { normalizeAddress } from './addresses.ts';
import { normalizeSubject } from './normalize-subject.ts';

/**
 * The RFC 5322 msg-id without its angle brackets, or null when nothing usable is left.
 * - Case and every inner character are kept: the id is compared byte for byte (RFC 5322 gives the left part no
 *   case-insensitivity, and generators such as Exchange put case-significant base64 there). The mail gem keeps
 *   it so; twenty stores Graph's value with brackets, and we drop them because some sources omit them
 *   (nodemailer adds them only when writing).
 * - Control characters go, as nodemailer strips them.
 * - Differs from the mail gem on purpose: space just inside the brackets is trimmed (header folding; two copies
 *   differing only there are one email), and an unterminated "<id" loses its "<" so it equals the full "<id>".
 * - Of several ids ("<a> <b>") the first counts, as in the mail gem's Message-ID field.
 * - Garbage (no letter or digit at all: "", "<>", quotes only) gives null, and emailExternalKey falls back.
 */
export function normalizeMessageId(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let s = raw.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (s.startsWith('<')) {
    const close = s.indexOf('>');
    s = (close === -1 ? s.slice(1) : s.slice(1, close)).trim();
  }
  return /[\p{L}\p{N}]/u.test(s) ? s : null;
}

export interface EmailKeyInput {
  internetMessageId: string | null | undefined;
  from: string | null;
  /** Epoch ms; null for a draft (which is never stored anyway). */
  sentAt: number | null;
  subject: string | null;
  /** To and Cc. Never Bcc: only the sender's copy lists it, so it would split the copies. */
  to: readonly string[];
}

/**
 * "msgid:<id>" when the Message-ID is usable. Otherwise (some gateways and drafts have none) a fingerprint that
 * every copy of the same email shares: "msgfp:" + sha256 hex of [from, sentAt truncated to the second (copies
 * differ in milliseconds), subject without RE:/FW:/VS:/VL:/AW:/SV: prefixes, sorted unique recipients], all
 * canonical. JSON-encoded so that no field's content can shift into the next one.
 */
export function emailExternalKey(m: EmailKeyInput): string {
  const id = normalizeMessageId(m.internetMessageId);
  if (id) return `msgid:${id}`;
  const canon = (a: string) => normalizeAddress(a) ?? a.trim().toLowerCase();
  const recipients = [...new Set(m.to.map(canon))].sort();
  const sentSecond = m.sentAt === null ? null : Math.floor(m.sentAt / 1000);
  const basis = JSON.stringify([m.from === null ? '' : canon(m.from), sentSecond, normalizeSubject(m.subject), recipients]);
  return `msgfp:${createHash('sha256').update(basis).digest('hex')}`;
}

/**
 * "ical:<iCalUId>". Graph's iCalUId is the same in every attendee's copy of a meeting and, unlike iCal's UID,
 * differs for each occurrence of a recurring series, so each occurrence is its own interaction. Kept
 * byte for byte (trimmed); null when there is none, since a meeting without one cannot be deduplicated.
 */
export function meetingExternalKey(iCalUId: string | null | undefined): string | null {
  const id = iCalUId?.trim();
  return id ? `ical:${id}` : null;
}
