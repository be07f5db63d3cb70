import { describe, expect, it } from 'vitest';
import { carePlanStatus, countsAsBusinessReview, isBusinessReview, periodOf, requireReviewable } from './care-plan.ts';

const NOW = Date.UTC(2026, 10, 15, 12); // 15 November 2026: Q4
const day = (m: number, d: number) => Date.UTC(2026, m - 1, d, 10);

describe('care plan', () => {
  it('finds the calendar quarter and year of an instant', () => {
    expect(periodOf('quarterly', NOW, 'UTC')).toEqual({ start: Date.UTC(2026, 9, 1), end: Date.UTC(2027, 0, 1) });
    expect(periodOf('yearly', NOW, 'UTC')).toEqual({ start: Date.UTC(2026, 0, 1), end: Date.UTC(2027, 0, 1) });
    expect(periodOf('quarterly', Date.UTC(2026, 2, 31, 23, 59), 'UTC')).toEqual({ start: Date.UTC(2026, 0, 1), end: Date.UTC(2026, 3, 1) });
  });

  it('starts quarters and years at midnight in the organisation’s time zone, summer time included', () => {
    const hki = 'Europe/Helsinki';
    // 23:30 UTC on 31 March is 02:30 on 1 April in Helsinki (summer time, +3): already Q2, which began at 21:00 UTC.
    expect(periodOf('quarterly', Date.UTC(2026, 2, 31, 23, 30), hki)).toEqual({ start: Date.UTC(2026, 2, 31, 21), end: Date.UTC(2026, 5, 30, 21) });
    // 20:59 UTC the same evening is still Q1, which began at winter time's midnight (+2).
    expect(periodOf('quarterly', Date.UTC(2026, 2, 31, 20, 59), hki)).toEqual({ start: Date.UTC(2025, 11, 31, 22), end: Date.UTC(2026, 2, 31, 21) });
    // Q4 runs from summer time into winter time: 30 Sep 21:00 UTC to 31 Dec 22:00 UTC.
    expect(periodOf('quarterly', NOW, hki)).toEqual({ start: Date.UTC(2026, 8, 30, 21), end: Date.UTC(2026, 11, 31, 22) });
    // New Year's Eve 22:30 UTC is New Year's Day in Helsinki: the next year.
    expect(periodOf('yearly', Date.UTC(2026, 11, 31, 22, 30), hki)).toEqual({ start: Date.UTC(2026, 11, 31, 22), end: Date.UTC(2027, 11, 31, 22) });
    // West of UTC the edge falls the other way: 1 April 03:00 UTC is still 31 March in New York.
    expect(periodOf('quarterly', Date.UTC(2026, 3, 1, 3), 'America/New_York').start).toBe(Date.UTC(2026, 0, 1, 5));
  });

  it('counts a meeting by the quarter it fell in locally', () => {
    const plan = { meetingsPerQuarter: 1, businessReview: 'quarterly' as const, npsSurvey: 'none' as const };
    const meetings = [{ occurredAt: Date.UTC(2026, 2, 31, 23, 30), subject: 'QBR Q2' }];
    const now = Date.UTC(2026, 3, 10, 9);
    const states = (timeZone: string) => carePlanStatus({ plan, meetings, npsGivenAt: [], now, timeZone }).map((i) => [i.item, i.state]);
    expect(states('Europe/Helsinki')).toEqual([['meetings', 'done'], ['businessReview', 'done']]);
    expect(states('UTC')).toEqual([['meetings', 'due'], ['businessReview', 'due']]);
  });

  it('knows a business review by its subject, in English and Finnish, not by a word inside another', () => {
    expect(isBusinessReview('Q4 QBR / Aalto Infra')).toBe(true);
    expect(isBusinessReview('Liiketoimintakatsaus 2026')).toBe(true);
    expect(isBusinessReview('Annual business review')).toBe(true);
    expect(isBusinessReview('Weekly sync')).toBe(false);
    expect(isBusinessReview('xqbr')).toBe(false);
    expect(isBusinessReview(null)).toBe(false);
  });

  it('counts this quarter’s past meetings against the target, and leaves out what the plan does not ask for', () => {
    const items = carePlanStatus({
      plan: { meetingsPerQuarter: 2, businessReview: 'none', npsSurvey: 'none' },
      meetings: [{ occurredAt: day(9, 30), subject: 'Q3' }, { occurredAt: day(10, 5), subject: 'Kickoff' }, { occurredAt: day(11, 20), subject: 'Booked ahead' }],
      npsGivenAt: [], now: NOW, timeZone: 'UTC',
    });
    expect(items).toEqual([{ item: 'meetings', target: 2, done: 1, state: 'due', periodStart: Date.UTC(2026, 9, 1), periodEnd: Date.UTC(2027, 0, 1), lastAt: day(10, 5) }]);
  });

  it('marks a yearly review and survey done once one happened this year', () => {
    const items = carePlanStatus({
      plan: { meetingsPerQuarter: 1, businessReview: 'yearly', npsSurvey: 'quarterly' },
      meetings: [{ occurredAt: day(3, 3), subject: 'QBR Q1' }, { occurredAt: day(10, 2), subject: 'Status' }],
      npsGivenAt: [day(8, 1)], now: NOW, timeZone: 'UTC',
    });
    expect(items.map((i) => [i.item, i.done, i.state])).toEqual([['meetings', 1, 'done'], ['businessReview', 1, 'done'], ['npsSurvey', 0, 'due']]);
  });

  it('lets a person’s mark decide over the subject, both ways, and only on a meeting', () => {
    expect(countsAsBusinessReview({ subject: 'Vuosipalaveri', businessReview: true })).toBe(true);
    expect(countsAsBusinessReview({ subject: 'QBR prep', businessReview: false })).toBe(false);
    expect(countsAsBusinessReview({ subject: 'QBR prep', businessReview: null })).toBe(true);
    expect(countsAsBusinessReview({ subject: 'Weekly' })).toBe(false);
    expect(() => requireReviewable({ kind: 'call' })).toThrow(/Only a meeting/);
    expect(() => requireReviewable({ kind: 'meeting' })).not.toThrow();
  });
});
