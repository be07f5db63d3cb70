// How the emulator writes messages, events and folders as Graph JSON, with $select and $expand applied.
import type { EmulatorResponse } from './odata.ts';
import { graphError, instant, wallClockUtc } from './odata.ts';
import type { Address, EventRecord, FolderRecord, MailboxRecord, MessageRecord } from './store.ts';
import { conferenceIdFor, teamsJoinUrl } from './teams-meeting.ts';
import { echoedPropertyId, parseExtendedPropertyExpand } from './extended-properties.ts';

export type IdFormat = 'immutable' | 'rest';

/** What a request asked for: the id format and the parsed $select / $expand. */
export interface Shape {
  ids: IdFormat;
  /** Canonical property names, or null for the default set. */
  select: string[] | null;
  /** The extended properties $expand asked for (canonicalPropertyId), PidTagSensitivity among them or not. */
  expandProperties: string[];
}

const SENSITIVITY_KEY = 'integer 0x36';

const recipient = (a: Address | null) => (a ? { emailAddress: { name: a.name, address: a.address } } : null);

function etag(changeKey: number, id: string): string {
  return `W/"CQAAABYAAAA${Buffer.from(`${id.slice(-8)}:${changeKey}`).toString('base64')}"`;
}

const MAPI_SENSITIVITY = { normal: '0', personal: '1', private: '2', confidential: '3' } as const;

export function itemId(record: { id: string; restId: string }, ids: IdFormat): string {
  return ids === 'immutable' ? record.id : record.restId;
}

/** A message's default properties, in the order Graph lists them. */
function messageProperties(m: MessageRecord, ids: IdFormat): Record<string, unknown> {
  return {
    id: itemId(m, ids),
    createdDateTime: instant(m.createdAt),
    lastModifiedDateTime: instant(m.modifiedAt),
    changeKey: etag(m.changeKey, m.id).slice(3, -1),
    categories: [],
    receivedDateTime: instant(m.receivedAt),
    sentDateTime: m.sentAt === null ? null : instant(m.sentAt),
    hasAttachments: false,
    internetMessageId: m.internetMessageId,
    subject: m.subject,
    bodyPreview: m.bodyPreview,
    importance: 'normal',
    parentFolderId: m.folderId,
    conversationId: m.conversationId,
    isDeliveryReceiptRequested: false,
    isReadReceiptRequested: false,
    isRead: m.isRead,
    isDraft: m.isDraft,
    webLink: `https://outlook.office365.com/owa/?ItemID=${encodeURIComponent(m.restId)}&exvsurl=1&viewmodel=ReadMessageItem`,
    inferenceClassification: 'focused',
    body: { contentType: 'text', content: m.body },
    sender: recipient(m.sender),
    from: recipient(m.from),
    toRecipients: m.to.map(recipient),
    ccRecipients: m.cc.map(recipient),
    bccRecipients: m.bcc.map(recipient),
    replyTo: [],
    flag: { flagStatus: 'notFlagged' },
  };
}

function eventProperties(e: EventRecord, ids: IdFormat): Record<string, unknown> {
  const organizer = recipient(e.organizer);
  return {
    id: itemId(e, ids),
    createdDateTime: instant(e.createdAt),
    lastModifiedDateTime: instant(e.modifiedAt),
    changeKey: etag(e.changeKey, e.id).slice(3, -1),
    categories: [],
    transactionId: null,
    originalStartTimeZone: 'UTC',
    originalEndTimeZone: 'UTC',
    iCalUId: e.iCalUId,
    reminderMinutesBeforeStart: 15,
    isReminderOn: true,
    hasAttachments: false,
    subject: e.subject,
    bodyPreview: e.body.slice(0, 255),
    importance: 'normal',
    sensitivity: e.sensitivity,
    isAllDay: false,
    isCancelled: e.isCancelled,
    isOrganizer: false,
    responseRequested: true,
    seriesMasterId: e.seriesMasterId,
    showAs: 'busy',
    type: e.type,
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(e.restId)}&exvsurl=1&path=/calendar/item`,
    onlineMeetingUrl: null,
    isOnlineMeeting: e.isOnlineMeeting,
    onlineMeetingProvider: e.isOnlineMeeting ? 'teamsForBusiness' : 'unknown',
    allowNewTimeProposals: true,
    isDraft: false,
    hideAttendees: false,
    responseStatus: { response: 'none', time: '0001-01-01T00:00:00Z' },
    // Without Prefer: outlook.timezone Graph writes event times in UTC ("event: delta").
    body: { contentType: 'html', content: e.body },
    start: { dateTime: wallClockUtc(e.start), timeZone: 'UTC' },
    end: { dateTime: wallClockUtc(e.end), timeZone: 'UTC' },
    location: { displayName: e.location, locationType: 'default', uniqueIdType: 'unknown', address: {}, coordinates: {} },
    locations: e.location ? [{ displayName: e.location, locationType: 'default', uniqueIdType: 'unknown' }] : [],
    recurrence: null,
    attendees: e.attendees.map((a) => ({
      type: a.type,
      status: { response: a.response, time: '0001-01-01T00:00:00Z' },
      emailAddress: { name: a.name, address: a.address },
    })),
    organizer,
    onlineMeeting: onlineMeetingInfo(e),
  };
}

/** The onlineMeetingInfo resource of a Teams meeting (its JSON representation, every property), or null. */
function onlineMeetingInfo(e: EventRecord): Record<string, unknown> | null {
  if (!e.isOnlineMeeting || !e.teamsThreadId) return null;
  return {
    conferenceId: conferenceIdFor(e.teamsThreadId),
    joinUrl: teamsJoinUrl(e.teamsThreadId, e.organizer?.address ?? null),
    phones: [],
    quickDial: null,
    tollFreeNumbers: [],
    tollNumber: null,
  };
}

/** Property names $select accepts (the defaults plus those returned only on $select). */
function knownKeys(type: 'message' | 'event'): string[] {
  if (type === 'message') {
    return [
      'id', 'createdDateTime', 'lastModifiedDateTime', 'changeKey', 'categories', 'receivedDateTime', 'sentDateTime',
      'hasAttachments', 'internetMessageId', 'subject', 'bodyPreview', 'importance', 'parentFolderId', 'conversationId',
      'conversationIndex', 'isDeliveryReceiptRequested', 'isReadReceiptRequested', 'isRead', 'isDraft', 'webLink',
      'inferenceClassification', 'body', 'sender', 'from', 'toRecipients', 'ccRecipients', 'bccRecipients', 'replyTo', 'flag',
      'uniqueBody', 'internetMessageHeaders',
    ];
  }
  return [
    'id', 'createdDateTime', 'lastModifiedDateTime', 'changeKey', 'categories', 'transactionId', 'originalStartTimeZone',
    'originalEndTimeZone', 'iCalUId', 'reminderMinutesBeforeStart', 'isReminderOn', 'hasAttachments', 'subject', 'bodyPreview',
    'importance', 'sensitivity', 'isAllDay', 'isCancelled', 'isOrganizer', 'responseRequested', 'seriesMasterId', 'showAs', 'type',
    'webLink', 'onlineMeetingUrl', 'isOnlineMeeting', 'onlineMeetingProvider', 'allowNewTimeProposals', 'isDraft', 'hideAttendees',
    'responseStatus', 'body', 'start', 'end', 'location', 'locations', 'recurrence', 'attendees', 'organizer', 'onlineMeeting',
  ];
}

/**
 * Reads $select and $expand for a message or event, or returns the 400 Graph gives: there is no `sensitivity` on
 * message (only PidTagSensitivity through singleValueExtendedProperties), and an unknown name is refused.
 */
export function parseShape(type: 'message' | 'event', ids: IdFormat, select: string | undefined, expand: string | undefined): Shape | EmulatorResponse {
  let names: string[] | null = null;
  if (select !== undefined && select.trim() !== '') {
    const known = new Map(knownKeys(type).map((k) => [k.toLowerCase(), k]));
    names = [];
    for (const raw of select.split(',')) {
      const name = raw.trim();
      const canonical = known.get(name.toLowerCase());
      if (!canonical) {
        return graphError(400, 'RequestBroker--ParseUri', `Could not find a property named '${name}' on type 'microsoft.graph.${type}'.`);
      }
      if (!names.includes(canonical)) names.push(canonical);
    }
  }
  let expandProperties: string[] = [];
  if (expand !== undefined && expand.trim() !== '') {
    const parsed = parseExtendedPropertyExpand(expand);
    if (!Array.isArray(parsed)) return parsed;
    expandProperties = parsed;
  }
  return { ids, select: names, expandProperties };
}

export function isShape(value: Shape | EmulatorResponse): value is Shape {
  return 'ids' in value;
}

function project(all: Record<string, unknown>, shape: Shape, etagValue: string, odataType: string | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (odataType) out['@odata.type'] = odataType;
  out['@odata.etag'] = etagValue;
  if (shape.select === null) {
    Object.assign(out, all);
  } else {
    // Only what was selected, and the id, which "is always returned".
    for (const key of shape.select) if (key !== 'id') out[key] = all[key] ?? null;
    out.id = all.id;
  }
  return out;
}

/** A message as Graph writes it; `odataType` is set for delta pages, whose items carry @odata.type. */
export function messageJson(m: MessageRecord, shape: Shape, odataType = false): Record<string, unknown> {
  const out = project(messageProperties(m, shape.ids), shape, etag(m.changeKey, m.id), odataType ? '#microsoft.graph.message' : null);
  // The expanded properties the message has; the collection is left out when it has none of them.
  const found: { id: string; value: string }[] = [];
  for (const key of shape.expandProperties) {
    const value = key === SENSITIVITY_KEY ? (m.sensitivity === null ? undefined : MAPI_SENSITIVITY[m.sensitivity]) : m.extendedProperties.get(key);
    if (value !== undefined) found.push({ id: echoedPropertyId(key), value });
  }
  if (found.length > 0) out.singleValueExtendedProperties = found;
  return out;
}

export function eventJson(e: EventRecord, shape: Shape, odataType = false): Record<string, unknown> {
  return project(eventProperties(e, shape.ids), shape, etag(e.changeKey, e.id), odataType ? '#microsoft.graph.event' : null);
}

export function removedJson(type: 'message' | 'event', id: string): Record<string, unknown> {
  return { '@odata.type': `#microsoft.graph.${type}`, id, '@removed': { reason: 'deleted' } };
}

export function folderJson(mailbox: MailboxRecord, f: FolderRecord): Record<string, unknown> {
  const messages = [...mailbox.messages.values()].filter((m) => !m.deleted && m.folderId === f.id);
  return {
    id: f.id,
    displayName: f.displayName,
    parentFolderId: f.parentFolderId,
    childFolderCount: 0,
    unreadItemCount: messages.filter((m) => !m.isRead).length,
    totalItemCount: messages.length,
    sizeInBytes: 0,
    isHidden: false,
  };
}

export function userJson(mailbox: MailboxRecord): Record<string, unknown> {
  return {
    id: mailbox.id,
    displayName: mailbox.displayName,
    userPrincipalName: mailbox.userPrincipalName,
    mail: mailbox.userPrincipalName,
  };
}

export function entityTag(record: { changeKey: number; id: string }): string {
  return etag(record.changeKey, record.id);
}
