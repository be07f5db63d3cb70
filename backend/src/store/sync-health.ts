// Sync health for admins: per mailbox and per stream (Inbox, Sent Items, calendar, ...) its state, failures, last
// error with Graph's status and code, what an admin must do, resyncs and unreadable items. The mailbox's summary
// is derived from its streams, worst first, so one stream's success never hides another's failure.
import type { TenantScope } from './scope.ts';
import { listCursors, type SyncCursor, type StreamHealthRecord } from './sync-cursors.ts';
import { listMailboxes, type Mailbox } from './mailboxes.ts';
import { listSubscriptions } from './subscriptions.ts';
import { skipCounts } from './skip-counts.ts';
import { recentUnreadableItems, type UnreadableItemRecord } from './unreadable-items.ts';
import { streamState, summaryState, type MailboxSyncState, type StreamSyncState } from '../domain/sync-health.ts';

export type { MailboxSyncState, StreamSyncState };

/** A stream's health as answered: its state and cursor facts, then what its passes recorded. */
export interface StreamHealth extends StreamHealthRecord {
  stream: string;
  state: StreamSyncState;
  hasDeltaLink: boolean;
  fullRoundInProgress: boolean;
  updatedAt: number;
}

export interface MailboxHealth {
  mailbox: Pick<Mailbox, 'id' | 'userId' | 'address' | 'mode' | 'enabled' | 'folders'>;
  state: MailboxSyncState;
  lastSuccessAt: number | null;
  itemsSeen: number;
  itemsStored: number;
  skipped: Record<string, number>;
  /** The latest error of a stream that is failing now (null when none is). */
  lastError: string | null;
  lastErrorAt: number | null;
  /** The most of any one stream. */
  consecutiveFailures: number;
  throttledMs: number;
  streams: StreamHealth[];
  /** The most recently seen unreadable items (at most 10), newest first. */
  unreadable: Omit<UnreadableItemRecord, 'mailboxId'>[];
  subscriptions: number;
  /** When the soonest subscription must be renewed (its expiry); null without subscriptions. */
  nextRenewalAt: number | null;
}

function streamHealth(c: SyncCursor, now: number): StreamHealth {
  return { stream: c.stream, state: streamState({ ...c.health, fullSyncStartedAt: c.fullSyncStartedAt, leaseOwner: c.leaseOwner, leaseUntil: c.leaseUntil, hasDeltaLink: c.deltaLink !== null }, now), hasDeltaLink: c.deltaLink !== null, fullRoundInProgress: c.fullSyncStartedAt !== null, updatedAt: c.updatedAt, ...c.health };
}

export async function syncHealth(scope: TenantScope, now: number): Promise<MailboxHealth[]> {
  const [mailboxes, cursors, skips, subs, unreadable] = await Promise.all([
    listMailboxes(scope), listCursors(scope), skipCounts(scope), listSubscriptions(scope), recentUnreadableItems(scope, 10),
  ]);
  return mailboxes.map((m) => {
    const streams = cursors.filter((c) => c.mailboxId === m.id).map((c) => streamHealth(c, now));
    const failing = streams.filter((s) => s.consecutiveFailures > 0).sort((a, b) => (b.lastErrorAt ?? 0) - (a.lastErrorAt ?? 0));
    const mine = subs.filter((s) => s.mailboxId === m.id);
    return {
      mailbox: { id: m.id, userId: m.userId, address: m.address, mode: m.mode, enabled: m.enabled, folders: m.folders },
      state: m.enabled ? summaryState(streams) : 'disabled',
      lastSuccessAt: m.lastSuccessAt,
      itemsSeen: m.itemsSeen,
      itemsStored: m.itemsStored,
      skipped: Object.fromEntries(skips.filter((s) => s.mailboxId === m.id).map((s) => [s.reason, s.count])),
      lastError: failing[0]?.lastError ?? null,
      lastErrorAt: failing[0]?.lastErrorAt ?? null,
      consecutiveFailures: Math.max(0, ...streams.map((s) => s.consecutiveFailures)),
      throttledMs: m.throttledMs,
      streams,
      unreadable: unreadable.filter((u) => u.mailboxId === m.id).map(({ mailboxId: _, ...u }) => u),
      subscriptions: mine.length,
      nextRenewalAt: mine.length ? Math.min(...mine.map((s) => s.expiresAt)) : null,
    };
  });
}
