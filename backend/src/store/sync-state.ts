// Graph sync state: mailboxes, delta cursors (with the lease that keeps one pass per stream), the item refs
// that let an @removed find its interaction, skip counts and subscriptions. Repository functions take a scope.
import type { Kysely } from 'kysely';
import type { Database, MailboxTable, SubscriptionTable, SyncCursorTable } from './database.ts';
import { chunks, type TenantScope } from './scope.ts';
import { refreshLastContact } from './accounts.ts';
import { writeAudit } from './audit.ts';
import type { Visibility } from '../domain/types.ts';

export type MailboxMode = 'application' | 'delegated';

export interface Mailbox {
  id: string;
  tenantId: string;
  userId: string;
  /** The address (UPN) Graph requests name the mailbox by. */
  address: string;
  mode: MailboxMode;
  enabled: boolean;
  folders: string[];
  windowBackDays: number;
  windowAheadDays: number;
  blockedAddresses: string[];
  blockedDomains: string[];
  itemsSeen: number;
  itemsStored: number;
  lastSuccessAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  consecutiveFailures: number;
  throttledMs: number;
  createdAt: number;
}

export interface MailboxInput {
  id: string;
  userId: string;
  address: string;
  mode?: MailboxMode;
  enabled?: boolean;
  folders?: string[];
  windowBackDays?: number;
  windowAheadDays?: number;
  blockedAddresses?: string[];
  blockedDomains?: string[];
}

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

export interface StoredSubscription {
  tenantId: string;
  id: string;
  mailboxId: string;
  stream: string;
  resource: string;
  clientState: string;
  expiresAt: number;
  createdAt: number;
}

/** The pass lost its lease (it ran past lease_until and another pass took the stream): its page is rolled back. */
export class LeaseLostError extends Error {
  constructor(mailboxId: string, stream: string) {
    super(`sync lease on ${mailboxId} ${stream} was lost`);
    this.name = 'LeaseLostError';
  }
}

/** deleted_by of an interaction the sync soft-removed (not a user: it may come back if a mailbox holds it again). */
export const SYNC_REMOVER = 'sync';

function mailboxFromRow(r: MailboxTable): Mailbox {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    userId: r.user_id,
    address: r.address,
    mode: r.mode as MailboxMode,
    enabled: Number(r.enabled) === 1,
    folders: JSON.parse(r.folders) as string[],
    windowBackDays: r.window_back_days,
    windowAheadDays: r.window_ahead_days,
    blockedAddresses: JSON.parse(r.blocked_addresses) as string[],
    blockedDomains: JSON.parse(r.blocked_domains) as string[],
    itemsSeen: Number(r.items_seen),
    itemsStored: Number(r.items_stored),
    lastSuccessAt: r.last_success_at,
    lastError: r.last_error,
    lastErrorAt: r.last_error_at,
    consecutiveFailures: r.consecutive_failures,
    throttledMs: Number(r.throttled_ms),
    createdAt: r.created_at,
  };
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

function subscriptionFromRow(r: SubscriptionTable): StoredSubscription {
  return {
    tenantId: r.tenant_id, id: r.id, mailboxId: r.mailbox_id, stream: r.stream, resource: r.resource,
    clientState: r.client_state, expiresAt: r.expires_at, createdAt: r.created_at,
  };
}

// ---- mailboxes

export async function insertMailbox(scope: TenantScope, input: MailboxInput, now: number): Promise<Mailbox> {
  await scope.db
    .insertInto('mailboxes')
    .values({
      tenant_id: scope.tenantId,
      id: input.id,
      user_id: input.userId,
      address: input.address.toLowerCase(),
      mode: input.mode ?? 'application',
      enabled: input.enabled === false ? 0 : 1,
      folders: JSON.stringify(input.folders ?? ['inbox', 'sentitems']),
      window_back_days: input.windowBackDays ?? 180,
      window_ahead_days: input.windowAheadDays ?? 90,
      blocked_addresses: JSON.stringify((input.blockedAddresses ?? []).map((a) => a.toLowerCase())),
      blocked_domains: JSON.stringify((input.blockedDomains ?? []).map((d) => d.toLowerCase())),
      items_seen: 0,
      items_stored: 0,
      last_success_at: null,
      last_error: null,
      last_error_at: null,
      consecutive_failures: 0,
      throttled_ms: 0,
      created_at: now,
    })
    .execute();
  return (await getMailbox(scope, input.id))!;
}

export async function getMailbox(scope: TenantScope, id: string): Promise<Mailbox | null> {
  const r = await scope.db.selectFrom('mailboxes').selectAll().where('tenant_id', '=', scope.tenantId).where('id', '=', id).executeTakeFirst();
  return r ? mailboxFromRow(r) : null;
}

export async function listMailboxes(scope: TenantScope, opts: { enabledOnly?: boolean } = {}): Promise<Mailbox[]> {
  let q = scope.db.selectFrom('mailboxes').selectAll().where('tenant_id', '=', scope.tenantId);
  if (opts.enabledOnly) q = q.where('enabled', '=', 1);
  return (await q.orderBy('address').execute()).map(mailboxFromRow);
}

/** Tenants with at least one enabled mailbox: the scheduler's one unscoped read. */
export async function tenantsWithMailboxes(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('mailboxes').select('tenant_id').where('enabled', '=', 1).distinct().execute();
  return rows.map((r) => r.tenant_id);
}

export async function recordPassSuccess(scope: TenantScope, mailboxId: string, now: number): Promise<void> {
  await scope.db
    .updateTable('mailboxes')
    .set({ last_success_at: now, consecutive_failures: 0 })
    .where('tenant_id', '=', scope.tenantId)
    .where('id', '=', mailboxId)
    .execute();
}

export async function recordPassFailure(scope: TenantScope, mailboxId: string, message: string, now: number): Promise<void> {
  await scope.db
    .updateTable('mailboxes')
    .set((eb) => ({ last_error: message.slice(0, 1000), last_error_at: now, consecutive_failures: eb('consecutive_failures', '+', 1) }))
    .where('tenant_id', '=', scope.tenantId)
    .where('id', '=', mailboxId)
    .execute();
}

export async function addItemCounts(scope: TenantScope, mailboxId: string, seen: number, stored: number): Promise<void> {
  if (seen === 0 && stored === 0) return;
  await scope.db
    .updateTable('mailboxes')
    .set((eb) => ({ items_seen: eb('items_seen', '+', seen), items_stored: eb('items_stored', '+', stored) }))
    .where('tenant_id', '=', scope.tenantId)
    .where('id', '=', mailboxId)
    .execute();
}

/** Adds time spent waiting on Graph's throttling; the mailbox is named by its address, as Graph requests name it. */
export async function addThrottleWait(scope: TenantScope, address: string, ms: number): Promise<void> {
  await scope.db
    .updateTable('mailboxes')
    .set((eb) => ({ throttled_ms: eb('throttled_ms', '+', Math.round(ms)) }))
    .where('tenant_id', '=', scope.tenantId)
    .where('address', '=', address.toLowerCase())
    .execute();
}

export type MailboxPatch = Pick<MailboxInput, 'enabled' | 'folders' | 'windowBackDays' | 'windowAheadDays' | 'blockedAddresses' | 'blockedDomains'>;

/**
 * Changes a mailbox's sync settings; null when there is no such mailbox. A new calendar window drops the
 * calendar's cursor, since a delta round belongs to its window: the next pass is a full round, merged by key.
 */
export async function updateMailbox(scope: TenantScope, id: string, patch: MailboxPatch): Promise<Mailbox | null> {
  const before = await getMailbox(scope, id);
  if (!before) return null;
  const values: Partial<MailboxTable> = {};
  if (patch.enabled !== undefined) values.enabled = patch.enabled ? 1 : 0;
  if (patch.folders !== undefined) values.folders = JSON.stringify(patch.folders);
  if (patch.windowBackDays !== undefined) values.window_back_days = patch.windowBackDays;
  if (patch.windowAheadDays !== undefined) values.window_ahead_days = patch.windowAheadDays;
  if (patch.blockedAddresses !== undefined) values.blocked_addresses = JSON.stringify(patch.blockedAddresses.map((a) => a.toLowerCase()));
  if (patch.blockedDomains !== undefined) values.blocked_domains = JSON.stringify(patch.blockedDomains.map((d) => d.toLowerCase()));
  if (Object.keys(values).length === 0) return before;
  await scope.db.updateTable('mailboxes').set(values).where('tenant_id', '=', scope.tenantId).where('id', '=', id).execute();
  const windowChanged = (patch.windowBackDays ?? before.windowBackDays) !== before.windowBackDays || (patch.windowAheadDays ?? before.windowAheadDays) !== before.windowAheadDays;
  if (windowChanged) {
    await scope.db.updateTable('sync_cursors').set({ delta_link: null, next_link: null }).where('tenant_id', '=', scope.tenantId).where('mailbox_id', '=', id).where('stream', '=', 'calendar').execute();
  }
  return getMailbox(scope, id);
}

// ---- cursors and leases

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

// ---- item refs and removals

export async function upsertItemRefs(
  scope: TenantScope, mailboxId: string, stream: string, round: number, refs: { graphId: string; interactionId: string; conversationId?: string | null }[],
): Promise<void> {
  const rows = refs.map((r) => ({
    tenant_id: scope.tenantId, mailbox_id: mailboxId, graph_id: r.graphId, stream, interaction_id: r.interactionId, round, conversation_id: r.conversationId ?? null,
  }));
  for (const part of chunks(rows, 1000)) {
    await scope.db
      .insertInto('sync_item_refs')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'mailbox_id', 'graph_id']).doUpdateSet((eb) => ({
          stream: eb.ref('excluded.stream'),
          interaction_id: eb.ref('excluded.interaction_id'),
          round: eb.ref('excluded.round'),
          conversation_id: eb.ref('excluded.conversation_id'),
        })),
      )
      .execute();
  }
}

/** Items of the stream not seen in the current full round: gone from the mailbox while the cursor was lost. */
export async function staleItemIds(scope: TenantScope, mailboxId: string, stream: string, round: number): Promise<string[]> {
  const rows = await scope.db
    .selectFrom('sync_item_refs')
    .select('graph_id')
    .where('tenant_id', '=', scope.tenantId)
    .where('mailbox_id', '=', mailboxId)
    .where('stream', '=', stream)
    .where('round', '<', round)
    .execute();
  return rows.map((r) => r.graph_id);
}

/**
 * What a removal does (an @removed item, or an item that no longer qualifies, e.g. cancelled or marked private):
 * the mailbox stops holding the interaction (its owner's 'holds' goes, unless another item of the same mailbox
 * still stands for it). The interaction stays in history while anyone else holds it or logged it; when its
 * last holder goes it is soft-removed (deleted_by 'sync', audited), and comes back if a mailbox holds it again.
 * Items of another stream are left alone: a message moved from Inbox to Sent Items is the other stream's now.
 */
export async function releaseSyncedItems(
  scope: TenantScope,
  r: { mailboxId: string; userId: string; stream: string; graphIds: string[]; now: number },
): Promise<{ released: number; softRemoved: number }> {
  if (r.graphIds.length === 0) return { released: 0, softRemoved: 0 };
  const refs: { graph_id: string; interaction_id: string }[] = [];
  for (const part of chunks([...new Set(r.graphIds)], 500)) {
    refs.push(
      ...(await scope.db
        .selectFrom('sync_item_refs')
        .select(['graph_id', 'interaction_id'])
        .where('tenant_id', '=', scope.tenantId)
        .where('mailbox_id', '=', r.mailboxId)
        .where('stream', '=', r.stream)
        .where('graph_id', 'in', part)
        .execute()),
    );
  }
  if (refs.length === 0) return { released: 0, softRemoved: 0 };
  for (const part of chunks(refs.map((x) => x.graph_id), 500)) {
    await scope.db.deleteFrom('sync_item_refs').where('tenant_id', '=', scope.tenantId).where('mailbox_id', '=', r.mailboxId).where('graph_id', 'in', part).execute();
  }
  const interactionIds = [...new Set(refs.map((x) => x.interaction_id))];
  const stillHeld = new Set(
    (
      await scope.db
        .selectFrom('sync_item_refs')
        .select('interaction_id')
        .where('tenant_id', '=', scope.tenantId)
        .where('interaction_id', 'in', interactionIds)
        .where('mailbox_id', '=', r.mailboxId)
        .execute()
    ).map((x) => x.interaction_id),
  );
  const released = interactionIds.filter((id) => !stillHeld.has(id));
  if (released.length === 0) return { released: 0, softRemoved: 0 };
  await scope.db
    .deleteFrom('interaction_holders')
    .where('tenant_id', '=', scope.tenantId)
    .where('interaction_id', 'in', released)
    .where('user_id', '=', r.userId)
    .where('relation', '=', 'holds')
    .execute();
  const orphans = await scope.db
    .selectFrom('interactions as i')
    .select(['i.id', 'i.external_key', 'i.kind'])
    .where('i.tenant_id', '=', scope.tenantId)
    .where('i.id', 'in', released)
    .where('i.deleted_at', 'is', null)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('interaction_holders as h').select('h.user_id').whereRef('h.tenant_id', '=', 'i.tenant_id').whereRef('h.interaction_id', '=', 'i.id'))),
    )
    .execute();
  for (const o of orphans) {
    const accounts = await scope.db
      .selectFrom('interaction_accounts')
      .select('account_id')
      .where('tenant_id', '=', scope.tenantId)
      .where('interaction_id', '=', o.id)
      .execute();
    await scope.db
      .updateTable('interactions')
      .set({ deleted_at: r.now, deleted_by: SYNC_REMOVER, updated_at: r.now })
      .where('tenant_id', '=', scope.tenantId)
      .where('id', '=', o.id)
      .execute();
    await scope.db.deleteFrom('interaction_accounts').where('tenant_id', '=', scope.tenantId).where('interaction_id', '=', o.id).execute();
    const accountIds = [...new Set(accounts.map((a) => a.account_id))];
    await refreshLastContact(scope, accountIds);
    await writeAudit(scope, {
      actorId: null, action: 'interaction.sync_remove', entityType: 'interaction', entityId: o.id, at: r.now,
      detail: { reason: 'no mailbox holds it any more', kind: o.kind, externalKey: o.external_key, accountIds },
    });
  }
  return { released: released.length, softRemoved: orphans.length };
}

/** Interactions with these external keys that were removed: by the sync (may come back) or by a person (stay away). */
export async function removedByExternalKey(scope: TenantScope, keys: string[]): Promise<Map<string, { id: string; bySync: boolean }>> {
  const out = new Map<string, { id: string; bySync: boolean }>();
  for (const part of chunks([...new Set(keys)], 500)) {
    const rows = await scope.db
      .selectFrom('interactions')
      .select(['id', 'external_key', 'deleted_by'])
      .where('tenant_id', '=', scope.tenantId)
      .where('external_key', 'in', part)
      .where('deleted_at', 'is not', null)
      .execute();
    for (const row of rows) out.set(row.external_key!, { id: row.id, bySync: row.deleted_by === SYNC_REMOVER });
  }
  return out;
}

/** Brings back interactions the sync soft-removed; ingest then re-adds their holders and timeline rows. */
export async function restoreSyncRemoved(scope: TenantScope, ids: string[], now: number): Promise<void> {
  if (ids.length === 0) return;
  await scope.db
    .updateTable('interactions')
    .set({ deleted_at: null, deleted_by: null, updated_at: now })
    .where('tenant_id', '=', scope.tenantId)
    .where('id', 'in', ids)
    .where('deleted_by', '=', SYNC_REMOVER)
    .execute();
}

// ---- skip counts

export async function addSkipCounts(scope: TenantScope, mailboxId: string, counts: Record<string, number>, now: number): Promise<void> {
  const rows = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([reason, count]) => ({ tenant_id: scope.tenantId, mailbox_id: mailboxId, reason, count, updated_at: now }));
  if (rows.length === 0) return;
  await scope.db
    .insertInto('sync_skips')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'mailbox_id', 'reason']).doUpdateSet((eb) => ({
        count: eb('sync_skips.count', '+', eb.ref('excluded.count')),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

export async function skipCounts(scope: TenantScope, mailboxId?: string): Promise<{ mailboxId: string; reason: string; count: number }[]> {
  let q = scope.db.selectFrom('sync_skips').select(['mailbox_id', 'reason', 'count']).where('tenant_id', '=', scope.tenantId);
  if (mailboxId) q = q.where('mailbox_id', '=', mailboxId);
  return (await q.orderBy('mailbox_id').orderBy('reason').execute()).map((r) => ({ mailboxId: r.mailbox_id, reason: r.reason, count: Number(r.count) }));
}

// ---- subscriptions

export async function insertSubscription(scope: TenantScope, s: Omit<StoredSubscription, 'tenantId'>): Promise<void> {
  await scope.db
    .insertInto('subscriptions')
    .values({
      tenant_id: scope.tenantId, id: s.id, mailbox_id: s.mailboxId, stream: s.stream, resource: s.resource,
      client_state: s.clientState, expires_at: s.expiresAt, created_at: s.createdAt,
    })
    .execute();
}

/** By Graph's subscription id alone: how the webhook, which has no tenant yet, finds one. */
export async function findSubscriptionById(db: Kysely<Database>, id: string): Promise<StoredSubscription | null> {
  const r = await db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? subscriptionFromRow(r) : null;
}

export async function listSubscriptions(scope: TenantScope, opts: { mailboxId?: string; expiringBefore?: number } = {}): Promise<StoredSubscription[]> {
  let q = scope.db.selectFrom('subscriptions').selectAll().where('tenant_id', '=', scope.tenantId);
  if (opts.mailboxId) q = q.where('mailbox_id', '=', opts.mailboxId);
  if (opts.expiringBefore !== undefined) q = q.where('expires_at', '<', opts.expiringBefore);
  return (await q.orderBy('expires_at').execute()).map(subscriptionFromRow);
}

export async function updateSubscriptionExpiry(scope: TenantScope, id: string, expiresAt: number): Promise<void> {
  await scope.db.updateTable('subscriptions').set({ expires_at: expiresAt }).where('tenant_id', '=', scope.tenantId).where('id', '=', id).execute();
}

export async function deleteSubscription(scope: TenantScope, id: string): Promise<void> {
  await scope.db.deleteFrom('subscriptions').where('tenant_id', '=', scope.tenantId).where('id', '=', id).execute();
}

// ---- per-thread visibility

/** The owner's visibility choices for these threads of a mailbox. */
export async function threadVisibilities(scope: TenantScope, mailboxId: string, conversationIds: string[]): Promise<Map<string, Visibility>> {
  const out = new Map<string, Visibility>();
  for (const part of chunks([...new Set(conversationIds)], 500)) {
    const rows = await scope.db.selectFrom('thread_visibility').select(['conversation_id', 'visibility'])
      .where('tenant_id', '=', scope.tenantId).where('mailbox_id', '=', mailboxId).where('conversation_id', 'in', part).execute();
    for (const r of rows) out.set(r.conversation_id, r.visibility as Visibility);
  }
  return out;
}

/** The thread (mailbox and conversation) an interaction came from in one of these mailboxes, if any. */
export async function threadOf(scope: TenantScope, mailboxIds: string[], interactionId: string): Promise<{ mailboxId: string; conversationId: string } | null> {
  if (mailboxIds.length === 0) return null;
  const r = await scope.db.selectFrom('sync_item_refs').select(['mailbox_id', 'conversation_id'])
    .where('tenant_id', '=', scope.tenantId).where('interaction_id', '=', interactionId).where('mailbox_id', 'in', mailboxIds)
    .where('conversation_id', 'is not', null).executeTakeFirst();
  return r ? { mailboxId: r.mailbox_id, conversationId: r.conversation_id! } : null;
}

/** Records the owner's choice and applies it to every interaction of the thread synced from the mailbox. */
export async function setThreadVisibility(
  scope: TenantScope, thread: { mailboxId: string; conversationId: string }, visibility: Visibility, actorId: string, now: number,
): Promise<string[]> {
  await scope.db.insertInto('thread_visibility')
    .values({ tenant_id: scope.tenantId, mailbox_id: thread.mailboxId, conversation_id: thread.conversationId, visibility, updated_at: now })
    .onConflict((oc) => oc.columns(['tenant_id', 'mailbox_id', 'conversation_id']).doUpdateSet({ visibility, updated_at: now }))
    .execute();
  const ids = (await scope.db.selectFrom('sync_item_refs').select('interaction_id').distinct()
    .where('tenant_id', '=', scope.tenantId).where('mailbox_id', '=', thread.mailboxId).where('conversation_id', '=', thread.conversationId).execute())
    .map((r) => r.interaction_id);
  for (const part of chunks(ids, 500)) {
    await scope.db.updateTable('interactions').set({ visibility, updated_at: now }).where('tenant_id', '=', scope.tenantId).where('id', 'in', part).execute();
  }
  await writeAudit(scope, { actorId, action: 'thread-visibility', entityType: 'mailbox', entityId: thread.mailboxId, at: now, detail: { conversationId: thread.conversationId, visibility, interactions: ids.length } });
  return ids;
}

/**
 * After the mailbox's blocklist grew: what was already synced from it with a blocked participant is released,
 * as if the mailbox no longer held it (an interaction nobody else holds is soft-removed). Returns how many.
 */
export async function releaseBlockedItems(scope: TenantScope, mailbox: Pick<Mailbox, 'id' | 'userId' | 'blockedAddresses' | 'blockedDomains'>, now: number): Promise<number> {
  if (mailbox.blockedAddresses.length === 0 && mailbox.blockedDomains.length === 0) return 0;
  const rows = await scope.db
    .selectFrom('sync_item_refs as r')
    .innerJoin('interaction_participants as p', (j) => j.onRef('p.tenant_id', '=', 'r.tenant_id').onRef('p.interaction_id', '=', 'r.interaction_id'))
    .select(['r.graph_id', 'r.stream'])
    .distinct()
    .where('r.tenant_id', '=', scope.tenantId)
    .where('r.mailbox_id', '=', mailbox.id)
    .where((eb) => eb.or([
      ...(mailbox.blockedAddresses.length ? [eb('p.address', 'in', mailbox.blockedAddresses)] : []),
      ...mailbox.blockedDomains.flatMap((d) => [eb('p.address', 'like', `%@${d}`), eb('p.address', 'like', `%.${d}`)]),
    ]))
    .execute();
  let released = 0;
  for (const stream of new Set(rows.map((r) => r.stream))) {
    const graphIds = rows.filter((r) => r.stream === stream).map((r) => r.graph_id);
    released += (await releaseSyncedItems(scope, { mailboxId: mailbox.id, userId: mailbox.userId, stream, graphIds, now })).released;
  }
  return released;
}
