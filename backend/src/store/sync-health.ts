// Sync health for admins: per mailbox its state, last good pass, items seen and stored, skips by reason, errors,
// time spent waiting on throttling and the next subscription renewal. A few grouped reads, no per-item rows.
import type { TenantScope } from './scope.ts';
import { listCursors } from './sync-cursors.ts';
import { listMailboxes, type Mailbox } from './mailboxes.ts';
import { listSubscriptions } from './subscriptions.ts';
import { skipCounts } from './skip-counts.ts';

export type MailboxSyncState = 'disabled' | 'waiting' | 'syncing' | 'backfilling' | 'ok' | 'failing';

export interface MailboxHealth {
  mailbox: Pick<Mailbox, 'id' | 'userId' | 'address' | 'mode' | 'enabled' | 'folders'>;
  state: MailboxSyncState;
  lastSuccessAt: number | null;
  itemsSeen: number;
  itemsStored: number;
  skipped: Record<string, number>;
  lastError: string | null;
  lastErrorAt: number | null;
  consecutiveFailures: number;
  throttledMs: number;
  streams: { stream: string; hasDeltaLink: boolean; fullRoundInProgress: boolean; updatedAt: number }[];
  subscriptions: number;
  /** When the soonest subscription must be renewed (its expiry); null without subscriptions. */
  nextRenewalAt: number | null;
}

/** A pass failing now outranks a running one; a mailbox that never finished a pass is waiting or backfilling. */
function stateOf(m: Mailbox, streams: MailboxHealth['streams'], leased: boolean): MailboxSyncState {
  if (!m.enabled) return 'disabled';
  if (m.consecutiveFailures > 0) return 'failing';
  if (streams.some((s) => s.fullRoundInProgress)) return 'backfilling';
  if (leased) return 'syncing';
  return m.lastSuccessAt === null ? 'waiting' : 'ok';
}

export async function syncHealth(scope: TenantScope, now: number): Promise<MailboxHealth[]> {
  const [mailboxes, cursors, skips, subs] = await Promise.all([listMailboxes(scope), listCursors(scope), skipCounts(scope), listSubscriptions(scope)]);
  return mailboxes.map((m) => {
    const own = cursors.filter((c) => c.mailboxId === m.id);
    const streams = own.map((c) => ({ stream: c.stream, hasDeltaLink: c.deltaLink !== null, fullRoundInProgress: c.fullSyncStartedAt !== null, updatedAt: c.updatedAt }));
    const leased = own.some((c) => c.leaseOwner !== null && (c.leaseUntil ?? 0) > now);
    const mine = subs.filter((s) => s.mailboxId === m.id);
    return {
      mailbox: { id: m.id, userId: m.userId, address: m.address, mode: m.mode, enabled: m.enabled, folders: m.folders },
      state: stateOf(m, streams, leased),
      lastSuccessAt: m.lastSuccessAt,
      itemsSeen: m.itemsSeen,
      itemsStored: m.itemsStored,
      skipped: Object.fromEntries(skips.filter((s) => s.mailboxId === m.id).map((s) => [s.reason, s.count])),
      lastError: m.lastError,
      lastErrorAt: m.lastErrorAt,
      consecutiveFailures: m.consecutiveFailures,
      throttledMs: m.throttledMs,
      streams,
      subscriptions: mine.length,
      nextRenewalAt: mine.length ? Math.min(...mine.map((s) => s.expiresAt)) : null,
    };
  });
}
