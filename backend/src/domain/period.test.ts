import { describe, expect, it } from 'vitest';
import { addDays, isSupportedDate, localDate, localMidnight, periodOf, trailingPeriod, zoneOffset } from './period.ts';
import { DomainError } from './errors.ts';
import { addWorkingDays, workingDaysSince } from './working-days.ts';

const HKI = 'Europe/Helsinki';
const H = 3_600_000;

describe('periods in the organisation’s zone', () => {
  it('knows Helsinki’s offset in winter and summer', () => {
    expect(zoneOffset(Date.UTC(2026, 0, 15, 12), HKI)).toBe(2 * H);
    expect(zoneOffset(Date.UTC(2026, 6, 15, 12), HKI)).toBe(3 * H);
  });

  it('starts a day at local midnight, also on the days the clocks change', () => {
    expect(localMidnight('2026-07-01', HKI)).toBe(Date.UTC(2026, 5, 30, 21));
    expect(localMidnight('2026-03-29', HKI)).toBe(Date.UTC(2026, 2, 28, 22)); // the night summer time begins
    expect(localMidnight('2026-10-25', HKI)).toBe(Date.UTC(2026, 9, 24, 21)); // the night it ends
    expect(localMidnight('2026-10-26', HKI)).toBe(Date.UTC(2026, 9, 25, 22));
  });

  it('gives a period of whole local days and the Monday its weeks start from', () => {
    const p = periodOf('2026-10-01', '2026-10-31', HKI);
    expect(p).toMatchObject({ start: Date.UTC(2026, 8, 30, 21), end: Date.UTC(2026, 9, 31, 22), weekStart: Date.UTC(2026, 8, 27, 21) });
    expect(periodOf('2026-09-28', '2026-09-28', HKI).weekStart).toBe(Date.UTC(2026, 8, 27, 21)); // a Monday starts its own week
  });

  it('counts a trailing period back from today, today included', () => {
    const p = trailingPeriod(Date.UTC(2026, 9, 31, 23, 30), 90, HKI); // already 1 November in Helsinki
    expect([p.from, p.to]).toEqual(['2026-08-04', '2026-11-01']);
    expect(localDate(Date.UTC(2026, 9, 31, 21, 59), HKI)).toBe('2026-10-31');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('dates out of range', () => {
  it('accepts real calendar days from 1900 to 2999 only', () => {
    for (const d of ['1900-01-01', '2026-02-28', '2028-02-29', '2999-12-31']) expect(isSupportedDate(d), d).toBe(true);
    for (const d of ['1899-12-31', '3000-01-01', '9999-12-31', '0000-01-01', '2026-02-29', '2026-02-30', '2026-13-01', '+10000-01-01', '2026-1-1', '']) {
      expect(isSupportedDate(d), d).toBe(false);
    }
  });

  it('refuses a period reaching past them as invalid input naming the field, not a RangeError', () => {
    const thrown = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e;
      }
      return null;
    };
    const far = thrown(() => periodOf('2020-01-01', '9999-12-31', 'Europe/Helsinki'));
    expect(far).toBeInstanceOf(DomainError);
    expect((far as DomainError).errors).toEqual([expect.objectContaining({ field: 'to' })]);
    expect((thrown(() => periodOf('0000-01-01', '2020-01-01', 'Europe/Helsinki')) as DomainError).errors?.[0]?.field).toBe('from');
  });
});

describe('working days', () => {
  const mondayNoon = Date.UTC(2026, 9, 26, 10); // Monday 26 October, 12:00 in Helsinki
  it('skips the weekend', () => {
    expect(addWorkingDays(Date.UTC(2026, 9, 30, 10), 1, HKI)).toBe(Date.UTC(2026, 10, 2, 10)); // Friday + 1 = Monday
    expect(addWorkingDays(mondayNoon, 2, HKI)).toBe(Date.UTC(2026, 9, 28, 10));
  });

  it('counts mail from a weekend from Monday morning', () => {
    const sunday = Date.UTC(2026, 9, 25, 9);
    expect(addWorkingDays(sunday, 0, HKI)).toBe(localMidnight('2026-10-26', HKI));
    expect(workingDaysSince(sunday, Date.UTC(2026, 9, 27, 23), HKI)).toBe(2);
  });

  it('says how many whole working days have passed', () => {
    expect(workingDaysSince(mondayNoon, mondayNoon + 47 * H, HKI)).toBe(1);
    expect(workingDaysSince(mondayNoon, mondayNoon + 48 * H, HKI)).toBe(2);
    expect(workingDaysSince(mondayNoon, Date.UTC(2026, 9, 31, 10), HKI)).toBe(4); // Saturday: Tue-Fri
    expect(workingDaysSince(mondayNoon, mondayNoon - H, HKI)).toBe(0);
  });

  it('counts by the definition, the largest n with addWorkingDays(at, n) <= now, across clock changes and weekends', () => {
    // Instants every 7 h 13 min through October-November 2026 (Helsinki leaves summer time on 25 October, New York
    // on 1 November), each against "now" up to 40 days later.
    let checked = 0;
    for (const zone of [HKI, 'America/New_York']) {
      for (let at = Date.UTC(2026, 9, 20); at < Date.UTC(2026, 10, 10); at += 7 * H + 13 * 60_000) {
        for (const later of [0, 5 * H, 3 * 24 * H + 1, 9 * 24 * H, 40 * 24 * H]) {
          const now = at + later;
          let n = 0;
          while (addWorkingDays(at, n + 1, zone) <= now) n++;
          expect(workingDaysSince(at, now, zone), `${new Date(at).toISOString()} + ${later} ms in ${zone}`).toBe(n);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(600);
  });
});

describe('the zone clock', () => {
  it('answers the same offsets however a zone is spelled and however many spellings are asked for', () => {
    const winter = Date.UTC(2026, 0, 15, 12);
    expect(zoneOffset(winter, 'europe/helsinki')).toBe(2 * H);
    // More spellings than the cache keeps: it starts again rather than growing, and the answers stay right.
    const spellings = Array.from({ length: 600 }, (_, k) => [...'europe/helsinki'].map((ch, i) => ((k >> (i % 10)) & 1 ? ch.toUpperCase() : ch)).join(''));
    for (const zone of spellings) expect(zoneOffset(winter, zone)).toBe(2 * H);
    expect(zoneOffset(Date.UTC(2026, 6, 15, 12), HKI)).toBe(3 * H);
    expect(() => zoneOffset(winter, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
