// Follow-ups a person promised when logging an interaction: set (one per person and interaction; a new date
// replaces the old), list, mark done. Today reads the due ones.
import type { TenantScope } from './scope.ts';
import { newId } from './ids.ts';
import { notFound } from '../domain/errors.ts';
import type { Tier } from '../domain/types.ts';

export interface FollowUp {
  id: string;
  userId: string;
  interactionId: string;
  accountId: string;
  dueOn: string;
  doneAt: number | null;
  createdAt: number;
}

const fromRow = (r: { id: string; user_id: string; interaction_id: string; account_id: string; due_on: string; done_at: number | null; created_at: number }): FollowUp => ({
  id: r.id, userId: r.user_id, interactionId: r.interaction_id, accountId: r.account_id, dueOn: r.due_on, doneAt: r.done_at === null ? null : Number(r.done_at), createdAt: Number(r.created_at),
});

export async function setFollowUp(scope: TenantScope, f: { userId: string; interactionId: string; accountId: string; dueOn: string }, now: number): Promise<FollowUp> {
  await scope.db
    .insertInto('follow_ups')
    .values({ tenant_id: scope.tenantId, id: newId(now), user_id: f.userId, interaction_id: f.interactionId, account_id: f.accountId, due_on: f.dueOn, done_at: null, created_at: now })
    .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'interaction_id']).doUpdateSet({ due_on: f.dueOn, account_id: f.accountId, done_at: null }))
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

/** Marks a follow-up done at doneAt, or open again with null. */
export async function setFollowUpDone(scope: TenantScope, id: string, doneAt: number | null): Promise<FollowUp> {
  await scope.db.updateTable('follow_ups').set({ done_at: doneAt }).where('tenant_id', '=', scope.tenantId).where('id', '=', id).execute();
  return getFollowUp(scope, id);
}

/** Open follow-ups of a person due on or before `today` (YYYY-MM-DD), with their account, for Today. */
export async function dueFollowUps(scope: TenantScope, userId: string, today: string, limit: number) {
  const rows = await scope.db
    .selectFrom('follow_ups as f')
    .innerJoin('accounts as a', (j) => j.onRef('a.tenant_id', '=', 'f.tenant_id').onRef('a.id', '=', 'f.account_id'))
    .innerJoin('interactions as i', (j) => j.onRef('i.tenant_id', '=', 'f.tenant_id').onRef('i.id', '=', 'f.interaction_id'))
    .select(['f.id', 'f.interaction_id', 'f.account_id', 'f.due_on', 'a.name', 'a.tier'])
    .where('f.tenant_id', '=', scope.tenantId).where('f.user_id', '=', userId).where('f.done_at', 'is', null).where('f.due_on', '<=', today)
    .where('a.deleted_at', 'is', null).where('i.deleted_at', 'is', null)
    .orderBy('f.due_on').limit(limit).execute();
  const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
  return rows.map((r) => ({
    followUpId: r.id, interactionId: r.interaction_id, accountId: r.account_id, accountName: r.name, tier: r.tier as Tier,
    dueOn: r.due_on, daysLate: Math.max(0, Math.round(dayOf(today) - dayOf(r.due_on))),
  }));
}
