import { describe, expect, it } from 'vitest';
import { isoWeek, weekLabels, weekMonday } from './week-labels.ts';

const HEL = 'Europe/Helsinki';
// Monday 21 September 2026 00:00 in Helsinki (summer time, UTC+3).
const MON = Date.UTC(2026, 8, 20, 21);
const WEEK = 7 * 86_400_000;

describe('week labels', () => {
  it('numbers weeks as ISO 8601 does', () => {
    expect(isoWeek('2026-09-21')).toBe(39);
    expect(isoWeek('2026-12-28')).toBe(53);
    expect(isoWeek('2027-01-04')).toBe(1);
    expect(isoWeek('2021-01-03')).toBe(53); // a Sunday belongs to the week before
  });

  it('keeps Monday as the start across the change to winter time', () => {
    // Six weeks later the backend's fixed 7-day steps land on Sunday 23:00 local: still Monday's week.
    expect(weekMonday(MON + 6 * WEEK, HEL)).toBe('2026-11-02');
    expect(weekMonday(MON, HEL)).toBe('2026-09-21');
  });

  it('names each month once, in the page’s language, and never a week that has not started', () => {
    const weeks = Array.from({ length: 8 }, (_, k) => MON + k * WEEK);
    const fi = weekLabels(weeks, MON + 6 * WEEK + 1000, HEL, 'fi-FI');
    expect(fi.map((w) => w.week)).toEqual([39, 40, 41, 42, 43, 44, 45]);
    expect(fi.map((w) => w.month)).toEqual(['syys', null, 'loka', null, null, null, 'marras']);
    expect(weekLabels(weeks, MON, HEL, 'en-US').map((w) => w.month)).toEqual(['Sep']);
  });
});
