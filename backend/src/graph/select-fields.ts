// Exactly what Suhde reads from Graph: nothing else is requested, and message bodies never are.

/**
 * Message properties for $select. "message: delta" supports $select (the id "is always returned").
 * Graph's v1.0 message has no `sensitivity` property (only event has one): a message's sensitivity is MAPI's
 * PidTagSensitivity, read through MESSAGE_EXPAND_SENSITIVITY below.
 */
export const MESSAGE_SELECT = [
  'id', 'internetMessageId', 'conversationId', 'subject', 'from', 'sender', 'toRecipients', 'ccRecipients',
  'sentDateTime', 'receivedDateTime', 'isDraft', 'parentFolderId',
] as const;

/** MESSAGE_SELECT plus bodyPreview, for tenants whose settings allow snippets. */
export const MESSAGE_SELECT_WITH_PREVIEW = [...MESSAGE_SELECT, 'bodyPreview'] as const;

export function messageSelect(storeSnippets: boolean): readonly string[] {
  return storeSnippets ? MESSAGE_SELECT_WITH_PREVIEW : MESSAGE_SELECT;
}

/** PidTagSensitivity (0x0036, PT_LONG): 0 normal, 1 personal, 2 private, 3 confidential. */
export const SENSITIVITY_PROPERTY_ID = 'Integer 0x0036';

/**
 * "Get singleValueLegacyExtendedProperty": `$expand=singleValueExtendedProperties($filter=id eq '{id_value}')`;
 * "message: delta" supports $expand for messages.
 */
export const MESSAGE_EXPAND_SENSITIVITY = `singleValueExtendedProperties($filter=id eq '${SENSITIVITY_PROPERTY_ID}')`;

/**
 * Event properties for $select on single-event reads (GET /users/{id}/events/{id}, e.g. in a $batch).
 * calendarView delta takes no $select ("event: delta": "You cannot use $select to get only a subset of those
 * properties"), so there the mapper keeps these and drops the rest, the body included.
 */
export const EVENT_SELECT = [
  'id', 'iCalUId', 'subject', 'start', 'end', 'organizer', 'attendees', 'isOnlineMeeting', 'isCancelled',
  'sensitivity', 'type', 'seriesMasterId',
  // "Get information to join meeting online": $select=isOnlineMeeting,onlineMeetingProvider,onlineMeeting. Only
  // the Teams chat thread id is kept from onlineMeeting.joinUrl (see teams-join-url.ts).
  'onlineMeetingProvider', 'onlineMeeting',
] as const;
