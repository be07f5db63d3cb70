import { describe, expect, it } from 'vitest';
import { carePlanStatus, isBusinessReview, periodOf } from './care-plan.ts';

const NOW = Date.UTC(2026, 10, 15, 12); // 15 November 2026: Q4
const day = (m: number, d: number) => Date.UTC(2026, m - 1, d, 10);

describe('care plan', () => {
  it('finds the calendar quarter and year of an instant', () => {
    expect(periodOf('quarterly', NOW)).toEqual({ start: Date.UTC(2026, 9, 1), end: Date.UTC(2027, 0, 1) });
    expect(periodOf('yearly', NOW)).toEqual({ start: Date.UTC(2026, 0, 1), end: Date.UTC(2027, 0, 1) });
    expect(periodOf('quarterly', Date.UTC(2026, 2, 31, 23, 59))).toEqual({ start: Date.UTC(2026, 0, 1), end: Date.UTC(2026, 3, 1) });
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
      npsGivenAt: [], now: NOW,
    });
    expect(items).toEqual([{ item: 'meetings', target: 2, done: 1, state: 'due', periodStart: Date.UTC(2026, 9, 1), periodEnd: Date.UTC(2027, 0, 1), lastAt: day(10, 5) }]);
  });

  it('marks a yearly review and survey done once one happened this year', () => {
    const items = carePlanStatus({
      plan: { meetingsPerQuarter: 1, businessReview: 'yearly', npsSurvey: 'quarterly' },
      meetings: [{ occurredAt: day(3, 3), subject: 'QBR Q1' }, { occurredAt: day(10, 2), subject: 'Status' }],
      npsGivenAt: [day(8, 1)], now: NOW,
    });
    expect(items.map((i) => [i.item, i.done, i.state])).toEqual([['meetings', 1, 'done'], ['businessReview', 1, 'done'], ['npsSurvey', 0, 'due']]);
  });
});
