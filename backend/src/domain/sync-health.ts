// A mailbox stream's sync state, from what its passes left behind, and a mailbox's summary: the worst of its
// streams, so one stream's success never hides another's failure.

export type StreamSyncState = 'waiting' | 'syncing' | 'backfilling' | 'ok' | 'failing' | 'needs-admin';
export type MailboxSyncState = 'disabled' | StreamSyncState;

/** Worst first: the mailbox's summary is the first of these any of its streams is in. */
const SEVERITY: readonly StreamSyncState[] = ['needs-admin', 'failing', 'backfilling', 'syncing', 'waiting', 'ok'];

/** What decides a stream's state (the stored cursor and its health, in the store's shape). */
export interface StreamFacts {
  adminAction: string | null;
  consecutiveFailures: number;
  fullSyncStartedAt: number | null;
  leaseOwner: string | null;
  leaseUntil: number | null;
  lastSuccessAt: number | null;
  hasDeltaLink: boolean;
}

export function streamState(f: StreamFacts, now: number): StreamSyncState {
  if (f.adminAction !== null) return 'needs-admin';
  if (f.consecutiveFailures > 0) return 'failing';
  if (f.fullSyncStartedAt !== null) return 'backfilling';
  if (f.leaseOwner !== null && (f.leaseUntil ?? 0) > now) return 'syncing';
  return f.lastSuccessAt === null && !f.hasDeltaLink ? 'waiting' : 'ok';
}

/** The worst state of the streams; a mailbox without any stream yet is waiting. */
export function summaryState(streams: { state: StreamSyncState }[]): StreamSyncState {
  return SEVERITY.find((s) => streams.some((x) => x.state === s)) ?? 'waiting';
}
