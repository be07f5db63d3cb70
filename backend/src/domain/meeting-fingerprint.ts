// A meeting's identity when its iCalUId is not at hand: office.js gives an Outlook add-in no iCalUId, so the
// add-in's log and the calendar sync's copy are joined by what both see the same: the organizer, the start
// (to the minute) and the subject without reply prefixes.
import { createHash } from 'node:crypto';
import { normalizeAddress } from './addresses.ts';
import { normalizeSubject } from './normalize-subject.ts';

export const MEETING_FINGERPRINT_PREFIX = 'mtgfp:';

export function meetingFingerprintKey(m: { organizer: string | null | undefined; start: number; subject: string | null }): string | null {
  const organizer = m.organizer ? (normalizeAddress(m.organizer) ?? m.organizer.trim().toLowerCase()) : '';
  if (!organizer) return null;
  const minute = Math.floor(m.start / 60_000);
  const basis = JSON.stringify([organizer, minute, normalizeSubject(m.subject)]);
  return `${MEETING_FINGERPRINT_PREFIX}${createHash('sha256').update(basis).digest('hex')}`;
}
