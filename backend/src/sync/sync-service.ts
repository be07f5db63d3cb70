// The sync engine's running part: jobs (one pass per mailbox stream), change-notification subscriptions and
// their renewal, the webhook's notifications turned into queued passes, a polling safety net, and the sweep that
// takes over a stream whose pass died (its lease ran out unreleased).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../store/connect.ts';
import { tenantScope } from '../store/scope.ts';
import { deleteSubscription, findSubscriptionById, insertSubscription, listSubscriptions, updateSubscriptionExpiry } from '../store/subscriptions.ts';
import { listMailboxes, tenantsWithMailboxes, getMailbox, insertMailbox, type Mailbox } from '../store/mailboxes.ts';
import { listAbandonedStreams } from '../store/sync-leases.ts';
import { GraphRequestError, subscriptionResource, type GraphClient, type GraphNotice } from '../graph/index.ts';
import { errorMessage, type JobQueue, type SyncJob, type SyncJobOutcome } from './job-queue.ts';
import { runSyncPass, type SyncPassResult } from './run-sync-pass.ts';
import { mailboxStreams, parseStream, type SyncStream } from './streams.ts';
import { DIRECTORY_CHECK_MS, refreshStaleDirectories } from './refresh-directories.ts';

/** Outlook messages and events allow up to 10 080 minutes; two days keeps a missed renewal cheap. */
export const SUBSCRIPTION_LIFETIME_MS = 2 * 86_400_000;
/** Renew when less than this is left. */
export const RENEW_MARGIN_MS = 12 * 3_600_000;

export interface SyncServiceOptions {
  handle: Db;
  graphFor(tenantId: string): GraphClient;
  queue: JobQueue;
  /**
   * The public base URL Graph delivers notifications to (`${base}/graph/notifications` and
   * `${base}/graph/lifecycle`); null when Graph cannot reach this server, and sync relies on polling.
   */
  notificationBaseUrl: string | null;
  now?: () => number;
  pageSize?: number;
  /** See SyncEngineDeps.leaseMs. */
  leaseMs?: number;
  /**
   * How often to look for streams whose lease ran out unreleased (a worker died mid-pass) and queue their
   * takeover; also how long a pass that found its stream busy waits. Default a quarter of the lease, 1 to 15 s.
   */
  leaseSweepMs?: number;
  /** Every enabled mailbox gets a pass this often, notifications or not. Default 15 minutes; 0 turns it off. */
  pollIntervalMs?: number;
  log?: (line: string) => void;
  onPass?: (result: SyncPassResult) => void;
  /**
   * A Graph client acting for one user, from their access token for Suhde's API (on-behalf-of): how a mailbox a
   * user connected themselves is read. Unset, users cannot connect their own mailbox.
   */
  delegatedGraph?: (tenantId: string, userAssertion: string) => GraphClient;
}

export interface NotificationOutcome {
  accepted: number;
  /** Notifications with a wrong clientState for a subscription this server knows: discarded, never acted on. */
  refused: number;
  /**
   * Notifications for a subscription this server does not know (removed with its mailbox, or from before a
   * restore): acknowledged and dropped, since Graph retries a delivery that is not answered 2xx for hours.
   */
  dropped: number;
}

/** Compares secrets in constant time, also when their lengths differ. */
export function sameSecret(a: string | null, b: string): boolean {
  if (a === null) return false;
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

export function createSyncService(opts: SyncServiceOptions) {
  const now = opts.now ?? Date.now;
  const log = opts.log ?? (() => {});
  const deps = { handle: opts.handle, graphFor: opts.graphFor, now, pageSize: opts.pageSize, leaseMs: opts.leaseMs };
  const sweepMs = opts.leaseSweepMs ?? Math.min(15_000, Math.max(1_000, (opts.leaseMs ?? 2 * 60_000) / 4));
  let timers: NodeJS.Timeout[] = [];

  async function runJob(job: SyncJob): Promise<SyncJobOutcome> {
    // A scheduled pass waits out a failing stream's back-off; an admin's "Sync now" clears it first.
    const result = await runSyncPass(deps, { ...job, honourBackoff: true });
    opts.onPass?.(result);
    // Another pass holds the stream: try again soon, so what was notified during that pass is still read. A
    // holder that died frees the stream when its lease runs out.
    if (result.status === 'busy') return { retryAfterMs: sweepMs };
    if (result.status === 'done' && (result.seen > 0 || result.fullRound)) {
      log(`[sync] ${job.mailboxId} ${job.stream}: ${result.seen} seen, ${result.stored} stored (${result.created} new), ${result.pages} pages${result.resynced ? ', resynced after an expired delta token' : ''}`);
    }
  }

  async function enqueueMailbox(tenantId: string, mailbox: Pick<Mailbox, 'id' | 'folders'>, streams?: SyncStream[]): Promise<void> {
    for (const stream of streams ?? mailboxStreams(mailbox.folders)) await opts.queue.enqueue({ tenantId, mailboxId: mailbox.id, stream });
  }

  async function enqueueAll(): Promise<number> {
    let n = 0;
    for (const tenantId of await tenantsWithMailboxes(opts.handle.db)) {
      for (const mailbox of await listMailboxes(tenantScope(opts.handle, tenantId), { enabledOnly: true })) {
        // A delegated mailbox is read with its owner's token, so only while they use Suhde (refreshDelegated).
        if (mailbox.mode !== 'application') continue;
        await enqueueMailbox(tenantId, mailbox);
        n++;
      }
    }
    return n;
  }

  /**
   * Queues a pass for every stream whose lease ran out without being released: its pass died (a killed worker)
   * or stalled past its lease. The pass takes the stream over and resumes at its last committed page.
   */
  async function requeueAbandoned(): Promise<number> {
    const abandoned = await listAbandonedStreams(opts.handle.db, now());
    for (const job of abandoned) {
      log(`[sync] tenant ${job.tenantId}, mailbox ${job.mailboxId}, ${job.stream}: its pass stopped holding the stream (lease ran out); queued a pass to take it over`);
      await opts.queue.enqueue(job);
    }
    return abandoned.length;
  }

  /** One subscription per stream of the mailbox, each with its own clientState secret and a lifecycle URL. */
  async function ensureSubscriptions(tenantId: string, mailboxId: string): Promise<number> {
    if (!opts.notificationBaseUrl) return 0;
    const scope = tenantScope(opts.handle, tenantId);
    const mailbox = await getMailbox(scope, mailboxId);
    if (!mailbox?.enabled || mailbox.mode !== 'application') return 0;
    const existing = new Set((await listSubscriptions(scope, { mailboxId })).map((s) => s.stream));
    const graph = opts.graphFor(tenantId);
    let created = 0;
    for (const stream of mailboxStreams(mailbox.folders)) {
      if (existing.has(stream)) continue;
      const collection = parseStream(stream);
      if (!collection) throw new Error(`unknown sync stream ${stream}`);
      const clientState = randomBytes(24).toString('base64url');
      const sub = await graph.createSubscription({
        resource: subscriptionResource(mailbox.address, collection),
        changeType: 'created,updated,deleted',
        notificationUrl: `${opts.notificationBaseUrl}/graph/notifications`,
        lifecycleNotificationUrl: `${opts.notificationBaseUrl}/graph/lifecycle`,
        expiresAt: now() + SUBSCRIPTION_LIFETIME_MS,
        clientState,
      });
      await insertSubscription(scope, { id: sub.id, mailboxId, stream, resource: sub.resource, clientState, expiresAt: sub.expiresAt, createdAt: now() });
      created++;
    }
    return created;
  }

  /** Renews one subscription; one Graph no longer knows (404) is recreated, and a pass catches up what it missed. */
  async function renew(tenantId: string, subscriptionId: string): Promise<void> {
    const scope = tenantScope(opts.handle, tenantId);
    const sub = (await listSubscriptions(scope)).find((s) => s.id === subscriptionId);
    if (!sub) return;
    try {
      const renewed = await opts.graphFor(tenantId).renewSubscription(sub.id, now() + SUBSCRIPTION_LIFETIME_MS);
      await updateSubscriptionExpiry(scope, sub.id, renewed.expiresAt);
    } catch (error) {
      if (!(error instanceof GraphRequestError && error.status === 404)) throw error;
      await recreate(tenantId, sub.id, sub.mailboxId);
    }
  }

  async function recreate(tenantId: string, subscriptionId: string, mailboxId: string): Promise<void> {
    const scope = tenantScope(opts.handle, tenantId);
    await deleteSubscription(scope, subscriptionId);
    await ensureSubscriptions(tenantId, mailboxId);
    const mailbox = await getMailbox(scope, mailboxId);
    if (mailbox?.enabled) await enqueueMailbox(tenantId, mailbox);
  }

  /** Renews every subscription that expires within the margin, many at once; one Graph no longer knows is recreated. */
  async function renewDue(): Promise<number> {
    let n = 0;
    for (const tenantId of await tenantsWithMailboxes(opts.handle.db)) {
      const scope = tenantScope(opts.handle, tenantId);
      const due = await listSubscriptions(scope, { expiringBefore: now() + RENEW_MARGIN_MS });
      if (due.length === 0) continue;
      try {
        const outcomes = await opts.graphFor(tenantId).renewSubscriptions(due.map((sub) => sub.id), now() + SUBSCRIPTION_LIFETIME_MS);
        for (const [i, outcome] of outcomes.entries()) {
          const sub = due[i]!;
          if (outcome.kind === 'renewed') await updateSubscriptionExpiry(scope, sub.id, outcome.expiresAt);
          else if (outcome.kind === 'gone') await recreate(tenantId, sub.id, sub.mailboxId);
          else log(`[sync] tenant ${tenantId}: renewing subscription ${sub.id} (mailbox ${sub.mailboxId}, ${sub.stream}) failed: ${outcome.message}`);
          n++;
        }
      } catch (e) {
        log(`[sync] renewing subscriptions of ${tenantId} failed: ${e instanceof Error ? e.message : e}`);
      }
    }
    return n;
  }

  // Unknown subscriptions already logged: Graph keeps delivering for one until it expires, so each is logged once.
  const droppedLogged = new Set<string>();

  /**
   * Checks each notification against its subscription's secret and queues a pass for its stream. Only queues:
   * the webhook answers 202 before any Graph request is made. Lifecycle work (renew, recreate) runs after.
   */
  async function acceptNotifications(notices: GraphNotice[]): Promise<NotificationOutcome> {
    const outcome: NotificationOutcome = { accepted: 0, refused: 0, dropped: 0 };
    const later: (() => Promise<void>)[] = [];
    for (const n of notices) {
      const sub = await findSubscriptionById(opts.handle.db, n.subscriptionId);
      if (!sub) {
        outcome.dropped++;
        if (!droppedLogged.has(n.subscriptionId) && droppedLogged.size < 10_000) {
          droppedLogged.add(n.subscriptionId);
          log(`[sync] dropped a notification for subscription ${n.subscriptionId} (Entra tenant ${n.tenantId ?? 'not given'}): no such subscription here; it ends when it expires`);
        }
        continue;
      }
      if (!sameSecret(n.clientState, sub.clientState)) {
        outcome.refused++;
        continue;
      }
      outcome.accepted++;
      const job = { tenantId: sub.tenantId, mailboxId: sub.mailboxId, stream: sub.stream };
      if (n.kind === 'change' || n.lifecycleEvent === 'missed') await opts.queue.enqueue(job);
      else if (n.lifecycleEvent === 'reauthorizationRequired') later.push(() => renew(sub.tenantId, sub.id));
      else if (n.lifecycleEvent === 'subscriptionRemoved') later.push(() => recreate(sub.tenantId, sub.id, sub.mailboxId));
    }
    for (const work of later) void work().catch((e) => log(`[sync] lifecycle work failed: ${e instanceof Error ? e.message : e}`));
    return outcome;
  }

  const delegatedRuns = new Map<string, Promise<void>>();

  /** Runs every stream of a delegated mailbox now, in this process, with its owner's token; one run at a time. */
  function runDelegated(tenantId: string, mailbox: Mailbox, userAssertion: string): Promise<void> {
    const key = `${tenantId}/${mailbox.id}`;
    const running = delegatedRuns.get(key);
    if (running) return running;
    const graph = opts.delegatedGraph!(tenantId, userAssertion);
    const run = (async () => {
      for (const stream of mailboxStreams(mailbox.folders)) {
        const result = await runSyncPass({ ...deps, graphFor: () => graph }, { tenantId, mailboxId: mailbox.id, stream });
        opts.onPass?.(result);
      }
    })()
      .catch((e) => log(`[sync] delegated ${mailbox.address}: ${e instanceof Error ? e.message : e}`))
      .finally(() => delegatedRuns.delete(key));
    delegatedRuns.set(key, run);
    return run;
  }

  /** A user connects their own mailbox: it is synced with their delegated permissions, starting now. */
  async function connectOwnMailbox(tenantId: string, user: { id: string; email: string }, userAssertion: string): Promise<{ mailbox: Mailbox; run: Promise<void> }> {
    if (!opts.delegatedGraph) throw new Error('delegated sync is not configured');
    const scope = tenantScope(opts.handle, tenantId);
    const mine = (await listMailboxes(scope)).find((m) => m.userId === user.id);
    const mailbox = mine ?? (await insertMailbox(scope, { id: `me-${user.id}`, userId: user.id, address: user.email, mode: 'delegated' }, now()));
    return { mailbox, run: mailbox.mode === 'delegated' && mailbox.enabled ? runDelegated(tenantId, mailbox, userAssertion) : Promise.resolve() };
  }

  /** Called on a user's API requests: their delegated mailbox gets a pass when the last one is older than the poll interval. */
  // When each user's delegated mailbox was last looked at: the check runs on API requests, so at most once an interval.
  const delegatedChecked = new Map<string, number>();
  async function refreshDelegated(tenantId: string, userId: string, userAssertion: string): Promise<void> {
    if (!opts.delegatedGraph) return;
    const interval = opts.pollIntervalMs || 15 * 60_000;
    const key = `${tenantId}/${userId}`;
    if (now() - (delegatedChecked.get(key) ?? -Infinity) < interval) return;
    delegatedChecked.set(key, now());
    const scope = tenantScope(opts.handle, tenantId);
    const mailbox = (await listMailboxes(scope, { enabledOnly: true })).find((m) => m.userId === userId && m.mode === 'delegated');
    if (!mailbox || delegatedRuns.has(`${tenantId}/${mailbox.id}`)) return;
    if (mailbox.lastSuccessAt !== null && now() - mailbox.lastSuccessAt < interval) return;
    void runDelegated(tenantId, mailbox, userAssertion);
  }

  /** Reads each syncing tenant's directory again when a day old (refresh-directories.ts); never throws. */
  async function refreshDirectories(): Promise<number> {
    return refreshStaleDirectories({ handle: opts.handle, graphFor: opts.graphFor, now, log })
      .catch((e) => (log(`[directory] checking the directories failed: ${e instanceof Error ? e.message : e}`), 0));
  }

  return {
    queue: opts.queue,
    refreshDirectories,
    connectOwnMailbox,
    refreshDelegated,
    canConnectOwnMailbox: () => opts.delegatedGraph !== undefined,
    runJob,
    enqueueMailbox,
    enqueueAll,
    ensureSubscriptions,
    renewDue,
    acceptNotifications,
    requeueAbandoned,
    /** Starts the workers, subscribes every enabled mailbox, queues a first pass of each and sets the timers. */
    async start(): Promise<void> {
      await opts.queue.start(runJob);
      // The directory first: the first passes then already know every colleague's address.
      await refreshDirectories();
      for (const tenantId of await tenantsWithMailboxes(opts.handle.db)) {
        for (const mailbox of await listMailboxes(tenantScope(opts.handle, tenantId), { enabledOnly: true })) {
          await ensureSubscriptions(tenantId, mailbox.id).catch((e) => log(`[sync] subscribing ${mailbox.address} failed: ${e instanceof Error ? e.message : e}`));
        }
      }
      await enqueueAll();
      const poll = opts.pollIntervalMs ?? 15 * 60_000;
      if (poll > 0) timers.push(setInterval(() => void enqueueAll().catch((e) => log(`[sync] queueing the polling passes failed: ${e instanceof Error ? e.message : e}`)), poll).unref());
      timers.push(setInterval(() => void refreshDirectories(), DIRECTORY_CHECK_MS).unref());
      timers.push(setInterval(() => void renewDue().catch((e) => log(`[sync] renewing due subscriptions failed: ${e instanceof Error ? e.message : e}`)), 60 * 60_000).unref());
      timers.push(setInterval(() => void requeueAbandoned().catch((e) => log(`[sync] looking for abandoned streams failed: ${errorMessage(e)}`)), sweepMs).unref());
    },
    async stop(): Promise<void> {
      for (const t of timers) clearInterval(t);
      timers = [];
      await opts.queue.stop();
      await Promise.all(delegatedRuns.values());
    },
  };
}

export type SyncService = ReturnType<typeof createSyncService>;
