// A Microsoft Teams chat thread id, as teams-js gives a meeting tab its chat.id and as a meeting's join URL
// carries it: "19:<id>@thread.<kind>" (meeting chats are 19:meeting_...@thread.v2, channel meetings
// @thread.tacv2, older ones @thread.skype). Pure.
// Printable ASCII only (no '/', '?' or '#'): Teams ids are base64, hex and punctuation, and a control character
// such as NUL would otherwise reach the store, where PostgreSQL refuses it in a text parameter (a 500).
// No flags: the API document publishes this as a JSON Schema pattern, which has none (an /i would leak as text),
// so "thread" is matched in either case by its character classes.
export const TEAMS_THREAD_ID = /^19:(?:(?![/?#])[\x21-\x7e]){1,400}@[Tt][Hh][Rr][Ee][Aa][Dd]\.[A-Za-z0-9]{1,16}$/;

export function isTeamsThreadId(value: string | null | undefined): value is string {
  return typeof value === 'string' && TEAMS_THREAD_ID.test(value);
}
