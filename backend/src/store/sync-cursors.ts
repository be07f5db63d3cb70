// Delta cursors per mailbox stream, with the lease that keeps one pass per stream.
import type { SyncCursorTable } from './database.ts';
import type { TenantScope } from './scope.ts';

export interface SyncCursor {
  mailboxId: string;
  stream: string;
  deltaLink: string | null;
  nextLink: string | null;
  fullRound: number;
  fullSyncStartedAt: number | null;
  window: { start: number; end: number } | null;
  leaseOwner: string | null;
  leaseUntil: number | null;
  updatedAt: number;
  health: StreamHealthRecord;
}

/** What a stream's passes left behind: see recordStreamFailure and recordStreamSuccess. */
export interface StreamHealthRecord {
  consecutiveFailures: number;
  lastError: string | null;
  lastErrorStatus: number | null;
  lastErrorCode: string | null;
  lastErrorAt: number | null;
  /** Non-null while only an admin can fix the stream: what to do. */
  adminAction: string | null;
  nextAttemptAt: number | null;
  lastSuccessAt: number | null;
  lastResyncAt: number | null;
}

/** The pass lost its lease (it ran past lease_until and another pass took the stream): its page is rolled back. */
export class LeaseLostError extends Error {
  constructor(mailboxId: string, stream: string) {
    super(`sync lease on ${mailboxId} ${stream} was lost`);
    this.name = 'LeaseLostError';
  }
}

function cursorFromRow(r: SyncCursorTable): SyncCursor {
  return {
    mailboxId: r.mailbox_id,
    stream: r.stream,
    deltaLink: r.delta_link,
    nextLink: r.next_link,
    fullRound: r.full_round,
    fullSyncStartedAt: r.full_sync_started_at,
    window: r.window_start !== null && r.window_end !== null ? { start: r.window_start, end: r.window_end } : null,
    leaseOwner: r.lease_owner,
    leaseUntil: r.lease_until,
    updatedAt: r.updated_at,
    health: {
      consecutiveFailures: Number(r.consecutive_failures ?? 0),
      lastError: r.last_error,
      lastErrorStatus: r.last_error_status,
      lastErrorCode: r.last_error_code,
      lastErrorAt: r.last_error_at === null ? null : Number(r.last_error_at),
      adminAction: r.admin_action,
      nextAttemptAt: r.next_attempt_at === null ? null : Number(r.next_attempt_at),
      lastSuccessAt: r.last_success_at === null ? null : Number(r.last_success_at),
      lastResyncAt: r.last_resync_at === null ? null : Number(r.last_resync_at),
    },
  };
}

export async function getCursor(scope: TenantScope, mailboxId: string, stream: string): Promise<SyncCursor | null> {
  const r = await scope.db
    .selectFrom('sync_cursors')
    .selectAll()
    .where('tenant_id', '=', scope.tenantId)
    .where('mailbox_id', '=', mailboxId)
    .where('stream', '=', stream)
    .executeTakeFirst();
  return r ? cursorFromRow(r) : null;
}

export async function listCursors(scope: TenantScope): Promise<SyncCursor[]> {
  const rows = await scope.db.selectFrom('sync_cursors').selectAll().where('tenant_id', '=', scope.tenantId).orderBy('mailbox_id').orderBy('stream').execute();
  return rows.map(cursorFromRow);
}

/**
 * Takes the stream for one pass: succeeds when nobody holds it or the holder's lease ran out. Every page commit
 * checks the lease again (saveCursorPage), so a pass that lost it cannot commit a page another pass also commits.
 */
export async function acquireLease(scope: TenantScope, mailboxId: string, stream: string, owner: string, now: number, ttlMs: number): Promise<boolean> {
  await scope.db
    .insertInto('sync_cursors')
    .values({
      tenant_id: scope.tenantId, mailbox_id: mailboxId, stream, delta_link: null, next_link: null, full_round: 0,
      full_sync_started_at: null, window_start: null, window_end: null, lease_owner: null, lease_until: null, updated_at: now,
      consecutive_failures: 0, last_error: null, last_error_status: null, last_error_code: null, last_error_at: null,
      admin_action: null, next_attempt_at: null, last_success_at: null, last_resync_at: null,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'mailbox_id', 'stream']).doNothing())
    .execute();
  const r = await scope.db
    .updateTable('sync_cursors')
    .set({ lease_owner: owner, lease_until: now + ttlMs })
    .where('tenant_id', '=', scope.tenantId)
    .where('mailbox_id', '=', mailboxId)
    .where('stream', '=', stream)
    .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_until', '<', now), eb('lease_owner', '=', owner)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function releaseLease(scope: TenantScope, mailboxId: string, stream: string, owner: string): Promise<void> {
  await scope.db
    .updateTable('sync_cursors')
    .set({ lease_owner: null, lease_until: null })
    .where('tenant_id', '=', scope.tenantId)
    .where('mailbox_id', '=', mailboxId)
    .where('stream', '=', stream)
    .where('lease_owner', '=', owner)
    .execute();
}

async function updateLeased(
  scope: TenantScope, mailboxId: string, stream: string, owner: string, values: Partial<SyncCursorTable>,
): Promise<void> {
  const r = await scope.db
    .updateTable('sync_cursors')
    .set(values)
    .where('tenant_id', '=', scope.tenantId)
    .where('mailbox_id', '=', mailboxId)
    .where('stream', '=', stream)
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new LeaseLostError(mailboxId, stream);
}

/** Drops the cursor and starts a full round (first sync, or after the delta token expired); returns its number. */
export async function startFullRound(
  scope: TenantScope, mailboxId: string, stream: string, owner: string, now: number, window: { start: number; end: number } | null,
): Promise<number> {
  const current = await getCursor(scope, mailboxId, stream);
  const round = (current?.fullRound ?? 0) + 1;
  await updateLeased(scope, mailboxId, stream, owner, {
    delta_link: null, next_link: null, full_round: round, full_sync_started_at: now,
    window_start: window?.start ?? null, window_end: window?.end ?? null, updated_at: now,
  });
  return round;
}

/**
 * Moves the cursor past a page, in the transaction that stores the page's rows: the next page's link while the
 * round goes on, the deltaLink (and no page in progress) when it ends. Extends the lease.
 */
export async function saveCursorPage(
  scope: TenantScope, mailboxId: string, stream: string, owner: string,
  page: { nextLink: string | null; deltaLink: string | null }, now: number, leaseMs: number,
): Promise<void> {
  const values: Partial<SyncCursorTable> = page.deltaLink
    ? { delta_link: page.deltaLink, next_link: null, full_sync_started_at: null }
    : { next_link: page.nextLink };
  await updateLeased(scope, mailboxId, stream, owner, { ...values, updated_at: now, lease_until: now + leaseMs });
}

/** Where a stream stands with its passes. Written outside the lease: a failure is recorded whoever held the stream. */
async function setHealth(scope: TenantScope, mailboxId: string, stream: string, values: Partial<SyncCursorTable>): Promise<void> {
  await scope.db.updateTable('sync_cursors').set(values).where('tenant_id', '=', scope.tenantId).where('mailbox_id', '=', mailboxId).where('stream', '=', stream).execute();
}

export async function recordStreamSuccess(scope: TenantScope, mailboxId: string, stream: string, now: number, resynced: boolean): Promise<void> {
  await setHealth(scope, mailboxId, stream, {
    consecutive_failures: 0, admin_action: null, next_attempt_at: null, last_success_at: now, ...(resynced ? { last_resync_at: now } : {}),
  });
}

export interface StreamFailure {
  message: string;
  status: number | null;
  code: string | null;
  adminAction: string | null;
  /** How long to wait before the next scheduled pass, given the failure count this one makes. */
  backoffMs: (consecutiveFailures: number) => number;
}

/** Counts one more failure of the stream and sets when to try it again. */
export async function recordStreamFailure(scope: TenantScope, mailboxId: string, stream: string, failure: StreamFailure, now: number): Promise<void> {
  const before = await getCursor(scope, mailboxId, stream);
  const failures = (before?.health.consecutiveFailures ?? 0) + 1;
  await setHealth(scope, mailboxId, stream, {
    consecutive_failures: failures, last_error: failure.message.slice(0, 1000), last_error_status: failure.status,
    last_error_code: failure.code?.slice(0, 120) ?? null, last_error_at: now, admin_action: failure.adminAction,
    next_attempt_at: now + failure.backoffMs(failures),
  });
}

export async function recordStreamResync(scope: TenantScope, mailboxId: string, stream: string, now: number): Promise<void> {
  await setHealth(scope, mailboxId, stream, { last_resync_at: now });
}

/**
 * An admin's "restart": the stream's links are dropped, so its next pass is a full round (merged by external
 * key), and its failures and back-off are forgotten. The round number and the lease stay. False if no such stream.
 */
export async function restartStream(scope: TenantScope, mailboxId: string, stream: string, now: number): Promise<boolean> {
  const r = await scope.db
    .updateTable('sync_cursors')
    .set({ delta_link: null, next_link: null, consecutive_failures: 0, admin_action: null, next_attempt_at: null, updated_at: now })
    .where('tenant_id', '=', scope.tenantId).where('mailbox_id', '=', mailboxId).where('stream', '=', stream)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** "Sync now": an admin's explicit request does not wait out a back-off. */
export async function clearBackoff(scope: TenantScope, mailboxId: string): Promise<void> {
  await scope.db.updateTable('sync_cursors').set({ next_attempt_at: null }).where('tenant_id', '=', scope.tenantId).where('mailbox_id', '=', mailboxId).execute();
}
