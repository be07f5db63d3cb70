// Graph paths for single-item reads (as $batch requests), with the same $select and $expand as delta uses.
import { EVENT_SELECT, MESSAGE_SELECT, messageExpand } from './select-fields.ts';

const segment = (value: string) => encodeURIComponent(value);

/** GET path of one message, relative to the version root, e.g. for a change notification's resourceData.id. */
export function messagePath(mailbox: string, messageId: string, select: readonly string[] = MESSAGE_SELECT, addInId: string | null = null): string {
  return `/users/${segment(mailbox)}/messages/${segment(messageId)}?$select=${select.map(encodeURIComponent).join(',')}` +
    `&$expand=${encodeURIComponent(messageExpand(addInId))}`;
}

/** GET path of one event, relative to the version root. */
export function eventPath(mailbox: string, eventId: string): string {
  return `/users/${segment(mailbox)}/events/${segment(eventId)}?$select=${EVENT_SELECT.join(',')}`;
}
