// Who is on an Outlook item, as the API's participants: sender and recipients of an email, organizer and
// attendees of a meeting. An address appears once, in its first (strongest) role.
import type { MailAddress, OutlookItem } from '../../host/outlook-item.ts';

export type ParticipantRole = 'from' | 'to' | 'cc' | 'organizer' | 'attendee';
export interface ItemParticipant {
  role: ParticipantRole;
  address: string;
  displayName: string | null;
}

export function itemParticipants(item: OutlookItem): ItemParticipant[] {
  const list: [ParticipantRole, MailAddress | null][] = [];
  if (item.kind === 'message') {
    if (item.mode === 'read') list.push(['from', item.from]);
    for (const a of item.to) list.push(['to', a]);
    for (const a of item.cc) list.push(['cc', a]);
  } else {
    if (item.mode === 'read') list.push(['organizer', item.organizer]);
    for (const a of [...item.requiredAttendees, ...item.optionalAttendees]) list.push(['attendee', a]);
  }
  const seen = new Set<string>();
  const out: ItemParticipant[] = [];
  for (const [role, a] of list) {
    if (!a) continue;
    const key = a.address.trim().toLowerCase();
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push({ role, address: a.address.trim(), displayName: a.displayName });
  }
  return out;
}
