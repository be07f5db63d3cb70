// A salesperson's Today list: the candidates the store narrows down (unanswered customer email, overdue
// cadences, idle opportunities, exchanges that may be cooling, follow-ups due), ranked by the domain.
import { DAY_MS, type TenantSettings } from '../../domain/types.ts';
import { nextBestActions, type NextAction } from '../../domain/next-best-actions.ts';
import type { TenantScope } from '../../store/scope.ts';
import { searchAccounts } from '../../store/accounts.ts';
import { dueFollowUps } from '../../store/follow-ups.ts';
import { itemSubjectFor } from '../follow-ups/follow-up-item.ts';
import { idleOpportunities, myAccountExchange, unansweredEmails } from '../../store/today.ts';

export interface NextActionsRequest {
  scope: TenantScope;
  settings: TenantSettings;
  userId: string;
  /** An open opportunity with no activity for this many days is idle. */
  idleDays: number;
  timeZone: string;
  limit: number;
  now: number;
}

/** One action per account, highest priority first. */
export async function listNextActions(r: NextActionsRequest): Promise<NextAction[]> {
  const { scope, now, userId: me } = r;
  // Two working days are at least two calendar days: the store narrows by that, the domain counts exactly.
  // "Today" in the user's own time zone: a follow-up set for 3 December is due all of their 3 December.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: r.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  const [overdue, unanswered, idle, exchange, followUps] = await Promise.all([
    searchAccounts(scope, { ownerId: me, overdue: true, sort: 'lastContact', order: 'asc', limit: 100, offset: 0 }, r.settings, now),
    unansweredEmails(scope, me, now - 30 * DAY_MS, now - 2 * DAY_MS, 100),
    idleOpportunities(scope, me, now - r.idleDays * DAY_MS, 100),
    myAccountExchange(scope, me, now - 180 * DAY_MS, 4),
    dueFollowUps(scope, me, today, 100),
  ]);
  const items = nextBestActions({
    now, timeZone: r.timeZone, cadenceDays: r.settings.cadenceDays, unansweredAfterWorkingDays: 2, idleDays: r.idleDays,
    overdue: overdue.items.map((a) => ({ accountId: a.id, accountName: a.name, tier: a.tier, lastContactAt: a.lastContactAt, createdAt: a.createdAt })),
    unanswered, idle, exchange,
    followUps: followUps.map((f) => ({
      followUpId: f.id, interactionId: f.interactionId, accountId: f.accountId, accountName: f.accountName, tier: f.tier, dueOn: f.dueOn,
      daysLate: Math.max(0, Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${f.dueOn}T00:00:00Z`)) / DAY_MS)),
      note: f.note, subject: itemSubjectFor(me, f), itemKind: f.item.kind, assignedBy: f.createdBy !== me ? f.creatorName : null, originalDueOn: f.originalDueOn,
    })),
  });
  return items.slice(0, r.limit);
}
