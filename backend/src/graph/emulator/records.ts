// The emulator's records: what tests and the demo put into mailboxes (the inputs) and what the store keeps.
export type Sensitivity = 'normal' | 'personal' | 'private' | 'confidential';
export type AddressInput = string | { address: string; name?: string | null };
export type TimeInput = number | string | Date;

export interface MessageInput {
  /** A well-known folder name (inbox, sentitems, drafts, deleteditems, archive) or a folder id. Default inbox. */
  folder?: string;
  subject?: string | null;
  from?: AddressInput | null;
  /** Defaults to from. */
  sender?: AddressInput | null;
  to?: AddressInput[];
  cc?: AddressInput[];
  bcc?: AddressInput[];
  sentAt?: TimeInput | null;
  receivedAt?: TimeInput;
  body?: string;
  /** Defaults to the first 255 characters of body. */
  bodyPreview?: string;
  internetMessageId?: string;
  conversationId?: string;
  /** PidTagSensitivity; left out, the message has no such property (MAPI's default, normal). */
  sensitivity?: Sensitivity;
  isDraft?: boolean;
  isRead?: boolean;
  /**
   * Other single-value extended properties by Graph id ("String {guid} Name x", "Integer 0x3a25") -> value, e.g. an
   * Outlook add-in's custom properties (MS-OXCEXT 2.2.5, "String {00020329-0000-0000-C000-000000000046} Name cecp-<id>").
   */
  extendedProperties?: Record<string, string>;
}

export interface AttendeeInput {
  address: string;
  name?: string | null;
  type?: 'required' | 'optional' | 'resource';
  response?: 'none' | 'organizer' | 'tentativelyAccepted' | 'accepted' | 'declined' | 'notResponded';
}

export interface EventInput {
  subject?: string | null;
  start: TimeInput;
  end: TimeInput;
  organizer?: AddressInput | null;
  attendees?: (string | AttendeeInput)[];
  isOnlineMeeting?: boolean;
  /** An online meeting's Teams chat thread; by default derived from the iCalUId (the same in every calendar). */
  teamsThreadId?: string;
  isCancelled?: boolean;
  sensitivity?: Sensitivity;
  type?: 'singleInstance' | 'occurrence' | 'exception' | 'seriesMaster';
  seriesMasterId?: string | null;
  iCalUId?: string;
  body?: string;
  location?: string;
}

export interface Address {
  address: string;
  name: string;
}

export interface FolderRecord {
  id: string;
  displayName: string;
  wellKnownName: string | null;
  parentFolderId: string | null;
}

interface ItemRecord {
  /** The immutable id: stable across moves. */
  id: string;
  /** The default (REST) id: changes when the item moves to another folder. */
  restId: string;
  changeKey: number;
  createdAt: number;
  modifiedAt: number;
  /** The change-log sequence number of the item's creation. */
  createdSeq: number;
  deleted: boolean;
}

export interface MessageRecord extends ItemRecord {
  folderId: string;
  subject: string | null;
  from: Address | null;
  sender: Address | null;
  to: Address[];
  cc: Address[];
  bcc: Address[];
  sentAt: number | null;
  receivedAt: number;
  body: string;
  bodyPreview: string;
  internetMessageId: string | null;
  conversationId: string;
  sensitivity: Sensitivity | null;
  isDraft: boolean;
  isRead: boolean;
  /** Extended properties other than PidTagSensitivity, by canonicalPropertyId. */
  extendedProperties: Map<string, string>;
}

export interface EventRecord extends ItemRecord {
  subject: string | null;
  start: number;
  end: number;
  organizer: Address | null;
  attendees: Required<AttendeeInput>[];
  isOnlineMeeting: boolean;
  /** Set exactly when isOnlineMeeting: the thread its onlineMeeting.joinUrl carries. */
  teamsThreadId: string | null;
  isCancelled: boolean;
  sensitivity: Sensitivity;
  type: NonNullable<EventInput['type']>;
  seriesMasterId: string | null;
  iCalUId: string;
  body: string;
  location: string;
}

export interface ChangeEntry {
  seq: number;
  kind: 'message' | 'event';
  /** Immutable id. */
  id: string;
  /** Folders whose contents changed (both ends of a move). */
  folders: string[];
  /** The REST id the item had before this change: what a client without immutable ids knew it by. */
  restIdBefore: string;
}

export interface MailboxRecord {
  id: string;
  userPrincipalName: string;
  displayName: string;
  folders: Map<string, FolderRecord>;
  /** Lower-cased well-known name -> folder id. */
  wellKnown: Map<string, string>;
  messages: Map<string, MessageRecord>;
  events: Map<string, EventRecord>;
  /** REST id -> immutable id, for the ids currently valid. */
  restIndex: Map<string, string>;
  log: ChangeEntry[];
  /** Secondary SMTP addresses (aliases), written to proxyAddresses as smtp:; the UPN is the primary (SMTP:). */
  aliases: string[];
}

export interface StoreChange {
  mailboxId: string;
  kind: 'message' | 'event';
  id: string;
  changeType: 'created' | 'updated' | 'deleted';
  /** For messages: the folder the change happened in (a move reports deleted in one folder, created in the other). */
  folderId: string | null;
  /** One half of a move between folders. */
  move?: boolean;
}
