// What the task pane knows of the selected Outlook item: plain values, read out of office.js by outlook-host.ts.

export interface MailAddress {
  address: string;
  displayName: string | null;
}

export interface MessageRead {
  kind: 'message';
  mode: 'read';
  itemId: string;
  /** The REST (Graph) id, from convertToRestId. */
  restId: string | null;
  internetMessageId: string | null;
  conversationId: string | null;
  subject: string;
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  /** When it was created (sent or received), epoch ms. */
  sentAt: number | null;
  /** The "log when sent" intent left on the item in compose mode, if any. */
  logIntent: LogIntent | null;
}

export interface AppointmentRead {
  kind: 'appointment';
  mode: 'read';
  itemId: string;
  restId: string | null;
  subject: string;
  organizer: MailAddress | null;
  requiredAttendees: MailAddress[];
  optionalAttendees: MailAddress[];
  start: number | null;
  end: number | null;
  location: string | null;
}

export interface MessageCompose {
  kind: 'message';
  mode: 'compose';
  subject: string;
  to: MailAddress[];
  cc: MailAddress[];
  conversationId: string | null;
  logIntent: LogIntent | null;
  /** The draft's custom properties could not be read: whether it will be logged when sent is unknown. */
  logIntentUnreadable: boolean;
}

/** A meeting in its organizer's window (Outlook opens your own meetings in compose mode, sent or not). */
export interface AppointmentCompose {
  kind: 'appointment';
  mode: 'compose';
  /** Null until the meeting is saved or sent (getItemIdAsync, Mailbox 1.8); a saved meeting can be logged. */
  itemId: string | null;
  /** The organizer, i.e. you (organizer.getAsync, Mailbox 1.7; else the mailbox owner). */
  organizer: MailAddress | null;
  location: string | null;
  subject: string;
  requiredAttendees: MailAddress[];
  optionalAttendees: MailAddress[];
  start: number | null;
  end: number | null;
}

export type OutlookItem = MessageRead | AppointmentRead | MessageCompose | AppointmentCompose;

/** "Log this email when sent": what the pane saved on a draft, carried with the item into Sent Items. */
export interface LogIntent {
  note: string | null;
  visibility: 'shared' | 'metadata' | 'private';
  accountIds: string[];
  opportunityId: string | null;
}
