// Deduplication keys: an email is one interaction per tenant by its Message-ID, a meeting by its iCalUId.
import { createHash } from 'node:crypto';
import { normalizeAddress } from './addresses.ts';

/**
 * The RFC 5322 msg-id without its angle brackets. Case and inner characters are kept (the id is compared
 * byte for byte; the mail gem keeps it so and Exchange hands every recipient's copy the same string);
 * control characters go (nodemailer strips them) and surrounding space inside the brackets is trimmed, since
 * copies may differ only by header folding. Of several ids ("<a> <b>") the first counts. Null when nothing
 * usable is left: empty, or only quotes.
 */
export function normalizeMessageId(raw: string | null | undefined): string | null {
  if (!raw) return null;
  // eslint-disable-next-line no-control-regex
  let s = raw.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (s.startsWith('<')) {
    const close = s.indexOf('>');
    s = (close === -1 ? s.slice(1) : s.slice(1, close)).trim();
  }
  if (!s || /^["\s]*$/.test(s)) return null;
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
