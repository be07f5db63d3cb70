// Follow-ups: a date someone promised to get back to a customer, set when logging an interaction (one per assignee
// and interaction; a new date replaces the old), then done, snoozed or handed to a colleague. Today, the account's
// follow-ups panel and the reminders job read them.
import { sql } from 'kysely';
import type { TenantScope } from './scope.ts';
import { newId } from './ids.ts';
import { conflict, notFound } from '../domain/errors.ts';
import type { Tier, Visibility } from '../domain/types.ts';

export interface FollowUp {
  id: string;
  /** Who it is assigned to: whose Today it is in. */
  userId: string;
  /** Who set it. */
  createdBy: string;
  interactionId: string;
  accountId: string;
  dueOn: string;
  /** The date first promised, when it has been snoozed since. */
  originalDueOn: string | null;
  snoozedAt: number | null;
  note: string | null;
  doneAt: number | null;
  createdAt: number;
}

type Row = {
  id: string; user_id: string; created_by: string | null; interaction_id: string; account_id: string; due_on: string; original_due_on: string | null;
  snoozed_at: number | null; note: string | null; done_at: number | null; created_at: number;
};
const fromRow = (r: Row): FollowUp => ({
  id: r.id, userId: r.user_id, createdBy: r.created_by ?? r.user_id, interactionId: r.interaction_id, accountId: r.account_id, dueOn: r.due_on,
  originalDueOn: r.original_due_on, snoozedAt: r.snoozed_at === null ? null : Number(r.snoozed_at), note: r.note,
  doneAt: r.done_at === null ? null : Number(r.done_at), createdAt: Number(r.created_at),
});

export async function setFollowUp(scope: TenantScope, f: { userId: string; interactionId: string; accountId: string; dueOn: string; note?: string | null }, now: number): Promise<FollowUp> {
  await scope.db
    .insertInto('follow_ups')
    .values({
      tenant_id: scope.tenantId, id: newId(now), user_id: f.userId, created_by: f.userId, interaction_id: f.interactionId, account_id: f.accountId,
      due_on: f.dueOn, done_at: null, created_at: now, note: f.note ?? null, original_due_on: null, snoozed_at: null,
    })
    // A new date from logging again is a new promise, not a snooze: the history starts over.
    .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'interaction_id']).doUpdateSet({
      due_on: f.dueOn, account_id: f.accountId, done_at: null, original_due_on: null, snoozed_at: null, ...(f.note !== undefined ? { note: f.note } : {}),
    }))
    .execute();
  const r = await scope.db.selectFrom('follow_ups').selectAll().where('tenant_id', '=', scope.tenantId).where('user_id', '=', f.userId).where('interaction_id', '=', f.interactionId).executeTakeFirstOrThrow();
  return fromRow(r);
}

/** A person's open follow-ups due on or before `onOrBefore` (YYYY-MM-DD), oldest first; or all open ones. */
export async function openFollowUps(scope: TenantScope, userId: string, onOrBefore?: string): Promise<FollowUp[]> {
  let q = scope.db.selectFrom('follow_ups').selectAll().where('tenant_id', '=', scope.tenantId).where('user_id', '=', userId).where('done_at', 'is', null);
  if (onOrBefore) q = q.where('due_on', '<=', onOrBefore);
  return (await q.orderBy('due_on').orderBy('id').limit(500).execute()).map(fromRow);
}

export async function getFollowUp(scope: TenantScope, id: string): Promise<FollowUp> {
  const r = await scope.db.selectFrom('follow_ups').selectAll().where('tenant_id', '=', scope.tenantId).where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('follow-up');
  return fromRow(r);
}

/** The open follow-up a person has on an interaction (the add-in's "your follow-up on this email"), or null. */
export async function followUpOnInteraction(scope: TenantScope, userId: string, interactionId: string): Promise<FollowUp | null> {
  const r = await scope.db.selectFrom('follow_ups').selectAll().where('tenant_id', '=', scope.tenantId).where('interaction_id', '=', interactionId)
    .where((w) => w.or([w('user_id', '=', userId), w('created_by', '=', userId)])).where('done_at', 'is', null).orderBy('due_on').executeTakeFirst();
  return r ? fromRow(r) : null;
}

/** Marks a follow-up done at doneAt, or open again with null. */
export async function setFollowUpDone(scope: TenantScope, id: string, doneAt: number | null): Promise<FollowUp> {
  await scope.db.updateTable('follow_ups').set({ done_at: doneAt }).where('tenant_id', '=', scope.tenantId).where('id', '=', id).execute();
  return getFollowUp(scope, id);
}

/** Moves the due date; the date first promised is kept the first time. */
export async function snoozeFollowUp(scope: TenantScope, id: string, dueOn: string, now: number): Promise<FollowUp> {
  await scope.db.updateTable('follow_ups')
    .set({ original_due_on: sql<string>`coalesce(original_due_on, due_on)`, due_on: dueOn, snoozed_at: now, done_at: null })
    .where('tenant_id', '=', scope.tenantId).where('id', '=', id).execute();
  return getFollowUp(scope, id);
}

export async function setFollowUpNote(scope: TenantScope, id: string, note: string | null): Promise<FollowUp> {
  await scope.db.updateTable('follow_ups').set({ note }).where('tenant_id', '=', scope.tenantId).where('id', '=', id).execute();
  return getFollowUp(scope, id);
}

/** Hands a follow-up to a colleague. They may already have their own on the same item: that is a conflict. */
export async function reassignFollowUp(scope: TenantScope, id: string, userId: string): Promise<FollowUp> {
  const f = await getFollowUp(scope, id);
  const theirs = await scope.db.selectFrom('follow_ups').select('id').where('tenant_id', '=', scope.tenantId).where('user_id', '=', userId)
    .where('interaction_id', '=', f.interactionId).where('id', '<>', id).executeTakeFirst();
  if (theirs) throw conflict('That colleague already has a follow-up on this item; mark this one done instead.');
  await scope.db.updateTable('follow_ups').set({ user_id: userId }).where('tenant_id', '=', scope.tenantId).where('id', '=', id).execute();
  return getFollowUp(scope, id);
}

/** A follow-up with what it came from, for Today, the account's panel and reminders. */
export interface FollowUpDetail extends FollowUp {
  accountName: string;
  tier: Tier;
  assigneeName: string;
  creatorName: string;
  /** The item it came from, with what the reader needs to decide whether they may see its words. */
  item: { kind: string; occurredAt: number; subject: string | null; note: string | null; visibility: Visibility; holderIds: string[] };
}

function detailQuery(scope: TenantScope) {
  return scope.db
    .selectFrom('follow_ups as f')
    .innerJoin('accounts as a', (j) => j.onRef('a.tenant_id', '=', 'f.tenant_id').onRef('a.id', '=', 'f.account_id'))
    .innerJoin('interactions as i', (j) => j.onRef('i.tenant_id', '=', 'f.tenant_id').onRef('i.id', '=', 'f.interaction_id'))
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'f.tenant_id').onRef('u.id', '=', 'f.user_id'))
    .leftJoin('users as c', (j) => j.onRef('c.tenant_id', '=', 'f.tenant_id').onRef('c.id', '=', 'f.created_by'))
    .selectAll('f')
    .select(['a.name as account_name', 'a.tier', 'u.display_name as assignee_name', 'c.display_name as creator_name',
      'i.kind as item_kind', 'i.occurred_at as item_at', 'i.subject as item_subject', 'i.note as item_note', 'i.visibility as item_visibility'])
    .where('f.tenant_id', '=', scope.tenantId).where('f.done_at', 'is', null)
    .where('a.deleted_at', 'is', null).where('i.deleted_at', 'is', null);
}

async function withDetail(scope: TenantScope, rows: (Row & Record<string, unknown>)[]): Promise<FollowUpDetail[]> {
  const ids = [...new Set(rows.map((r) => r.interaction_id))];
  const holders = ids.length === 0 ? [] : await scope.db.selectFrom('interaction_holders').select(['interaction_id', 'user_id'])
    .where('tenant_id', '=', scope.tenantId).where('interaction_id', 'in', ids).execute();
  const byItem = new Map<string, string[]>();
  for (const h of holders) byItem.set(h.interaction_id, [...(byItem.get(h.interaction_id) ?? []), h.user_id]);
  return rows.map((r) => ({
    ...fromRow(r),
    accountName: String(r.account_name), tier: r.tier as Tier, assigneeName: String(r.assignee_name), creatorName: String(r.creator_name ?? r.assignee_name),
    item: {
      kind: String(r.item_kind), occurredAt: Number(r.item_at), subject: (r.item_subject as string | null) ?? null, note: (r.item_note as string | null) ?? null,
      visibility: r.item_visibility as Visibility, holderIds: byItem.get(r.interaction_id) ?? [],
    },
  }));
}

/** Open follow-ups of a person due on or before `today` (YYYY-MM-DD), for Today and the reminders. */
export async function dueFollowUps(scope: TenantScope, userId: string, today: string, limit: number): Promise<FollowUpDetail[]> {
  const rows = await detailQuery(scope).where('f.user_id', '=', userId).where('f.due_on', '<=', today).orderBy('f.due_on').orderBy('f.id').limit(limit).execute();
  return withDetail(scope, rows as never);
}

/** The open follow-ups on an account, whoever holds them, soonest first (the account page's panel). */
export async function accountFollowUps(scope: TenantScope, accountId: string, limit: number): Promise<FollowUpDetail[]> {
  const rows = await detailQuery(scope).where('f.account_id', '=', accountId).orderBy('f.due_on').orderBy('f.id').limit(limit).execute();
  return withDetail(scope, rows as never);
}

/** A person's open follow-ups due in [from, to] (YYYY-MM-DD, inclusive), for the weekly digest's count. */
export async function countFollowUpsDue(scope: TenantScope, userId: string, from: string | null, to: string): Promise<number> {
  let q = scope.db.selectFrom('follow_ups').select((e) => e.fn.countAll<number>().as('n')).where('tenant_id', '=', scope.tenantId).where('user_id', '=', userId)
    .where('done_at', 'is', null).where('due_on', '<=', to);
  if (from) q = q.where('due_on', '>=', from);
  return Number((await q.executeTakeFirst())?.n ?? 0);
}
