// Activity-feed reminders: each person's choice per kind (no row: all on, in English) and the log of what was
// sent, whose key (person, kind, item, day) makes "at most one per item and day" hold even when two instances run.
import type { TenantScope } from './scope.ts';

export const NOTIFICATION_KINDS = ['follow-up-due', 'overdue-cadence', 'idle-deal', 'weekly-digest'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationSettings {
  followUpsDue: boolean;
  overdueCadences: boolean;
  idleDeals: boolean;
  weeklyDigest: boolean;
  /** The language reminders are written in. */
  locale: string;
}

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = { followUpsDue: true, overdueCadences: true, idleDeals: true, weeklyDigest: true, locale: 'en-US' };

export async function getNotificationSettings(scope: TenantScope, userId: string): Promise<NotificationSettings> {
  const r = await scope.db.selectFrom('notification_settings').selectAll().where('tenant_id', '=', scope.tenantId).where('user_id', '=', userId).executeTakeFirst();
  if (!r) return { ...DEFAULT_NOTIFICATION_SETTINGS };
  return {
    followUpsDue: Number(r.follow_ups_due) === 1, overdueCadences: Number(r.overdue_cadences) === 1, idleDeals: Number(r.idle_deals) === 1,
    weeklyDigest: Number(r.weekly_digest) === 1, locale: r.locale,
  };
}

export async function saveNotificationSettings(scope: TenantScope, userId: string, s: NotificationSettings, now: number): Promise<NotificationSettings> {
  const values = {
    follow_ups_due: s.followUpsDue ? 1 : 0, overdue_cadences: s.overdueCadences ? 1 : 0, idle_deals: s.idleDeals ? 1 : 0, weekly_digest: s.weeklyDigest ? 1 : 0,
    locale: s.locale, updated_at: now,
  };
  await scope.db.insertInto('notification_settings').values({ tenant_id: scope.tenantId, user_id: userId, ...values })
    .onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doUpdateSet(values)).execute();
  return getNotificationSettings(scope, userId);
}

/**
 * Claims the right to send one notification: true when this (person, kind, item, day) was not claimed before.
 * Claimed before sending, so two instances never both send; a failed send gives the claim back.
 */
export async function claimNotification(scope: TenantScope, n: { userId: string; kind: NotificationKind; itemKey: string; sentOn: string }, now: number): Promise<boolean> {
  const r = await scope.db.insertInto('notification_log')
    .values({ tenant_id: scope.tenantId, user_id: n.userId, kind: n.kind, item_key: n.itemKey, sent_on: n.sentOn, sent_at: now })
    .onConflict((oc) => oc.doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function releaseNotification(scope: TenantScope, n: { userId: string; kind: NotificationKind; itemKey: string; sentOn: string }): Promise<void> {
  await scope.db.deleteFrom('notification_log').where('tenant_id', '=', scope.tenantId).where('user_id', '=', n.userId).where('kind', '=', n.kind)
    .where('item_key', '=', n.itemKey).where('sent_on', '=', n.sentOn).execute();
}

/** Notifications sent to a person since a day (YYYY-MM-DD), newest first (tests, support). */
export async function sentNotifications(scope: TenantScope, userId: string, sinceDay: string) {
  return scope.db.selectFrom('notification_log').select(['kind', 'item_key as itemKey', 'sent_on as sentOn', 'sent_at as sentAt'])
    .where('tenant_id', '=', scope.tenantId).where('user_id', '=', userId).where('sent_on', '>=', sinceDay).orderBy('sent_at', 'desc').execute();
}
