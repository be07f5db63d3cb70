// One sync pass over one mailbox stream: take the stream's lease, walk Graph's delta pages from the cursor
// (a page in progress, else the last deltaLink, else a full round), plan each page's items and commit them
// with the cursor. An expired delta token starts a full round; merging by external key keeps it duplicate-free.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Db } from '../store/connect.ts';
import { tenantScope, type TenantScope } from '../store/scope.ts';
import { getTenant } from '../store/tenants.ts';
import { acquireLease, getCursor, recordStreamFailure, recordStreamResync, recordStreamSuccess, releaseLease, startFullRound } from '../store/sync-cursors.ts';
import { getMailbox, recordPassFailure, recordPassSuccess, type Mailbox } from '../store/mailboxes.ts';
import { matchAddresses } from '../use-cases/interactions/match-addresses.ts';
import { suppressedAddresses } from '../use-cases/privacy/suppressed-addresses.ts';
import type { AddressMatch } from '../domain/match-participants.ts';
import type { TenantSettings } from '../domain/types.ts';
import { DeltaExpiredError, classifyFailure, failureBackoffMs, messageSelect, type CalendarItem, type DeltaPage, type GraphClient, type MailItem } from '../graph/index.ts';
import { itemAddresses, planCalendarItem, planMailItem, type ItemPlan, type PlanContext } from './plan-item.ts';
import { commitPage } from './commit-page.ts';
import { calendarWindow, parseStream } from './streams.ts';

export interface SyncEngineDeps {
  handle: Db;
  /** The Graph client for a tenant (its token provider, its national cloud). */
  graphFor(tenantId: string): GraphClient;
  now?: () => number;
  /** Prefer: odata.maxpagesize for delta rounds. Default 100. */
  pageSize?: number;
  /** Accumulates the time passes spend waiting on the store (lookups and page commits), for the benchmark. */
  timing?: { dbMs: number };
  /** How long a pass holds its stream between page commits (each commit extends it). Default 2 minutes. */
  leaseMs?: number;
}

export interface SyncPassRequest {
  tenantId: string;
  mailboxId: string;
  stream: string;
  /** Scheduled passes (polling, notifications) wait out a failing stream's back-off; a direct run does not. */
  honourBackoff?: boolean;
}

/** A failing stream is tried again after 1 minute, 2, 4, ... and one that needs an admin after 1 hour, 2, 4, ...; both capped at a day. */
const FAILING_BACKOFF_MS = 60_000;
const NEEDS_ADMIN_BACKOFF_MS = 3_600_000;

/** The error as an admin reads it: Graph's status and code before its message ("403 ErrorAccessDenied: ..."). */
export function describeFailure(error: unknown): string {
  const { status, code } = classifyFailure(error);
  const message = error instanceof Error ? error.message : String(error);
  const prefix = [status, code].filter((x) => x !== null).join(' ');
  return prefix ? `${prefix}: ${message}` : message;
}

export interface SyncPassResult extends SyncPassRequest {
  /** backoff: the stream is failing and its next attempt is not due (only with honourBackoff). */
  status: 'done' | 'busy' | 'disabled' | 'backoff';
  pages: number;
  seen: number;
  stored: number;
  created: number;
  released: number;
  softRemoved: number;
  skipped: Record<string, number>;
  /** Emails logged for their sender from the add-in's "log this email when sent" (see apply-log-intent.ts). */
  logIntents: number;
  /** True when the pass ran a full round (first sync or after an expired delta token). */
  fullRound: boolean;
  /** True when Graph said the delta token had expired. */
  resynced: boolean;
  /** Items Graph sent that could not be read: skipped and recorded (see store/unreadable-items.ts). */
  unreadable: number;
}

/** The tenant's settings with the mailbox owner's blocklist added: what matching runs with for this mailbox. */
export function mailboxSettings(settings: TenantSettings, mailbox: Pick<Mailbox, 'blockedAddresses' | 'blockedDomains'>): TenantSettings {
  return {
    ...settings,
    blockedAddresses: [...settings.blockedAddresses, ...mailbox.blockedAddresses],
    blockedDomains: [...settings.blockedDomains, ...mailbox.blockedDomains],
  };
}

async function planPage(
  scope: TenantScope, settings: TenantSettings, page: DeltaPage<MailItem> | DeltaPage<CalendarItem>, kind: 'mail' | 'calendar', ctx: PlanContext,
): Promise<ItemPlan[]> {
  // One lookup for the whole page: every address of every item.
  const byAddress = new Map<string, { address: string; displayName: string | null }>();
  for (const item of page.items) for (const a of itemAddresses(item)) if (!byAddress.has(a.address)) byAddress.set(a.address, { address: a.address, displayName: a.name });
  const inputs = [...byAddress.values()];
  const [matches, suppressed] = await Promise.all([matchAddresses(scope, settings, inputs, ctx.ownAddresses), suppressedAddresses(scope, inputs.map((i) => i.address))]);
  if (suppressed.size > 0) ctx = { ...ctx, suppressed };
  const found = new Map<string, AddressMatch>(inputs.map((input, i) => [input.address, matches[i]!]));
  const match = (address: string) => found.get(address)!;
  return kind === 'mail'
    ? (page.items as MailItem[]).map((item) => planMailItem(item, match, ctx))
    : (page.items as CalendarItem[]).map((item) => planCalendarItem(item, match, ctx));
}

/**
 * Asks Graph for the next page while the current one is being committed, so the network and the store overlap.
 * The next page is only a request: its cursor moves only when it is committed, so a pass that dies refetches it.
 */
async function* prefetched<T>(source: AsyncGenerator<T>): AsyncGenerator<T> {
  let pending = source.next();
  try {
    for (;;) {
      const r = await pending;
      if (r.done) return;
      pending = source.next();
      // Kept from becoming an unhandled rejection while the page is committed; the loop awaits it next.
      pending.catch(() => {});
      yield r.value;
    }
  } finally {
    // Closing the page source only ends its fetching; a failure there changes nothing already committed.
    await source.return(undefined).catch((e) => console.warn(`[sync] closing a page source failed: ${e instanceof Error ? e.message : e}`));
  }
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

const sameOrigin = (link: string, root: string) => originOf(link) !== null && originOf(link) === originOf(root);

export async function runSyncPass(deps: SyncEngineDeps, request: SyncPassRequest): Promise<SyncPassResult> {
  const now = deps.now ?? Date.now;
  const leaseMs = deps.leaseMs ?? 2 * 60_000;
  const scope = tenantScope(deps.handle, request.tenantId);
  const result: SyncPassResult = {
    ...request, status: 'done', pages: 0, seen: 0, stored: 0, created: 0, released: 0, softRemoved: 0, skipped: {}, logIntents: 0, fullRound: false, resynced: false, unreadable: 0,
  };
  const stream = parseStream(request.stream);
  if (!stream) throw new Error(`unknown sync stream ${request.stream}`);
  const mailbox = await getMailbox(scope, request.mailboxId);
  if (!mailbox || !mailbox.enabled) return { ...result, status: 'disabled' };
  if (request.honourBackoff) {
    const due = (await getCursor(scope, mailbox.id, request.stream))?.health.nextAttemptAt ?? null;
    if (due !== null && due > now()) return { ...result, status: 'backoff' };
  }
  const owner = randomUUID();
  if (!(await acquireLease(scope, mailbox.id, request.stream, owner, now(), leaseMs))) return { ...result, status: 'busy' };

  try {
    const tenant = await getTenant(scope);
    const settings = mailboxSettings(tenant.settings, mailbox);
    const graph = deps.graphFor(request.tenantId);
    let forceFull = false;
    for (let attempt = 0; ; attempt++) {
      const cursor = await getCursor(scope, mailbox.id, request.stream);
      let link = forceFull ? null : (cursor?.nextLink ?? cursor?.deltaLink ?? null);
      // A cursor from another Graph host (the base URL or national cloud changed) cannot be followed, and its
      // token must not be sent elsewhere: the stream starts a full round at the configured host, merged by key.
      if (link !== null && !sameOrigin(link, graph.root)) {
        console.warn(`[sync] ${mailbox.id} ${request.stream}: the stored cursor points to ${originOf(link)}, not the configured ${originOf(graph.root)}; starting a full round`);
        link = null;
      }
      let round = cursor?.fullRound ?? 0;
      let window = cursor?.window ?? null;
      let inFullRound = cursor?.fullSyncStartedAt != null;
      if (link === null) {
        window = stream.kind === 'calendar' ? calendarWindow(now(), mailbox.windowBackDays, mailbox.windowAheadDays) : null;
        round = await startFullRound(scope, mailbox.id, request.stream, owner, now(), window);
        inFullRound = true;
        result.fullRound = true;
      }
      const pageSize = deps.pageSize ?? 100;
      const pages =
        stream.kind === 'mail'
          ? graph.deltaMessages(mailbox.address, stream.folder, link, { select: messageSelect(settings.storeSnippets), pageSize })
          : graph.deltaEvents(mailbox.address, window ?? calendarWindow(now(), mailbox.windowBackDays, mailbox.windowAheadDays), link, { pageSize });
      try {
        for await (const page of prefetched(pages as AsyncGenerator<DeltaPage<MailItem> | DeltaPage<CalendarItem>>)) {
          const at = now();
          const t0 = performance.now();
          const plans = await planPage(scope, settings, page, stream.kind, { ownerUserId: mailbox.userId, ownAddresses: [{ address: mailbox.address, userId: mailbox.userId }], settings, now: at });
          const outcome = await commitPage(scope, {
            mailbox, stream: request.stream, owner, round, plans, removedIds: page.removedIds, unreadable: page.unreadable,
            page: { nextLink: page.nextLink, deltaLink: page.deltaLink },
            endsFullRound: inFullRound && page.deltaLink !== null, now: at, leaseMs,
          });
          // planPage is a store lookup plus pure planning (microseconds a page), so the span is the store's time.
          if (deps.timing) deps.timing.dbMs += performance.now() - t0;
          result.pages++;
          result.seen += outcome.seen;
          result.stored += outcome.stored;
          result.created += outcome.created;
          result.released += outcome.released;
          result.softRemoved += outcome.softRemoved;
          result.logIntents += outcome.logIntents;
          result.unreadable += page.unreadable.length;
          for (const [reason, n] of Object.entries(outcome.skipped)) result.skipped[reason] = (result.skipped[reason] ?? 0) + n;
        }
        break;
      } catch (error) {
        // "Use delta query": on 410 / syncStateNotFound, start over with a full round (once per pass). Items come
        // again and merge by external key; what the round does not see again is released at its end.
        if (error instanceof DeltaExpiredError && attempt === 0) {
          result.resynced = true;
          forceFull = true;
          await recordStreamResync(scope, mailbox.id, request.stream, now());
          continue;
        }
        throw error;
      }
    }
    await recordStreamSuccess(scope, mailbox.id, request.stream, now(), result.resynced);
    await recordPassSuccess(scope, mailbox.id, now());
    return result;
  } catch (error) {
    // The pass's own error is what the caller must see; a failure to record it is logged beside it.
    const failure = classifyFailure(error);
    const message = describeFailure(error);
    const base = failure.adminAction ? NEEDS_ADMIN_BACKOFF_MS : FAILING_BACKOFF_MS;
    await recordStreamFailure(scope, mailbox.id, request.stream, { message, ...failure, backoffMs: (n) => failureBackoffMs(n, base) }, now())
      .then(() => recordPassFailure(scope, mailbox.id, message, now()))
      .catch((e) => console.error(`[sync] ${mailbox.id} ${request.stream}: could not record the failed pass: ${e instanceof Error ? e.message : e}`));
    throw error;
  } finally {
    // An unreleased lease only delays the next pass until it expires.
    await releaseLease(scope, mailbox.id, request.stream, owner)
      .catch((e) => console.warn(`[sync] ${mailbox.id} ${request.stream}: lease not released (it expires on its own): ${e instanceof Error ? e.message : e}`));
  }
}

