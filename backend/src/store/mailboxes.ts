// Mailboxes the sync reads: their settings (folders, calendar window, blocklist) and pass bookkeeping.
import type { Kysely } from 'kysely';
import type { Database, MailboxTable } from './database.ts';
import type { TenantScope } from './scope.ts';

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

/**
 * The mailbox's last good pass of any stream (a delegated mailbox's refresh goes by it). Failures are kept per
 * stream (sync-cursors.ts): one stream's success must not hide another's failures.
 */
export async function recordPassSuccess(scope: TenantScope, mailboxId: string, now: number): Promise<void> {
  await scope.db
    .updateTable('mailboxes')
    .set({ last_success_at: now })
    .where('tenant_id', '=', scope.tenantId)
    .where('id', '=', mailboxId)
    .execute();
}

export async function recordPassFailure(scope: TenantScope, mailboxId: string, message: string, now: number): Promise<void> {
  await scope.db
    .updateTable('mailboxes')
    .set({ last_error: message.slice(0, 1000), last_error_at: now })
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
