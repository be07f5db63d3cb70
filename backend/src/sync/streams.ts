// A mailbox is synced as streams, each with its own delta cursor: one per mail folder, and the calendar.

export type SyncStream = `mail:${string}` | 'calendar';

export const DEFAULT_MAIL_FOLDERS = ['inbox', 'sentitems'] as const;

export function mailStream(folder: string): SyncStream {
  return `mail:${folder}`;
}

/** The streams of a mailbox with these folders: the folders in order, then the calendar. */
export function mailboxStreams(folders: readonly string[]): SyncStream[] {
  return [...folders.map(mailStream), 'calendar'];
}

export function parseStream(value: string): { kind: 'mail'; folder: string } | { kind: 'calendar' } | null {
  if (value === 'calendar') return { kind: 'calendar' };
  const m = /^mail:(.+)$/.exec(value);
  return m ? { kind: 'mail', folder: m[1]! } : null;
}

/** The calendarView window of a full sync started at `now`. */
export function calendarWindow(now: number, backDays: number, aheadDays: number): { start: number; end: number } {
  const day = 86_400_000;
  return { start: now - backDays * day, end: now + aheadDays * day };
}
