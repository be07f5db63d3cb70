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
