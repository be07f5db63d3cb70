// One sync pass over one mailbox stream: take the stream's lease, walk Graph's delta pages from the cursor
// (a page in progress, else the last deltaLink, else a full round), plan the items of the pages that arrived
// and commit them with the cursor, several pages per transaction while Graph fetches the next ones (see
// page-batches.ts). An expired delta token starts a full round; merging by external key keeps it duplicate-free.
import { randomUUID } from 'node:crypto';
import type { Db } from '../store/connect.ts';
import { inTransaction, tenantScope, type TenantScope } from '../store/scope.ts';
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
import { combinePages, DEFAULT_BATCH_LIMITS, pageBatches, type BatchLimits } from './page-batches.ts';
import type { StoreTimer } from './store-timer.ts';

/**
 * Prefer: odata.maxpagesize. Graph documents 1 to 1000 messages a page for Outlook messages (list messages) and
 * no other bound for message or event delta; Suhde selects metadata only, so a page of 1000 stays small.
 */
export const DEFAULT_PAGE_SIZE = 1000;

export interface SyncEngineDeps {
  handle: Db;
  /** The Graph client for a tenant (its token provider, its national cloud). */
  graphFor(tenantId: string): GraphClient;
  now?: () => number;
  /** Prefer: odata.maxpagesize for delta rounds. Default DEFAULT_PAGE_SIZE. */
  pageSize?: number;
  /** How many items one transaction takes and how far Graph is read ahead of the store. */
  batchLimits?: BatchLimits;
  /** Times the store calls of each batch (lookups and commits), for the benchmark's share of time in the store. */
  storeTimer?: StoreTimer;
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

type AnyPage = DeltaPage<MailItem> | DeltaPage<CalendarItem>;

/** Plans a batch's pages with one address lookup for all of them, then takes the last word on each item. */
async function planBatch(scope: TenantScope, settings: TenantSettings, pages: AnyPage[], kind: 'mail' | 'calendar', ctx: PlanContext) {
  const byAddress = new Map<string, { address: string; displayName: string | null }>();
  for (const page of pages) for (const item of page.items) for (const a of itemAddresses(item)) if (!byAddress.has(a.address)) byAddress.set(a.address, { address: a.address, displayName: a.name });
  const inputs = [...byAddress.values()];
  const [matches, suppressed] = await Promise.all([matchAddresses(scope, settings, inputs, ctx.ownAddresses), suppressedAddresses(scope, inputs.map((i) => i.address))]);
  if (suppressed.size > 0) ctx = { ...ctx, suppressed };
  const found = new Map<string, AddressMatch>(inputs.map((input, i) => [input.address, matches[i]!]));
  const match = (address: string) => found.get(address)!;
  const plan = (page: AnyPage): ItemPlan[] =>
    kind === 'mail' ? (page.items as MailItem[]).map((item) => planMailItem(item, match, ctx)) : (page.items as CalendarItem[]).map((item) => planCalendarItem(item, match, ctx));
  return combinePages(pages.map((page) => ({ plans: plan(page), removedIds: page.removedIds, unreadable: page.unreadable })));
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
  const timed = <T>(work: () => Promise<T>) => (deps.storeTimer ? deps.storeTimer.span(work) : work());
  const result: SyncPassResult = {
    ...request, status: 'done', pages: 0, seen: 0, stored: 0, created: 0, released: 0, softRemoved: 0, skipped: {}, logIntents: 0, fullRound: false, resynced: false, unreadable: 0,
  };
  const stream = parseStream(request.stream);
  if (!stream) throw new Error(`unknown sync stream ${request.stream}`);
  const mailbox = await timed(() => getMailbox(scope, request.mailboxId));
  if (!mailbox || !mailbox.enabled) return { ...result, status: 'disabled' };
  if (request.honourBackoff) {
    const due = (await getCursor(scope, mailbox.id, request.stream))?.health.nextAttemptAt ?? null;
    if (due !== null && due > now()) return { ...result, status: 'backoff' };
  }
  const owner = randomUUID();
  if (!(await timed(() => acquireLease(scope, mailbox.id, request.stream, owner, now(), leaseMs)))) return { ...result, status: 'busy' };

  let leaseReleased = false;
  // The pass's end: the stream's and the mailbox's health, the lease given back.
  const endPass = async (tx: TenantScope) => {
    await recordStreamSuccess(tx, mailbox.id, request.stream, now(), result.resynced);
    await recordPassSuccess(tx, mailbox.id, now());
    await releaseLease(tx, mailbox.id, request.stream, owner);
  };
  try {
    const tenant = await timed(() => getTenant(scope));
    const settings = mailboxSettings(tenant.settings, mailbox);
    const graph = deps.graphFor(request.tenantId);
    let forceFull = false;
    for (let attempt = 0; ; attempt++) {
      const cursor = await timed(() => getCursor(scope, mailbox.id, request.stream));
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
        round = await timed(() => startFullRound(scope, mailbox.id, request.stream, owner, now(), window));
        inFullRound = true;
        result.fullRound = true;
      }
      const pageSize = deps.pageSize ?? DEFAULT_PAGE_SIZE;
      const pages =
        stream.kind === 'mail'
          ? graph.deltaMessages(mailbox.address, stream.folder, link, { select: messageSelect(settings.storeSnippets), pageSize })
          : graph.deltaEvents(mailbox.address, window ?? calendarWindow(now(), mailbox.windowBackDays, mailbox.windowAheadDays), link, { pageSize });
      try {
        for await (const batch of pageBatches(pages as AsyncGenerator<AnyPage>, deps.batchLimits ?? DEFAULT_BATCH_LIMITS)) {
          const at = now();
          const last = batch[batch.length - 1]!;
          const ctx = { ownerUserId: mailbox.userId, ownAddresses: [{ address: mailbox.address, userId: mailbox.userId }], settings, now: at };
          const combined = await timed(() => planBatch(scope, settings, batch, stream.kind, ctx));
          // The cursor moves to the batch's last page, in the transaction that stores every item up to it.
          // The round's last batch also ends the pass: one commit (one fsync on SQLite) instead of two.
          const ends = last.deltaLink !== null;
          const outcome = await timed(() => commitPage(scope, {
            mailbox, stream: request.stream, owner, round, ...combined,
            page: { nextLink: last.nextLink, deltaLink: last.deltaLink },
            endsFullRound: inFullRound && ends, now: at, leaseMs, ...(ends ? { finish: endPass } : {}),
          }));
          if (ends) leaseReleased = true;
          result.pages += batch.length;
          result.seen += outcome.seen;
          result.stored += outcome.stored;
          result.created += outcome.created;
          result.released += outcome.released;
          result.softRemoved += outcome.softRemoved;
          result.logIntents += outcome.logIntents;
          result.unreadable += combined.unreadable.length;
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
    // Ended with the last batch's commit, unless no batch ended the round (no pages): then one commit of its own.
    if (!leaseReleased) await timed(() => inTransaction(scope, endPass));
    leaseReleased = true;
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
    if (!leaseReleased) await releaseLease(scope, mailbox.id, request.stream, owner)
      .catch((e) => console.warn(`[sync] ${mailbox.id} ${request.stream}: lease not released (it expires on its own): ${e instanceof Error ? e.message : e}`));
  }
}

