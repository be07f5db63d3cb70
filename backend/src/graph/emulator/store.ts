// The emulator's mailboxes: folders, messages, calendar events and the change log that delta rounds read.
// Tests and the demo fill it through the programmatic API (addMessage, moveMessage, deleteEvent, ...).
import { randomUUID } from 'node:crypto';
import { extendedPropertyMap } from './extended-properties.ts';
import { opaqueId, toMs } from './odata.ts';
import { teamsThreadIdFor } from './teams-meeting.ts';
import type {
  AddressInput, MessageInput, EventInput, Address, FolderRecord, MessageRecord, EventRecord, ChangeEntry, MailboxRecord, StoreChange,
} from './records.ts';

export type {
  Sensitivity, AddressInput, TimeInput, MessageInput, AttendeeInput, EventInput, Address, FolderRecord, MessageRecord, EventRecord, ChangeEntry, MailboxRecord, StoreChange,
} from './records.ts';

const WELL_KNOWN_FOLDERS: [string, string][] = [
  ['inbox', 'Inbox'],
  ['sentitems', 'Sent Items'],
  ['drafts', 'Drafts'],
  ['deleteditems', 'Deleted Items'],
  ['archive', 'Archive'],
];

function address(input: AddressInput): Address {
  return typeof input === 'string' ? { address: input, name: input } : { address: input.address, name: input.name ?? input.address };
}

function optionalAddress(input: AddressInput | null | undefined): Address | null {
  return input === undefined || input === null ? null : address(input);
}

export class UnknownItemError extends Error {}

export class GraphStore {
  private readonly mailboxes = new Map<string, MailboxRecord>();
  private readonly byUpn = new Map<string, string>();
  private seq = 0;
  private readonly listeners = new Set<(change: StoreChange) => void>();

  /** Called after every change; the subscriptions part uses it to send notifications. */
  onChange(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The change-log position now: a delta round covers changes up to here. */
  get currentSeq(): number {
    return this.seq;
  }

  addMailbox(input: { userPrincipalName: string; displayName?: string; id?: string }): MailboxRecord {
    const id = (input.id ?? randomUUID()).toLowerCase();
    if (this.mailboxes.has(id) || this.byUpn.has(input.userPrincipalName.toLowerCase())) throw new Error(`mailbox ${input.userPrincipalName} exists`);
    const root: FolderRecord = { id: opaqueId('AQMkAD', 18), displayName: 'Top of Information Store', wellKnownName: 'msgfolderroot', parentFolderId: null };
    const mailbox: MailboxRecord = {
      id,
      userPrincipalName: input.userPrincipalName,
      displayName: input.displayName ?? input.userPrincipalName,
      folders: new Map([[root.id, root]]),
      wellKnown: new Map([['msgfolderroot', root.id]]),
      messages: new Map(),
      events: new Map(),
      restIndex: new Map(),
      log: [],
      aliases: [],
    };
    for (const [name, displayName] of WELL_KNOWN_FOLDERS) {
      const folder: FolderRecord = { id: opaqueId('AQMkAD', 18), displayName, wellKnownName: name, parentFolderId: root.id };
      mailbox.folders.set(folder.id, folder);
      mailbox.wellKnown.set(name, folder.id);
    }
    this.mailboxes.set(id, mailbox);
    this.byUpn.set(input.userPrincipalName.toLowerCase(), id);
    return mailbox;
  }

  /** A secondary SMTP address for a mailbox, as an admin adds an alias in Exchange. */
  addAlias(mailboxRef: string, address: string): void {
    const mailbox = this.mailbox(mailboxRef);
    if (!mailbox.aliases.some((a) => a.toLowerCase() === address.toLowerCase())) mailbox.aliases.push(address);
  }

  /** A user-made folder under the root. */
  addFolder(mailboxRef: string, displayName: string): FolderRecord {
    const mailbox = this.mailbox(mailboxRef);
    const folder: FolderRecord = { id: opaqueId('AQMkAD', 18), displayName, wellKnownName: null, parentFolderId: mailbox.wellKnown.get('msgfolderroot') ?? null };
    mailbox.folders.set(folder.id, folder);
    return folder;
  }

  /** By id (GUID) or user principal name, case-insensitively; undefined when unknown. */
  findMailbox(ref: string): MailboxRecord | undefined {
    const key = ref.toLowerCase();
    return this.mailboxes.get(key) ?? this.mailboxes.get(this.byUpn.get(key) ?? '');
  }

  mailbox(ref: string): MailboxRecord {
    const mailbox = this.findMailbox(ref);
    if (!mailbox) throw new UnknownItemError(`no mailbox ${ref}`);
    return mailbox;
  }

  listMailboxes(): MailboxRecord[] {
    return [...this.mailboxes.values()];
  }

  /** A folder by well-known name (any case) or id. */
  findFolder(mailbox: MailboxRecord, ref: string): FolderRecord | undefined {
    return mailbox.folders.get(mailbox.wellKnown.get(ref.toLowerCase()) ?? ref);
  }

  private folder(mailbox: MailboxRecord, ref: string): FolderRecord {
    const folder = this.findFolder(mailbox, ref);
    if (!folder) throw new UnknownItemError(`no folder ${ref} in ${mailbox.userPrincipalName}`);
    return folder;
  }

  /** A live message by immutable or current REST id. */
  findMessage(mailbox: MailboxRecord, id: string): MessageRecord | undefined {
    const m = mailbox.messages.get(id) ?? mailbox.messages.get(mailbox.restIndex.get(id) ?? '');
    return m && !m.deleted ? m : undefined;
  }

  findEvent(mailbox: MailboxRecord, id: string): EventRecord | undefined {
    const e = mailbox.events.get(id) ?? mailbox.events.get(mailbox.restIndex.get(id) ?? '');
    return e && !e.deleted ? e : undefined;
  }

  private record(mailbox: MailboxRecord, entry: Omit<ChangeEntry, 'seq'>, change: Omit<StoreChange, 'mailboxId' | 'kind' | 'id'>[]): number {
    const seq = ++this.seq;
    mailbox.log.push({ seq, ...entry });
    for (const c of change) for (const l of this.listeners) l({ mailboxId: mailbox.id, kind: entry.kind, id: entry.id, ...c });
    return seq;
  }

  private newIds(mailbox: MailboxRecord): { id: string; restId: string } {
    const id = opaqueId('AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0A');
    const restId = opaqueId('AAMkADk0MGFkODE3LWE4MmYtNDRhOS0');
    mailbox.restIndex.set(restId, id);
    return { id, restId };
  }

  addMessage(mailboxRef: string, input: MessageInput = {}): MessageRecord {
    const mailbox = this.mailbox(mailboxRef);
    const folder = this.folder(mailbox, input.folder ?? 'inbox');
    const now = Date.now();
    const receivedAt = input.receivedAt === undefined ? now : toMs(input.receivedAt);
    const isDraft = input.isDraft ?? false;
    const from = optionalAddress(input.from);
    const body = input.body ?? '';
    const message: MessageRecord = {
      ...this.newIds(mailbox),
      changeKey: 1,
      createdAt: now,
      modifiedAt: now,
      createdSeq: this.seq + 1,
      deleted: false,
      folderId: folder.id,
      subject: input.subject ?? null,
      from,
      sender: input.sender === undefined ? from : optionalAddress(input.sender),
      to: (input.to ?? []).map(address),
      cc: (input.cc ?? []).map(address),
      bcc: (input.bcc ?? []).map(address),
      sentAt: input.sentAt === undefined ? (isDraft ? null : receivedAt) : input.sentAt === null ? null : toMs(input.sentAt),
      receivedAt,
      body,
      bodyPreview: input.bodyPreview ?? body.slice(0, 255),
      internetMessageId: input.internetMessageId ?? (isDraft ? null : `<${randomUUID()}@emulator.example>`),
      conversationId: input.conversationId ?? opaqueId('AAQkAD', 18),
      sensitivity: input.sensitivity ?? null,
      isDraft,
      isRead: input.isRead ?? false,
      extendedProperties: extendedPropertyMap(input.extendedProperties),
    };
    mailbox.messages.set(message.id, message);
    this.record(mailbox, { kind: 'message', id: message.id, folders: [folder.id], restIdBefore: message.restId }, [{ changeType: 'created', folderId: folder.id }]);
    return message;
  }

  updateMessage(mailboxRef: string, id: string, patch: Partial<Omit<MessageInput, 'folder'>>): MessageRecord {
    const mailbox = this.mailbox(mailboxRef);
    const m = this.findMessage(mailbox, id);
    if (!m) throw new UnknownItemError(`no message ${id}`);
    if (patch.subject !== undefined) m.subject = patch.subject;
    if (patch.from !== undefined) m.from = optionalAddress(patch.from);
    if (patch.sender !== undefined) m.sender = optionalAddress(patch.sender);
    if (patch.to !== undefined) m.to = patch.to.map(address);
    if (patch.cc !== undefined) m.cc = patch.cc.map(address);
    if (patch.bcc !== undefined) m.bcc = patch.bcc.map(address);
    if (patch.sentAt !== undefined) m.sentAt = patch.sentAt === null ? null : toMs(patch.sentAt);
    if (patch.receivedAt !== undefined) m.receivedAt = toMs(patch.receivedAt);
    if (patch.body !== undefined) m.body = patch.body;
    if (patch.bodyPreview !== undefined || patch.body !== undefined) m.bodyPreview = patch.bodyPreview ?? m.body.slice(0, 255);
    if (patch.internetMessageId !== undefined) m.internetMessageId = patch.internetMessageId;
    if (patch.conversationId !== undefined) m.conversationId = patch.conversationId;
    if (patch.sensitivity !== undefined) m.sensitivity = patch.sensitivity;
    if (patch.isDraft !== undefined) m.isDraft = patch.isDraft;
    if (patch.isRead !== undefined) m.isRead = patch.isRead;
    if (patch.extendedProperties !== undefined) for (const [k, v] of extendedPropertyMap(patch.extendedProperties)) m.extendedProperties.set(k, v);
    m.changeKey++;
    m.modifiedAt = Date.now();
    this.record(mailbox, { kind: 'message', id: m.id, folders: [m.folderId], restIdBefore: m.restId }, [{ changeType: 'updated', folderId: m.folderId }]);
    return m;
  }

  /** Moves a message: its immutable id stays, its REST id changes (as Outlook's do). */
  moveMessage(mailboxRef: string, id: string, folderRef: string): MessageRecord {
    const mailbox = this.mailbox(mailboxRef);
    const m = this.findMessage(mailbox, id);
    if (!m) throw new UnknownItemError(`no message ${id}`);
    const target = this.folder(mailbox, folderRef);
    const from = m.folderId;
    if (from === target.id) return m;
    const restIdBefore = m.restId;
    mailbox.restIndex.delete(m.restId);
    m.restId = opaqueId('AAMkADk0MGFkODE3LWE4MmYtNDRhOS0');
    mailbox.restIndex.set(m.restId, m.id);
    m.folderId = target.id;
    m.changeKey++;
    m.modifiedAt = Date.now();
    this.record(mailbox, { kind: 'message', id: m.id, folders: [from, target.id], restIdBefore }, [
      { changeType: 'deleted', folderId: from, move: true },
      { changeType: 'created', folderId: target.id, move: true },
    ]);
    return m;
  }

  deleteMessage(mailboxRef: string, id: string): void {
    const mailbox = this.mailbox(mailboxRef);
    const m = this.findMessage(mailbox, id);
    if (!m) throw new UnknownItemError(`no message ${id}`);
    m.deleted = true;
    mailbox.restIndex.delete(m.restId);
    this.record(mailbox, { kind: 'message', id: m.id, folders: [m.folderId], restIdBefore: m.restId }, [{ changeType: 'deleted', folderId: m.folderId }]);
  }

  addEvent(mailboxRef: string, input: EventInput): EventRecord {
    const mailbox = this.mailbox(mailboxRef);
    const now = Date.now();
    const event: EventRecord = {
      ...this.newIds(mailbox),
      changeKey: 1,
      createdAt: now,
      modifiedAt: now,
      createdSeq: this.seq + 1,
      deleted: false,
      subject: input.subject ?? null,
      start: toMs(input.start),
      end: toMs(input.end),
      organizer: optionalAddress(input.organizer),
      attendees: (input.attendees ?? []).map((a) => {
        const x = typeof a === 'string' ? { address: a } : a;
        return { address: x.address, name: x.name ?? x.address, type: x.type ?? 'required', response: x.response ?? 'none' };
      }),
      isOnlineMeeting: input.isOnlineMeeting ?? false,
      teamsThreadId: null,
      isCancelled: input.isCancelled ?? false,
      sensitivity: input.sensitivity ?? 'normal',
      type: input.type ?? 'singleInstance',
      seriesMasterId: input.seriesMasterId ?? null,
      iCalUId: input.iCalUId ?? `040000008200E00074C5B7101A82E008${randomUUID().replace(/-/g, '').toUpperCase()}`,
      body: input.body ?? '',
      location: input.location ?? '',
    };
    if (event.isOnlineMeeting) event.teamsThreadId = input.teamsThreadId ?? teamsThreadIdFor(event.iCalUId);
    mailbox.events.set(event.id, event);
    this.record(mailbox, { kind: 'event', id: event.id, folders: [], restIdBefore: event.restId }, [{ changeType: 'created', folderId: null }]);
    return event;
  }

  updateEvent(mailboxRef: string, id: string, patch: Partial<EventInput>): EventRecord {
    const mailbox = this.mailbox(mailboxRef);
    const e = this.findEvent(mailbox, id);
    if (!e) throw new UnknownItemError(`no event ${id}`);
    if (patch.subject !== undefined) e.subject = patch.subject;
    if (patch.start !== undefined) e.start = toMs(patch.start);
    if (patch.end !== undefined) e.end = toMs(patch.end);
    if (patch.organizer !== undefined) e.organizer = optionalAddress(patch.organizer);
    if (patch.attendees !== undefined) {
      e.attendees = patch.attendees.map((a) => {
        const x = typeof a === 'string' ? { address: a } : a;
        return { address: x.address, name: x.name ?? x.address, type: x.type ?? 'required', response: x.response ?? 'none' };
      });
    }
    if (patch.isOnlineMeeting !== undefined) e.isOnlineMeeting = patch.isOnlineMeeting;
    // Once online, a meeting keeps its join URL ("you cannot ... set isOnlineMeeting to false"); the emulator lets
    // tests turn it off, and then it has none.
    e.teamsThreadId = e.isOnlineMeeting ? (patch.teamsThreadId ?? e.teamsThreadId ?? teamsThreadIdFor(e.iCalUId)) : null;
    if (patch.isCancelled !== undefined) e.isCancelled = patch.isCancelled;
    if (patch.sensitivity !== undefined) e.sensitivity = patch.sensitivity;
    if (patch.type !== undefined) e.type = patch.type;
    if (patch.seriesMasterId !== undefined) e.seriesMasterId = patch.seriesMasterId;
    if (patch.body !== undefined) e.body = patch.body;
    if (patch.location !== undefined) e.location = patch.location;
    e.changeKey++;
    e.modifiedAt = Date.now();
    this.record(mailbox, { kind: 'event', id: e.id, folders: [], restIdBefore: e.restId }, [{ changeType: 'updated', folderId: null }]);
    return e;
  }

  deleteEvent(mailboxRef: string, id: string): void {
    const mailbox = this.mailbox(mailboxRef);
    const e = this.findEvent(mailbox, id);
    if (!e) throw new UnknownItemError(`no event ${id}`);
    e.deleted = true;
    mailbox.restIndex.delete(e.restId);
    this.record(mailbox, { kind: 'event', id: e.id, folders: [], restIdBefore: e.restId }, [{ changeType: 'deleted', folderId: null }]);
  }
}
