// Online Teams meetings as Graph writes them on an event: the meeting chat's thread id and the join URL that
// carries it. Documented shape ("Create or set an event as an online meeting in an Outlook calendar", the
// onlineMeetingInfo resource):
//   "onlineMeetingProvider": "teamsForBusiness",
//   "onlineMeeting": { "joinUrl": "https://teams.microsoft.com/l/meetup-join/19%3ameeting_ODky...%40thread.v2/0?context=%7b%22Tid%22%3a%22<tenant>%22%2c%22Oid%22%3a%22<organizer>%22%7d",
//                      "conferenceId": "291633251", "tollNumber": "+1 323-555-0166", ... }
// The thread is "19:meeting_" + base64 of a GUID string + "@thread.v2"; Graph encodes the URL with lower-case hex.
import { createHash } from 'node:crypto';

/** The emulator's one tenant, as it appears in join URLs. */
export const EMULATOR_TENANT_ID = '51f3c965-b66f-4974-b8a1-92b83c2744d2';

function guidOf(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The chat thread of the meeting with this iCalUId: derived from it, so every attendee's copy of the meeting
 * (one iCalUId) has the same join URL, as in Teams.
 */
export function teamsThreadIdFor(iCalUId: string): string {
  return `19:meeting_${Buffer.from(guidOf(`thread:${iCalUId}`)).toString('base64').replace(/=+$/, '')}@thread.v2`;
}

const lowerHex = (s: string) => encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase());

export function teamsJoinUrl(threadId: string, organizerAddress: string | null): string {
  const context = JSON.stringify({ Tid: EMULATOR_TENANT_ID, Oid: guidOf(`user:${(organizerAddress ?? '').toLowerCase()}`) });
  return `https://teams.microsoft.com/l/meetup-join/${lowerHex(threadId)}/0?context=${lowerHex(context)}`;
}

/** A conference id of nine digits, stable per thread. */
export function conferenceIdFor(threadId: string): string {
  return String(parseInt(createHash('sha256').update(threadId).digest('hex').slice(0, 12), 16) % 1_000_000_000).padStart(9, '1');
}
