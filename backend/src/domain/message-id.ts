// Deduplication keys: an email is one interaction per tenant by its Message-ID, a meeting by its iCalUId.
import { createHash } from 'node:crypto';
import { normalizeAddress } from './addresses.ts';

/**
 * RFC 5322 msg-id without its angle brackets and surrounding space. Case is kept: the id is compared
 * byte for byte (the mail gem and nodemailer keep it too), and Exchange returns it unchanged for every
 * recipient's copy. Returns null for an empty or malformed id (no "@", inner whitespace).
 */
export function normalizeMessageId(raw: string | null | undefined): string | null {
  if (!raw) return null;
  // eslint-disable-next-line no-control-regex
  let s = raw.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (s.startsWith('<') && s.endsWith('>')) s = s.slice(1, -1).trim();
  if (!s || /\s|[<>]/.test(s) || !s.includes('@')) return null;
  return s;
}

/** Subject for comparison: reply and forward prefixes (English, Finnish, Swedish, German) dropped. */
export function normalizeSubject(subject: string | null | undefined): string {
  let s = (subject ?? '').trim();
  for (;;) {
    const next = s.replace(/^\s*(re|fw|fwd|vs|vl|sv|aw|wg|tr|vast|ant)\s*(\[\d+\])?\s*:\s*/i, '');
    if (next === s) break;
    s = next;
  }
  return s.replace(/\s+/g, ' ').toLowerCase();
}

/**
 * "msgid:<id>" when the Message-ID is usable. Otherwise (some gateways and drafts lack one) a fingerprint
 * every copy of the same email shares: sender, sent time to the second, subject without prefixes, and the
 * sorted recipients. Copies in Inbox and Sent Items and in colleagues' mailboxes agree on all four.
 */
export function emailExternalKey(m: {
  internetMessageId: string | null | undefined;
  from: string | null;
  sentAt: number;
  subject: string | null;
  to: string[];
}): string {
  const id = normalizeMessageId(m.internetMessageId);
  if (id) return `msgid:${id}`;
  const recipients = m.to.map((a) => normalizeAddress(a) ?? a.toLowerCase()).sort();
  const basis = [normalizeAddress(m.from) ?? '', Math.floor(m.sentAt / 1000), normalizeSubject(m.subject), recipients.join(',')].join('|');
  return `msgfp:${createHash('sha256').update(basis).digest('hex')}`;
}

/** Graph's iCalUId is shared by every attendee's copy and differs per occurrence of a series. */
export function meetingExternalKey(iCalUId: string): string {
  return `ical:${iCalUId.trim()}`;
}
