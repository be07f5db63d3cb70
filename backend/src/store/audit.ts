// The audit trail: who did what to which record, when. Written beside each change, read by admins.
import { sql } from 'kysely';
import type { TenantScope } from './scope.ts';
import type { User } from '../domain/types.ts';
import { userFromRow } from './users.ts';
import { newId } from './ids.ts';
import { bumpDataVersion } from './rollups.ts';

export async function writeAudit(
  scope: TenantScope,
  entry: { actorId: string | null; action: string; entityType: string; entityId: string; at: number; detail?: unknown },
  /** false for a change no dashboard figure reads (a saved view): the dashboards stay cached. */
  dashboardData = true,
): Promise<void> {
  await scope.db
    .insertInto('audit_log')
    .values({
      tenant_id: scope.tenantId,
      id: newId(entry.at),
      at: entry.at,
      actor_id: entry.actorId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
    })
    .execute();
  // An audited change (a stage, a tier, an owner, a colleague's team) is one the dashboard may show.
  if (dashboardData) await bumpDataVersion(scope);
}

export async function auditTrail(scope: TenantScope, entityType: string, entityId: string) {
  return scope.db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_id as actorId', 'action', 'detail'])
    .where('tenant_id', '=', scope.tenantId)
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('at', 'asc')
    .execute();
}

export interface AuditQuery {
  actorId?: string;
  /** Matches the start of the action: "opportunity." finds every opportunity action. */
  actionPrefix?: string;
  entityType?: string;
  entityId?: string;
  /** Inclusive lower and exclusive upper bound of `at`. */
  from?: number;
  to?: number;
  /** The last entry of the previous page; the page holds older entries. */
  before?: { at: number; id: string };
  limit: number;
}

export interface AuditEntry {
  id: string;
  at: number;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  /** As written; the audit view decides what of it is shown. */
  detail: unknown;
}

/** One page of the tenant's audit trail, newest first, keyset-paginated on (at, id). */
export async function auditPage(scope: TenantScope, q: AuditQuery): Promise<{ items: AuditEntry[]; next: { at: number; id: string } | null }> {
  let query = scope.db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_id', 'action', 'entity_type', 'entity_id', 'detail'])
    .where('tenant_id', '=', scope.tenantId);
  if (q.actorId) query = query.where('actor_id', '=', q.actorId);
  // substr rather than LIKE: the same case-sensitive match on both databases, and no wildcard to escape.
  if (q.actionPrefix) query = query.where(sql<string>`substr(action, 1, ${q.actionPrefix.length})`, '=', q.actionPrefix);
  if (q.entityType) query = query.where('entity_type', '=', q.entityType);
  if (q.entityId) query = query.where('entity_id', '=', q.entityId);
  if (q.from !== undefined) query = query.where('at', '>=', q.from);
  if (q.to !== undefined) query = query.where('at', '<', q.to);
  if (q.before) {
    const b = q.before;
    query = query.where((eb) => eb.or([eb('at', '<', b.at), eb.and([eb('at', '=', b.at), eb('id', '<', b.id)])]));
  }
  const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(q.limit + 1).execute();
  const items = rows.slice(0, q.limit).map((r) => ({
    id: r.id, at: Number(r.at), actorId: r.actor_id, action: r.action, entityType: r.entity_type, entityId: r.entity_id,
    detail: parseDetail(r.detail),
  }));
  const last = items.at(-1);
  return { items, next: rows.length > q.limit && last ? { at: last.at, id: last.id } : null };
}

function parseDetail(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch (e) {
    if (e instanceof SyntaxError) return null; // written by hand or truncated: shown as no detail
    throw e;
  }
}

/** The people who acted, deactivated ones included: the trail outlives their accounts. */
export async function auditActors(scope: TenantScope, ids: string[]): Promise<User[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await scope.db.selectFrom('users').selectAll().where('tenant_id', '=', scope.tenantId).where('id', 'in', unique).execute();
  return rows.map(userFromRow);
}

/**
 * A human name for each entity, where one is cheap and not private: an account's, contact's or
 * opportunity's name, a user's or a mailbox owner's display name, the tenant's name. Interactions have none
 * (their subject may be private). Keys are "type:id".
 */
export async function auditEntityLabels(scope: TenantScope, refs: { entityType: string; entityId: string }[]): Promise<Map<string, string>> {
  const ids = (type: string) => [...new Set(refs.filter((r) => r.entityType === type).map((r) => r.entityId))];
  const out = new Map<string, string>();
  const put = (type: string, rows: { id: string; name: string }[]) => rows.forEach((r) => out.set(`${type}:${r.id}`, r.name));
  const t = scope.tenantId;
  const accounts = ids('account');
  if (accounts.length) put('account', await scope.db.selectFrom('accounts').select(['id', 'name']).where('tenant_id', '=', t).where('id', 'in', accounts).execute());
  const contacts = ids('contact');
  if (contacts.length) put('contact', await scope.db.selectFrom('contacts').select(['id', 'name']).where('tenant_id', '=', t).where('id', 'in', contacts).execute());
  const opportunities = ids('opportunity');
  if (opportunities.length) put('opportunity', await scope.db.selectFrom('opportunities').select(['id', 'name']).where('tenant_id', '=', t).where('id', 'in', opportunities).execute());
  const users = ids('user');
  if (users.length) put('user', await scope.db.selectFrom('users').select(['id', 'display_name as name']).where('tenant_id', '=', t).where('id', 'in', users).execute());
  const mailboxes = ids('mailbox');
  if (mailboxes.length) {
    put('mailbox', await scope.db
      .selectFrom('mailboxes as m')
      .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'm.tenant_id').onRef('u.id', '=', 'm.user_id'))
      .select(['m.id as id', 'u.display_name as name'])
      .where('m.tenant_id', '=', t)
      .where('m.id', 'in', mailboxes)
      .execute());
  }
  if (ids('tenant').includes(t)) put('tenant', await scope.db.selectFrom('tenants').select(['id', 'name']).where('id', '=', t).execute());
  return out;
}
