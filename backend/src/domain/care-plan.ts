// A tier's care plan, beside its contact cadence: how many meetings a quarter, how often a business review
// (QBR) and an NPS survey are held; and where one account stands against its tier's plan this quarter or year.
// Quarters and years are the organisation's (its time zone's midnight), not UTC's. Imports only local-time.ts:
// types.ts takes the plan into the tenant's settings from here.
import { localMidnight, zoneOffset } from './local-time.ts';
import { DomainError } from './errors.ts';

export const CARE_PLAN_FREQUENCIES = ['none', 'quarterly', 'yearly'] as const;
export type CarePlanFrequency = (typeof CARE_PLAN_FREQUENCIES)[number];

export interface CarePlan {
  /** Meetings with the account per calendar quarter (in the tenant's time zone); 0 plans none. */
  meetingsPerQuarter: number;
  /** A business review meeting (one a person marked so, or whose subject names one: see countsAsBusinessReview). */
  businessReview: CarePlanFrequency;
  /** An NPS answer recorded for the account. */
  npsSurvey: CarePlanFrequency;
}

/** A = contract customers with a care and activity plan, B = room to grow, C and D = contact as needed. */
export const DEFAULT_CARE_PLANS: Record<'A' | 'B' | 'C' | 'D', CarePlan> = {
  A: { meetingsPerQuarter: 3, businessReview: 'quarterly', npsSurvey: 'yearly' },
  B: { meetingsPerQuarter: 1, businessReview: 'yearly', npsSurvey: 'yearly' },
  C: { meetingsPerQuarter: 0, businessReview: 'none', npsSurvey: 'none' },
  D: { meetingsPerQuarter: 0, businessReview: 'none', npsSurvey: 'none' },
};

export const CARE_PLAN_ITEMS = ['meetings', 'businessReview', 'npsSurvey'] as const;
export type CarePlanItemKind = (typeof CARE_PLAN_ITEMS)[number];

export interface CarePlanItemStatus {
  item: CarePlanItemKind;
  /** How many the plan asks for in the period. */
  target: number;
  /** How many happened in the period so far. */
  done: number;
  /** done once the target is met; due until then, by periodEnd. */
  state: 'done' | 'due';
  periodStart: number;
  /** Exclusive: the first instant of the next period, by which the item is due. */
  periodEnd: number;
  /** The newest one in the period, or null. */
  lastAt: number | null;
}

// Words people put in a business review's invitation, in English and Finnish, lower case.
const REVIEW_WORDS = ['qbr', 'business review', 'account review', 'liiketoimintakatsaus', 'asiakkuuskatsaus', 'asiakkuuspalaveri', 'vuosikatsaus', 'kvartaalikatsaus'];

/**
 * Whether a meeting counts as a business review: as a person marked it (true or false) when they did, otherwise
 * by its subject. The mark covers what subjects miss ("Vuosipalaveri") and what they wrongly catch ("QBR prep").
 */
export function countsAsBusinessReview(m: { subject: string | null; businessReview?: boolean | null }): boolean {
  return m.businessReview ?? isBusinessReview(m.subject);
}

/** Only a meeting can be marked a business review: the care plan counts meetings. */
export function requireReviewable(i: { kind: string }): void {
  if (i.kind !== 'meeting') {
    throw new DomainError('unprocessable', 'Not a meeting', 'Only a meeting can be marked as a business review.', [{ field: 'businessReview', message: 'only a meeting can be a business review' }]);
  }
}

/** Whether a meeting's subject names a business review ("Q3 QBR", "Liiketoimintakatsaus 2026"). */
export function isBusinessReview(subject: string | null): boolean {
  if (!subject) return false;
  const s = subject.toLowerCase();
  return REVIEW_WORDS.some((w) => new RegExp(`(^|[^\\p{L}\\p{N}])${w}`, 'u').test(s));
}

/**
 * The calendar quarter or year holding an instant, as [start, end) between local midnights in `timeZone`: a
 * Helsinki team's second quarter starts at 31 March 21:00 UTC (summer time), its year at 31 December 22:00 UTC.
 */
export function periodOf(frequency: 'quarterly' | 'yearly', at: number, timeZone: string): { start: number; end: number } {
  const local = new Date(at + zoneOffset(at, timeZone));
  const y = local.getUTCFullYear();
  const first = frequency === 'yearly' ? 0 : Math.floor(local.getUTCMonth() / 3) * 3;
  const months = frequency === 'yearly' ? 12 : 3;
  // Date.UTC rolls month 12 over into January of the next year.
  const midnight = (month: number) => localMidnight(new Date(Date.UTC(y, month, 1)).toISOString().slice(0, 10), timeZone);
  return { start: midnight(first), end: midnight(first + months) };
}

export interface CarePlanInput {
  plan: CarePlan;
  /** The account's meetings (any since the start of the year suffice), future ones included: they are not counted. */
  meetings: readonly { occurredAt: number; subject: string | null; businessReview?: boolean | null }[];
  /** When the account's NPS answers were given. */
  npsGivenAt: readonly number[];
  now: number;
  /** The organisation's IANA time zone: where its quarters and years start. */
  timeZone: string;
}

/**
 * The plan's items for the current period, each done or due. Only what has happened counts (a meeting booked
 * for next week is not yet done); an item the plan does not ask for (0 meetings, 'none') is left out.
 */
export function carePlanStatus(input: CarePlanInput): CarePlanItemStatus[] {
  const { plan, now } = input;
  const past = input.meetings.filter((m) => m.occurredAt <= now);
  const out: CarePlanItemStatus[] = [];
  const add = (item: CarePlanItemKind, frequency: 'quarterly' | 'yearly', target: number, times: readonly number[]) => {
    const p = periodOf(frequency, now, input.timeZone);
    const inPeriod = times.filter((t) => t >= p.start && t < p.end && t <= now);
    out.push({
      item, target, done: inPeriod.length, state: inPeriod.length >= target ? 'done' : 'due',
      periodStart: p.start, periodEnd: p.end, lastAt: inPeriod.length ? Math.max(...inPeriod) : null,
    });
  };
  if (plan.meetingsPerQuarter > 0) add('meetings', 'quarterly', plan.meetingsPerQuarter, past.map((m) => m.occurredAt));
  if (plan.businessReview !== 'none') add('businessReview', plan.businessReview, 1, past.filter(countsAsBusinessReview).map((m) => m.occurredAt));
  if (plan.npsSurvey !== 'none') add('npsSurvey', plan.npsSurvey, 1, input.npsGivenAt);
  return out;
}
