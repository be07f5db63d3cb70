// What Graph sync hands to the rest of Suhde: mail and calendar items in provider-neutral terms.
// Times are epoch milliseconds (UTC); addresses are trimmed and lower-cased.

export const SENSITIVITIES = ['normal', 'personal', 'private', 'confidential'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];

export interface MailAddress {
  address: string;
  name: string | null;
}

export interface MailItem {
  /** Graph's immutable id of the item in this mailbox. */
  graphId: string;
  /** The RFC 5322 Message-ID: the same in every mailbox that holds a copy (drafts may have none). */
  internetMessageId: string | null;
  conversationId: string | null;
  subject: string | null;
  /** Null unless the tenant allows snippets and bodyPreview was selected. */
  bodyPreview: string | null;
  from: MailAddress | null;
  sender: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  /** Null for drafts, which have not been sent. */
  sentAt: number | null;
  receivedAt: number;
  sensitivity: Sensitivity;
  isDraft: boolean;
  parentFolderId: string | null;
  /**
   * Suhde's Outlook add-in's custom properties on the message (e.g. "log this email when sent"); null when the
   * message has none or the client was given no add-in id. A property that cannot be read is a problem, not an error.
   */
  addInProperties: AddInProperties | null;
}

/** An add-in's custom properties (MS-OXCEXT 2.2.5): the JSON object of name -> value, or why it could not be read. */
export type AddInProperties = { ok: true; values: Record<string, unknown> } | { ok: false; problem: string };

export const ATTENDEE_TYPES = ['required', 'optional', 'resource'] as const;
export type AttendeeType = (typeof ATTENDEE_TYPES)[number];

export const ATTENDEE_RESPONSES = ['none', 'organizer', 'tentativelyAccepted', 'accepted', 'declined', 'notResponded'] as const;
export type AttendeeResponse = (typeof ATTENDEE_RESPONSES)[number];

export const EVENT_TYPES = ['singleInstance', 'occurrence', 'exception', 'seriesMaster'] as const;
export type CalendarItemType = (typeof EVENT_TYPES)[number];

export interface CalendarAttendee extends MailAddress {
  type: AttendeeType;
  response: AttendeeResponse;
}

export interface CalendarItem {
  graphId: string;
  /** The same in every attendee's calendar; different for each occurrence of a series. */
  iCalUId: string | null;
  subject: string | null;
  start: number;
  end: number;
  organizer: MailAddress | null;
  attendees: CalendarAttendee[];
  isOnlineMeeting: boolean;
  /**
   * The Teams chat thread of an online Teams meeting (from onlineMeeting.joinUrl): the same in every attendee's
   * calendar, and the chat.id a Teams meeting side panel is given. Null for other meetings.
   */
  teamsThreadId: string | null;
  isCancelled: boolean;
  sensitivity: Sensitivity;
  type: CalendarItemType;
  seriesMasterId: string | null;
}

/** One page of a delta round, mapped. */
export interface DeltaPage<T> {
  items: T[];
  /** Ids Graph reported under @removed: deleted, moved out of the folder, or (events) outside the window. */
  removedIds: string[];
  /** Set while the round has more pages. */
  nextLink: string | null;
  /** Set on the round's last page: store it and start the next round from it. */
  deltaLink: string | null;
  /** Entries that could not be read (a poison item): skipped and recorded, so the page and the cursor go on. */
  unreadable: UnreadableItem[];
}

export interface UnreadableItem {
  /** The entry's id; null when it had none (or was not an object), then `fingerprint` names it. */
  graphId: string | null;
  /** A stable name for the entry across rounds: its id, or a hash of its JSON. */
  fingerprint: string;
  /** What was wrong, from the parser (never the item's content beyond its id and the field's name). */
  reason: string;
}
