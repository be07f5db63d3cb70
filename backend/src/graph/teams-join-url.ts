// The Teams chat thread of an online meeting, read from the event's onlineMeeting.joinUrl. It is how a meeting in
// a calendar and the meeting a Teams side panel runs in (teams-js app.Context chat.id) are known to be the same.
//
// Documented wire format ("Create or set an event as an online meeting in an Outlook calendar", and the
// onlineMeetingInfo resource): an event with isOnlineMeeting true and onlineMeetingProvider "teamsForBusiness" has
//   "onlineMeeting": { "joinUrl": "https://teams.microsoft.com/l/meetup-join/19%3ameeting_ODky...%40thread.v2/0?context=%7b%22Tid%22%3a%22...%22%2c%22Oid%22%3a%22...%22%7d", ... }
// The first path segment after meetup-join is the meeting chat's thread id, URL-encoded (lower-case hex).
// Newer short join links (https://teams.microsoft.com/meet/<id>?p=<passcode>) do not carry the thread: they read
// as null, and such a meeting is simply not found by chat id.
import { isTeamsThreadId } from '../domain/teams-thread-id.ts';

const JOIN_HOSTS = new Set(['teams.microsoft.com', 'teams.live.com', 'gov.teams.microsoft.us', 'dod.teams.microsoft.us', 'teams.microsoftonline.cn']);

/** The chat thread id in a Teams meetup-join URL, or null when the URL is not one (or carries none). */
export function teamsThreadIdOfJoinUrl(joinUrl: string | null | undefined): string | null {
  if (!joinUrl) return null;
  let url: URL;
  try {
    url = new URL(joinUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || !JOIN_HOSTS.has(url.hostname.toLowerCase())) return null;
  const parts = url.pathname.split('/');
  // ['', 'l', 'meetup-join', '<thread>', '<message id>']
  if (parts[1]?.toLowerCase() !== 'l' || parts[2]?.toLowerCase() !== 'meetup-join' || !parts[3]) return null;
  let thread: string;
  try {
    thread = decodeURIComponent(parts[3]);
  } catch {
    return null;
  }
  return isTeamsThreadId(thread) ? thread : null;
}

