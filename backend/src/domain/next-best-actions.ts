// A salesperson's "Today": the next contacts worth making before the customer has to ask, each with the reason
// (a code and its figures, so the front end words it in the user's language) and a one-click action.
// Pure: the store gathers the candidates; this ranks them and keeps one action per account.
import { careStatus } from './care-model.ts';
import { relationshipStrength, strengthLabel, type RelationshipStats } from './relationship-strength.ts';
import { workingDaysSince } from './working-days.ts';
import { DAY_MS, type Stage, type Tier } from './types.ts';

export type NextActionType = 'follow-up-due' | 'unanswered-email' | 'overdue-cadence' | 'idle-opportunity' | 'cooling-relationship';
export type OneClickAction = 'open-thread' | 'log-call' | 'schedule-follow-up';

export interface NextAction {
  /** Stable across reloads: the type and the thing it is about. */
  id: string;
  type: NextActionType;
  accountId: string;
  accountName: string;
  tier: Tier;
  reason: {
    code: NextActionType;
    /** Figures the sentence needs: days, workingDays, cadenceDays, stage, valueCents, strength ... */
    params: Record<string, string | number | null>;
  };
  action: { kind: OneClickAction; interactionId?: string; opportunityId?: string; followUpId?: string };
  /** Since when this has been waiting, epoch ms. */
  since: number;
  /** Higher first. */
  priority: number;
}

export interface NextActionInput {
  now: number;
  timeZone: string;
  cadenceDays: Record<Tier, number | null>;
  /** Working days after which a customer email counts as unanswered. */
  unansweredAfterWorkingDays: number;
  idleDays: number;
  overdue: { accountId: string; accountName: string; tier: Tier; lastContactAt: number | null; createdAt: number }[];
  unanswered: { interactionId: string; accountId: string; accountName: string; tier: Tier; occurredAt: number; subject: string | null; fromName: string | null }[];
  idle: { opportunityId: string; name: string; accountId: string; accountName: string; tier: Tier; stage: Stage; valueCents: number; currency: string; lastActivityAt: number }[];
  exchange: ({ accountId: string; accountName: string; tier: Tier } & RelationshipStats & { lastAt: number })[];
  /** The colleague's own open follow-ups due by today (in their time zone): what they promised. */
  followUps?: {
    followUpId: string; interactionId: string; accountId: string; accountName: string; tier: Tier; dueOn: string; daysLate: number;
    /** What was promised, the item's subject (null when the colleague may not read it), who set it when someone else did. */
    note?: string | null; subject?: string | null; itemKind?: string; assignedBy?: string | null; originalDueOn?: string | null;
  }[];
}

/** Tier weight: an A account's silence costs more than a C account's. */
const TIER_WEIGHT: Record<Tier, number> = { A: 4, B: 3, C: 2, D: 1 };

/**
 * Ranking: a follow-up the colleague promised first (the customer expects it), then a customer waiting for an
 * answer (they asked), then overdue cadences, stalled deals, and
 * cooling relationships; within a type, the higher tier and the longer wait first. One action per account:
 * the highest ranked, because one contact settles them all.
 */
export function nextBestActions(input: NextActionInput): NextAction[] {
  const { now } = input;
  const out: NextAction[] = [];
  const days = (since: number) => Math.max(0, Math.floor((now - since) / DAY_MS));

  for (const f of input.followUps ?? []) {
    out.push({
      id: `follow-up-due:${f.followUpId}`, type: 'follow-up-due', accountId: f.accountId, accountName: f.accountName, tier: f.tier,
      reason: {
        code: 'follow-up-due',
        params: {
          dueOn: f.dueOn, daysLate: f.daysLate, note: f.note ?? null, subject: f.subject ?? null, itemKind: f.itemKind ?? null,
          assignedBy: f.assignedBy ?? null, originalDueOn: f.originalDueOn ?? null,
        },
      },
      action: { kind: 'open-thread', interactionId: f.interactionId, followUpId: f.followUpId },
      since: Date.parse(`${f.dueOn}T00:00:00Z`), priority: 5000 + TIER_WEIGHT[f.tier] * 100 + Math.min(99, f.daysLate),
    });
  }
  for (const u of input.unanswered) {
    const workingDays = workingDaysSince(u.occurredAt, now, input.timeZone);
    if (workingDays < input.unansweredAfterWorkingDays) continue;
    out.push({
      id: `unanswered-email:${u.interactionId}`, type: 'unanswered-email', accountId: u.accountId, accountName: u.accountName, tier: u.tier,
      reason: { code: 'unanswered-email', params: { workingDays, from: u.fromName, subject: u.subject } },
      action: { kind: 'open-thread', interactionId: u.interactionId },
      since: u.occurredAt, priority: 4000 + TIER_WEIGHT[u.tier] * 100 + Math.min(99, workingDays),
    });
  }
  for (const a of input.overdue) {
    const care = careStatus({ tier: a.tier, lastContactAt: a.lastContactAt, createdAt: a.createdAt, cadenceDays: input.cadenceDays, now });
    if (!care.overdue || care.cadenceDays === null) continue;
    out.push({
      id: `overdue-cadence:${a.accountId}`, type: 'overdue-cadence', accountId: a.accountId, accountName: a.accountName, tier: a.tier,
      reason: { code: 'overdue-cadence', params: { daysOverdue: care.daysOverdue, cadenceDays: care.cadenceDays, lastContactAt: a.lastContactAt } },
      action: { kind: 'log-call' },
      since: care.nextDueAt ?? a.createdAt, priority: 3000 + TIER_WEIGHT[a.tier] * 100 + Math.min(99, care.daysOverdue),
    });
  }
  for (const o of input.idle) {
    const idle = days(o.lastActivityAt);
    if (idle < input.idleDays) continue;
    out.push({
      id: `idle-opportunity:${o.opportunityId}`, type: 'idle-opportunity', accountId: o.accountId, accountName: o.accountName, tier: o.tier,
      reason: { code: 'idle-opportunity', params: { days: idle, opportunity: o.name, stage: o.stage, valueCents: o.valueCents, currency: o.currency } },
      action: { kind: 'schedule-follow-up', opportunityId: o.opportunityId },
      since: o.lastActivityAt, priority: 2000 + TIER_WEIGHT[o.tier] * 100 + Math.min(99, Math.round(Math.log10(1 + o.valueCents / 100) * 10)),
    });
  }
  for (const e of input.exchange) {
    const strength = relationshipStrength(e, now);
    if (strengthLabel(strength, e.lastAt, now) !== 'cooling') continue;
    out.push({
      id: `cooling-relationship:${e.accountId}`, type: 'cooling-relationship', accountId: e.accountId, accountName: e.accountName, tier: e.tier,
      reason: { code: 'cooling-relationship', params: { strength, days: days(e.lastAt) } },
      action: { kind: 'log-call' },
      since: e.lastAt, priority: 1000 + TIER_WEIGHT[e.tier] * 100 + Math.min(99, 100 - strength),
    });
  }

  const best = new Map<string, NextAction>();
  for (const a of out) {
    const seen = best.get(a.accountId);
    if (!seen || a.priority > seen.priority) best.set(a.accountId, a);
  }
  return [...best.values()].sort((x, y) => y.priority - x.priority || x.since - y.since || x.id.localeCompare(y.id));
}
