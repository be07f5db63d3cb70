// The POST /api/interactions body for the selected email or meeting, keyed as the mailbox sync keys it: an
// email by its Message-ID, a meeting by its organizer, start and subject (office.js does not expose iCalUId;
// the backend recognises the synced copy by the same three facts).
import type { AppointmentRead, MessageRead } from '../../host/outlook-item.ts';
import { itemParticipants } from './item-participants.ts';

export interface LogChoices {
  note: string | null;
  opportunityId: string | null;
  visibility: 'shared' | 'metadata' | 'private';
  /** YYYY-MM-DD: a follow-up for the person logging, shown in their Today when due. */
  followUpOn?: string | null;
  /** Undefined: the accounts the participants match. */
  accountIds?: string[];
}

const MAX_SUBJECT = 500;

export function logRequest(item: MessageRead | AppointmentRead, choices: LogChoices) {
  const participants = itemParticipants(item).filter((p) => /^[^@\s]+@[^@\s]+$/.test(p.address));
  const subject = item.subject.trim().slice(0, MAX_SUBJECT) || null;
  const common = {
    subject,
    participants,
    note: choices.note?.trim() || null,
    opportunityId: choices.opportunityId,
    visibility: choices.visibility,
    followUpOn: choices.followUpOn || null,
    source: 'addin' as const,
    ...(choices.accountIds && choices.accountIds.length ? { accountIds: choices.accountIds } : {}),
  };
  if (item.kind === 'message') {
    return { ...common, kind: 'email' as const, internetMessageId: item.internetMessageId, ...(item.sentAt !== null ? { occurredAt: item.sentAt } : {}) };
  }
  const minutes = item.start !== null && item.end !== null ? Math.max(0, Math.min(24 * 60, Math.round((item.end - item.start) / 60_000))) : null;
  return { ...common, kind: 'meeting' as const, durationMinutes: minutes, ...(item.start !== null ? { occurredAt: item.start } : {}) };
}
