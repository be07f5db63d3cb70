// Interactions, write side: rows in, no rules. What to write (how copies merge, what a removal drops, what
// counts as contact) is decided in domain/ and applied by the interaction use cases.
import type { InteractionInput } from './interactions.ts';
import type { Visibility } from '../domain/types.ts';
import type { SoftRemovalPlan } from '../domain/soft-removal.ts';
import { chunks, collectKeysBeforeCommit, PRE_COMMIT_STAGE, type TenantScope } from './scope.ts';
import { writeAudit } from './audit.ts';
import { refreshLastContact } from './accounts.ts';
import { NOT_CONTACT_KINDS } from '../domain/counts-as-contact.ts';
import { touchTimeline } from './timeline-rows.ts';
import { withRollups } from './rollups.ts';
import type { ArrayType } from './pg-unnest.ts';
import { insertBatches } from './batch-insert.ts';

// The bulk inserts' columns with their PostgreSQL types (batch-insert.ts): one statement per table and batch there.
const INTERACTION_COLUMNS = ([
  ['tenant_id', 'text'], ['id', 'text'], ['kind', 'text'], ['direction', 'text'], ['occurred_at', 'bigint'], ['subject', 'text'], ['snippet', 'text'],
  ['note', 'text'], ['duration_minutes', 'integer'], ['opportunity_id', 'text'], ['source', 'text'], ['visibility', 'text'], ['external_key', 'text'],
  ['created_by', 'text'], ['created_at', 'bigint'], ['updated_at', 'bigint'],
] as const) satisfies readonly (readonly [string, ArrayType])[];
const PARTICIPANT_COLUMNS = ([
  ['tenant_id', 'text'], ['interaction_id', 'text'], ['ordinal', 'integer'], ['role', 'text'], ['address', 'text'], ['display_name', 'text'],
  ['user_id', 'text'], ['contact_id', 'text'],
] as const) satisfies readonly (readonly [string, ArrayType])[];
const LINK_COLUMNS = ([['tenant_id', 'text'], ['account_id', 'text'], ['occurred_at', 'bigint'], ['interaction_id', 'text'], ['kind', 'text']] as const) satisfies readonly (readonly [string, ArrayType])[];
const HOLDER_COLUMNS = ([['tenant_id', 'text'], ['interaction_id', 'text'], ['user_id', 'text'], ['relation', 'text'], ['at', 'bigint']] as const) satisfies readonly (readonly [string, ArrayType])[];

/** A stored interaction as a merge needs it, found by external key (removed ones included). */
export interface StoredByKey {
  id: string;
  occurredAt: number;
  visibility: Visibility;
  note: string | null;
  opportunityId: string | null;
  removed: boolean;
  holderIds: Set<string>;
}

/** With lock, the rows stay locked for update until the transaction ends (PostgreSQL; SQLite writes one at a time). */
export async function storedByExternalKeys(scope: TenantScope, keys: string[], opts: { lock?: boolean } = {}): Promise<Map<string, StoredByKey>> {
  const out = new Map<string, StoredByKey>();
  for (const part of chunks([...new Set(keys)], 500)) {
    let query = scope.db
      .selectFrom('interactions')
      .select(['id', 'external_key', 'occurred_at', 'visibility', 'note', 'opportunity_id', 'deleted_at'])
      .where('tenant_id', '=', scope.tenantId)
      .where('external_key', 'in', part);
    if (opts.lock && scope.dialect === 'postgres') query = query.orderBy('id').forNoKeyUpdate();
    const rows = await query.execute();
    if (rows.length === 0) continue;
    const holders = await scope.db
      .selectFrom('interaction_holders')
      .select(['interaction_id', 'user_id'])
      .where('tenant_id', '=', scope.tenantId)
      .where('interaction_id', 'in', rows.map((r) => r.id))
      .execute();
    for (const r of rows) {
      out.set(r.external_key!, {
        id: r.id, occurredAt: r.occurred_at, visibility: r.visibility as Visibility, note: r.note, opportunityId: r.opportunity_id,
        removed: r.deleted_at !== null, holderIds: new Set(holders.filter((h) => h.interaction_id === r.id).map((h) => h.user_id)),
      });
    }
  }
  return out;
}

/**
 * New interactions with their participants (addresses lower-cased); accounts and holders go in separately.
 * A row whose external key is already stored, or is being stored by a transaction running now (which this one
 * waits for), is not inserted: returns the ids that were, so the caller merges the others into the stored row.
 */
export async function insertInteractions(scope: TenantScope, rows: { input: InteractionInput; id: string }[], now: number): Promise<Set<string>> {
  const inserted = new Set<string>();
  // In key order, so two transactions inserting overlapping keys wait on each other in one direction only.
  const ordered = [...rows].sort((a, b) => (a.input.externalKey ?? '').localeCompare(b.input.externalKey ?? ''));
  const values = ordered.map(({ input: i, id }) => ({
    tenant_id: scope.tenantId,
    id,
    kind: i.kind,
    direction: i.direction,
    occurred_at: i.occurredAt,
    subject: i.subject,
    snippet: i.snippet,
    note: i.note,
    duration_minutes: i.durationMinutes,
    opportunity_id: i.opportunityId,
    source: i.source,
    visibility: i.visibility,
    external_key: i.externalKey,
    created_by: i.holders.find((h) => h.relation === 'logged')?.userId ?? null,
    created_at: now,
    updated_at: now,
    deleted_at: null,
    deleted_by: null,
  }));
  const done = await insertBatches(scope, {
    into: 'interactions', rows: values, columns: INTERACTION_COLUMNS, sqliteChunk: 1500,
    finish: (insert) => insert.onConflict((oc) => oc.columns(['tenant_id', 'external_key']).doNothing()).returning('id'),
  });
  for (const r of done) inserted.add(r.id);
  const participants = rows.filter(({ id }) => inserted.has(id)).flatMap(({ input, id }) =>
    input.participants.map((p, ordinal) => ({
      tenant_id: scope.tenantId,
      interaction_id: id,
      ordinal,
      role: p.role,
      address: p.address.toLowerCase(),
      display_name: p.displayName,
      user_id: p.userId,
      contact_id: p.contactId,
    })),
  );
  await insertBatches(scope, { into: 'interaction_participants', rows: participants, columns: PARTICIPANT_COLUMNS, sqliteChunk: 3000, finish: (insert) => insert.onConflict((oc) => oc.doNothing()) });
  await touchTimeline(scope, inserted);
  return inserted;
}

/** Timeline rows; one already there is left alone. */
export async function addTimelineRows(scope: TenantScope, rows: { interactionId: string; accountId: string; occurredAt: number; kind: string }[]): Promise<void> {
  const values = rows.map((r) => ({ tenant_id: scope.tenantId, account_id: r.accountId, occurred_at: r.occurredAt, interaction_id: r.interactionId, kind: r.kind }));
  // In key order, as insertInteractions: passes merging into the same interaction then never wait in a cycle.
  values.sort((a, b) => a.account_id.localeCompare(b.account_id) || a.occurred_at - b.occurred_at || a.interaction_id.localeCompare(b.interaction_id));
  await insertBatches(scope, { into: 'interaction_accounts', rows: values, columns: LINK_COLUMNS, sqliteChunk: 3000, finish: (insert) => insert.onConflict((oc) => oc.doNothing()) });
  await touchTimeline(scope, rows.map((r) => r.interactionId));
}

/** Holders and loggers; one already there is left alone. */
export async function addHolders(scope: TenantScope, rows: { interactionId: string; userId: string; relation: string; at: number }[]): Promise<void> {
  const values = rows.map((r) => ({ tenant_id: scope.tenantId, interaction_id: r.interactionId, user_id: r.userId, relation: r.relation, at: r.at }));
  values.sort((a, b) => a.interaction_id.localeCompare(b.interaction_id) || a.user_id.localeCompare(b.user_id) || a.relation.localeCompare(b.relation));
  await insertBatches(scope, { into: 'interaction_holders', rows: values, columns: HOLDER_COLUMNS, sqliteChunk: 3000, finish: (insert) => insert.onConflict((oc) => oc.doNothing()) });
  await touchTimeline(scope, rows.map((r) => r.interactionId));
}

export async function clearRemoval(scope: TenantScope, id: string, now: number): Promise<void> {
  await scope.db.updateTable('interactions').set({ deleted_at: null, deleted_by: null, updated_at: now }).where('tenant_id', '=', scope.tenantId).where('id', '=', id).execute();
  await touchTimeline(scope, [id]);
}

export async function updateInteractionFields(
  scope: TenantScope, id: string, patch: { note?: string | null; opportunityId?: string | null; visibility?: Visibility; businessReview?: boolean | null }, now: number,
): Promise<void> {
  await scope.db
    .updateTable('interactions')
    .set({
      ...(patch.note !== undefined && { note: patch.note }),
      ...(patch.businessReview !== undefined && { business_review: patch.businessReview === null ? null : patch.businessReview ? 1 : 0 }),
      ...(patch.opportunityId !== undefined && { opportunity_id: patch.opportunityId }),
      ...(patch.visibility !== undefined && { visibility: patch.visibility }),
      updated_at: now,
    })
    .where('tenant_id', '=', scope.tenantId)
    .where('id', '=', id)
    .execute();
  await touchTimeline(scope, [id]);
}

/** Applies a soft removal planned by domain/soft-removal.ts. */
export async function applySoftRemoval(scope: TenantScope, plan: SoftRemovalPlan): Promise<void> {
  await withRollups(scope, [plan.interactionId, plan.dropTimelineOf], () => softRemove(scope, plan));
  if (plan.recomputeLastContact.length) await refreshLastContact(scope, plan.recomputeLastContact);
  if (plan.audit) await writeAudit(scope, plan.audit);
}

async function softRemove(scope: TenantScope, plan: SoftRemovalPlan): Promise<void> {
  await scope.db
    .updateTable('interactions')
    .set({ deleted_at: plan.deletedAt, deleted_by: plan.deletedBy, updated_at: plan.deletedAt })
    .where('tenant_id', '=', scope.tenantId)
    .where('id', '=', plan.interactionId)
    .execute();
  await scope.db.deleteFrom('interaction_accounts').where('tenant_id', '=', scope.tenantId).where('interaction_id', '=', plan.dropTimelineOf).execute();
  await touchTimeline(scope, [plan.interactionId, plan.dropTimelineOf]);
}

/**
 * bumpLastContact for these accounts just before the transaction commits, once for all its writes: on PostgreSQL
 * the account rows it locks (which concurrent sync passes all write) are then held only to the commit, not over
 * the rest of the transaction. Now when the scope is not in a transaction opened by inTransaction.
 */
export async function bumpLastContactAtCommit(scope: TenantScope, accountIds: string[]): Promise<void> {
  if (accountIds.length === 0) return;
  if (collectKeysBeforeCommit(scope, 'last-contact', accountIds, (ids) => bumpLastContact(scope, ids), PRE_COMMIT_STAGE.lastContact)) return;
  await bumpLastContact(scope, accountIds);
}

/** Recomputes these accounts' last contact from their timeline rows of kinds that count as contact. */
export async function bumpLastContact(scope: TenantScope, accountIds: string[]): Promise<void> {
  // Accounts are locked in id order, so concurrent writers (sync passes, loggers) never wait on each other in a
  // cycle. NO KEY UPDATE, as the UPDATE itself takes: it does not conflict with the key-share locks that foreign
  // key checks of the same transactions hold on these rows.
  for (const part of chunks([...new Set(accountIds)].sort(), 500)) {
    if (scope.dialect === 'postgres') {
      await scope.db.selectFrom('accounts').select('id').where('tenant_id', '=', scope.tenantId).where('id', 'in', part).orderBy('id').forNoKeyUpdate().execute();
    }
    await scope.db
      .updateTable('accounts')
      .set((eb) => ({
        last_contact_at: eb
          .selectFrom('interaction_accounts as ia')
          .select((e) => e.fn.max<number>('ia.occurred_at').as('m'))
          .whereRef('ia.tenant_id', '=', 'accounts.tenant_id')
          .whereRef('ia.account_id', '=', 'accounts.id')
          .where('ia.kind', 'not in', NOT_CONTACT_KINDS),
      }))
      .where('tenant_id', '=', scope.tenantId)
      .where('id', 'in', part)
      .execute();
  }
}

/** Ids of the interactions (removed ones included) with these external keys. */
export async function idsByExternalKeys(scope: TenantScope, keys: string[]): Promise<{ id: string; externalKey: string }[]> {
  const out: { id: string; externalKey: string }[] = [];
  for (const part of chunks([...new Set(keys)], 500)) {
    const rows = await scope.db.selectFrom('interactions').select(['id', 'external_key']).where('tenant_id', '=', scope.tenantId).where('external_key', 'in', part).execute();
    for (const r of rows) out.push({ id: r.id, externalKey: r.external_key! });
  }
  return out;
}

export async function setExternalKey(scope: TenantScope, id: string, externalKey: string): Promise<void> {
  await scope.db.updateTable('interactions').set({ external_key: externalKey }).where('tenant_id', '=', scope.tenantId).where('id', '=', id).execute();
  await touchTimeline(scope, [id]);
}

/** Meetings (removed ones included) that start within this minute, with their organizer's address. */
export async function meetingsInMinute(scope: TenantScope, minute: number): Promise<{ externalKey: string | null; occurredAt: number; subject: string | null; organizer: string }[]> {
  const rows = await scope.db
    .selectFrom('interactions as i')
    .innerJoin('interaction_participants as p', (j) => j.onRef('p.tenant_id', '=', 'i.tenant_id').onRef('p.interaction_id', '=', 'i.id'))
    .select(['i.external_key', 'i.occurred_at', 'i.subject', 'p.address'])
    .where('i.tenant_id', '=', scope.tenantId)
    .where('i.occurred_at', '>=', minute)
    .where('i.occurred_at', '<', minute + 60_000)
    .where('i.kind', '=', 'meeting')
    .where('p.role', '=', 'organizer')
    .execute();
  return rows.map((r) => ({ externalKey: r.external_key, occurredAt: r.occurred_at, subject: r.subject, organizer: r.address }));
}
