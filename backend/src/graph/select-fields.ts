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
 * PS_PUBLIC_STRINGS, the property set of Office add-in custom properties: "[MS-OXCEXT] 2.2.5 Mail App Custom
 * Properties" stores all of one add-in's custom properties as one PtypString named property of this set.
 */
export const PS_PUBLIC_STRINGS = '{00020329-0000-0000-C000-000000000046}';

/**
 * The named property's name, `cecp-<ID>`: per MS-OXCEXT 2.2.5 the add-in's manifest id lowercased, without braces
 * and without a "urn:uuid" prefix. (In the unified manifest the add-in's id is the app's top-level `id`.)
 */
export function addInPropertyName(manifestId: string): string {
  const id = manifestId.trim().toLowerCase().replace(/[{}]/g, '').replace(/^urn:uuid:?/, '');
  return `cecp-${id}`;
}

/** The Graph id of that property, in the "{type} {guid} Name {name}" format of "Outlook extended properties overview". */
export function addInPropertyId(manifestId: string): string {
  return `String ${PS_PUBLIC_STRINGS} Name ${addInPropertyName(manifestId)}`;
}

/**
 * The $expand for messages: PidTagSensitivity, and with an add-in id also that add-in's custom properties (how
 * "log this email when sent" reaches the sync). "message: delta" supports $expand; the two ids are joined with
 * `or` in the one $filter (a single singleValueExtendedProperties expansion per request).
 */
export function messageExpand(addInId: string | null | undefined): string {
  if (!addInId) return MESSAGE_EXPAND_SENSITIVITY;
  return `singleValueExtendedProperties($filter=id eq '${SENSITIVITY_PROPERTY_ID}' or id eq '${addInPropertyId(addInId)}')`;
}

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
