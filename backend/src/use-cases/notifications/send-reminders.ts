// Reminders in the Teams activity feed for one tenant: each person's due follow-ups, their A and B accounts past
// the care model's cadence, and their deals idle past the tenant's threshold, each at most once a day; and once a
// week a digest (a manager's covers their team). Each person's settings say which kinds they want. Claimed in the
// log before sending, so two instances never both send; a failed send gives the claim back for the next run.
import { careStatus } from '../../domain/care-model.ts';
import { addDays, localDate } from '../../domain/period.ts';
import { DAY_MS, type TenantSettings, type User } from '../../domain/types.ts';
import type { ActivityNotification } from '../../graph/index.ts';
import { searchAccounts } from '../../store/accounts.ts';
import { countFollowUpsDue, dueFollowUps } from '../../store/follow-ups.ts';
import { claimNotification, getNotificationSettings, releaseNotification, sentNotifications, type NotificationKind } from '../../store/notifications.ts';
import type { TenantScope } from '../../store/scope.ts';
import { idleOpportunities } from '../../store/today.ts';
import { listUsers } from '../../store/users.ts';
import { itemSubjectFor } from '../follow-ups/follow-up-item.ts';
import { teamsAccountDeepLink, teamsTodayDeepLink } from '../../../../web-shared/src/deep-links.ts';
import { cadencePreview, digestTexts, followUpPreview, idleDealPreview, reminderLocale, todayLabel, type DigestFigures } from './reminder-texts.ts';

/** More than this many item reminders a day is noise: the rest wait in Today (and the digest counts them). */
export const MAX_ITEM_REMINDERS_PER_DAY = 10;
/** Reminders start at this local hour: nobody is pinged at night. */
export const REMINDERS_FROM_HOUR = 7;

export interface ReminderRun {
  scope: TenantScope;
  settings: TenantSettings;
  now: number;
  timeZone: string;
  /** The Teams app id (manifest `id`) and the public origin of its pages, for the deep links. */
  appId: string;
  webOrigin: string;
  send(recipient: User, n: ActivityNotification): Promise<void>;
  log(line: string): void;
}

export interface ReminderOutcome { sent: number; failed: number }

interface Candidate { kind: NotificationKind; key: string; notification: ActivityNotification }

const localHour = (now: number, timeZone: string) => Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(now));

/** Monday of the week `day` (YYYY-MM-DD) is in. */
function mondayOf(day: string): string {
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

async function itemCandidates(r: ReminderRun, user: User, today: string, locale: ReturnType<typeof reminderLocale>, wants: { followUps: boolean; cadences: boolean; deals: boolean }) {
  const out: Candidate[] = [];
  const link = (accountId: string, label: string, interactionId?: string) =>
    teamsAccountDeepLink({ appId: r.appId, accountId, label, webOrigin: r.webOrigin, ...(interactionId ? { interactionId } : {}) });
  if (wants.followUps) {
    for (const f of await dueFollowUps(r.scope, user.id, today, 50)) {
      const subject = itemSubjectFor(user.id, f, user.role);
      const daysLate = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${f.dueOn}T00:00:00Z`)) / DAY_MS);
      out.push({
        kind: 'follow-up-due', key: f.id,
        notification: {
          activityType: 'followUpDue',
          topic: { value: f.accountName, webUrl: link(f.accountId, f.accountName, f.interactionId) },
          previewText: followUpPreview(locale, { note: f.note, subject, daysLate, assignedBy: f.createdBy !== user.id ? f.creatorName : null }),
          templateParameters: { account: f.accountName },
        },
      });
    }
  }
  if (wants.cadences) {
    const overdue = await searchAccounts(r.scope, { ownerId: user.id, overdue: true, tiers: ['A', 'B'], sort: 'lastContact', order: 'asc', limit: 50, offset: 0 }, r.settings, r.now);
    for (const a of overdue.items) {
      const care = careStatus({ tier: a.tier, lastContactAt: a.lastContactAt, createdAt: a.createdAt, cadenceDays: r.settings.cadenceDays, now: r.now });
      if (!care.overdue || care.cadenceDays === null) continue;
      out.push({
        kind: 'overdue-cadence', key: a.id,
        notification: {
          activityType: 'cadenceOverdue',
          topic: { value: a.name, webUrl: link(a.id, a.name) },
          previewText: cadencePreview(locale, { tier: a.tier, cadenceDays: care.cadenceDays, daysSinceContact: a.lastContactAt === null ? null : Math.floor((r.now - a.lastContactAt) / DAY_MS) }),
          templateParameters: { account: a.name, tier: a.tier },
        },
      });
    }
  }
  if (wants.deals) {
    for (const o of await idleOpportunities(r.scope, user.id, r.now - r.settings.idleDealDays * DAY_MS, 50)) {
      out.push({
        kind: 'idle-deal', key: o.opportunityId,
        notification: {
          activityType: 'dealIdle',
          topic: { value: o.name, webUrl: link(o.accountId, o.accountName) },
          previewText: idleDealPreview(locale, o),
          templateParameters: { deal: o.name, days: String(Math.floor((r.now - o.lastActivityAt) / DAY_MS)) },
        },
      });
    }
  }
  return out;
}

/** A person's figures for the digest: follow-ups overdue and due the rest of this week, A/B accounts overdue, idle deals. */
async function figuresOf(r: ReminderRun, userId: string, today: string): Promise<DigestFigures> {
  const sunday = addDays(mondayOf(today), 6);
  const [overdueFollowUps, dueThisWeek, overdue, idle] = await Promise.all([
    countFollowUpsDue(r.scope, userId, null, addDays(today, -1)),
    countFollowUpsDue(r.scope, userId, today, sunday),
    searchAccounts(r.scope, { ownerId: userId, overdue: true, tiers: ['A', 'B'], sort: 'lastContact', order: 'asc', limit: 1, offset: 0 }, r.settings, r.now),
    idleOpportunities(r.scope, userId, r.now - r.settings.idleDealDays * DAY_MS, 500),
  ]);
  return { overdueFollowUps, dueThisWeek, overdueAccounts: overdue.total, idleDeals: idle.length };
}

const sum = (xs: DigestFigures[]): DigestFigures => xs.reduce((a, b) => ({
  overdueFollowUps: a.overdueFollowUps + b.overdueFollowUps, dueThisWeek: a.dueThisWeek + b.dueThisWeek,
  overdueAccounts: a.overdueAccounts + b.overdueAccounts, idleDeals: a.idleDeals + b.idleDeals,
}), { overdueFollowUps: 0, dueThisWeek: 0, overdueAccounts: 0, idleDeals: 0 });

export async function sendReminders(r: ReminderRun): Promise<ReminderOutcome> {
  const outcome: ReminderOutcome = { sent: 0, failed: 0 };
  if (localHour(r.now, r.timeZone) < REMINDERS_FROM_HOUR) return outcome;
  const today = localDate(r.now, r.timeZone);
  const users = await listUsers(r.scope);
  const deliver = async (user: User, c: Candidate, sentOn: string): Promise<boolean> => {
    const claim = { userId: user.id, kind: c.kind, itemKey: c.key, sentOn };
    if (!(await claimNotification(r.scope, claim, r.now))) return false;
    try {
      await r.send(user, c.notification);
      outcome.sent++;
      return true;
    } catch (e) {
      outcome.failed++;
      r.log(`[reminders] ${c.kind} ${c.key} to user ${user.id} not sent (needs TeamsActivity.Send and the app installed for them): ${e instanceof Error ? e.message : e}`);
      await releaseNotification(r.scope, claim);
      return false;
    }
  };
  for (const user of users) {
    const s = await getNotificationSettings(r.scope, user.id);
    const locale = reminderLocale(s.locale);
    const already = (await sentNotifications(r.scope, user.id, today)).filter((n) => n.sentOn === today && n.kind !== 'weekly-digest').length;
    let room = MAX_ITEM_REMINDERS_PER_DAY - already;
    for (const c of await itemCandidates(r, user, today, locale, { followUps: s.followUpsDue, cadences: s.overdueCadences, deals: s.idleDeals })) {
      if (room <= 0) break;
      if (await deliver(user, c, today)) room--;
    }
    if (!s.weeklyDigest) continue;
    // A manager's digest covers their team (everyone with their team name; the whole organisation when they have none).
    const team = user.role === 'manager' ? users.filter((u) => u.id !== user.id && (user.team === null || u.team === user.team)) : [];
    const figures = team.length > 0 ? sum(await Promise.all(team.map((u) => figuresOf(r, u.id, today)))) : await figuresOf(r, user.id, today);
    const texts = digestTexts(locale, figures, team.length > 0 ? (user.team ?? (locale === 'fi-FI' ? 'kaikki' : 'all')) : null);
    await deliver(user, {
      kind: 'weekly-digest', key: mondayOf(today),
      notification: {
        activityType: 'weeklyDigest',
        topic: { value: texts.topic, webUrl: teamsTodayDeepLink({ appId: r.appId, label: todayLabel(locale), webOrigin: r.webOrigin }) },
        previewText: texts.preview,
        templateParameters: { summary: texts.summary },
      },
    }, mondayOf(today));
  }
  return outcome;
}
