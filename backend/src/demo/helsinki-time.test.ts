import { describe, expect, it } from 'vitest';
import {
  addMonthsUtc, helsinkiDate, helsinkiDay, helsinkiMinuteOfDay, helsinkiOffsetMs, helsinkiToUtc, isWorkingTime, nextWorkingTime,
  previousWeekday, nextWeekday, weekdayOfDay,
} from './helsinki-time.ts';
import { Rng } from './prng.ts';

// The reference: the platform's own time-zone database, which the generator avoids for speed.
const fmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});
function intlParts(t: number) {
  const p = Object.fromEntries(fmt.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, minute: Number(p.hour) * 60 + Number(p.minute) };
}

describe('Helsinki wall-clock arithmetic', () => {
  it('agrees with the IANA time-zone database across DST switches and years', () => {
    const r = new Rng(1);
    const from = Date.UTC(2023, 0, 1);
    const to = Date.UTC(2031, 0, 1);
    const samples = [
      ...Array.from({ length: 1500 }, () => Math.floor(r.float(from, to) / 60_000) * 60_000),
      // Around the 2026 switches (29 March and 25 October, 01:00 UTC).
      Date.UTC(2026, 2, 29, 0, 59), Date.UTC(2026, 2, 29, 1, 0), Date.UTC(2026, 9, 25, 0, 59), Date.UTC(2026, 9, 25, 1, 0),
      Date.UTC(2026, 11, 31, 22, 30), Date.UTC(2026, 11, 31, 21, 59),
    ];
    for (const t of samples) {
      const ref = intlParts(t);
      expect(helsinkiDate(t), new Date(t).toISOString()).toBe(ref.date);
      expect(helsinkiMinuteOfDay(t), new Date(t).toISOString()).toBe(ref.minute);
    }
    expect(helsinkiOffsetMs(Date.UTC(2026, 0, 15))).toBe(2 * 3_600_000);
    expect(helsinkiOffsetMs(Date.UTC(2026, 6, 15))).toBe(3 * 3_600_000);
  });

  it('converts a local day and minute back to the UTC instant', () => {
    const winter = helsinkiDay(Date.UTC(2026, 0, 15, 12));
    expect(helsinkiToUtc(winter, 9 * 60)).toBe(Date.UTC(2026, 0, 15, 7));
    const summer = helsinkiDay(Date.UTC(2026, 6, 15, 12));
    expect(helsinkiToUtc(summer, 9 * 60)).toBe(Date.UTC(2026, 6, 15, 6));
  });

  it('knows weekdays and moves off-hours times to the next working morning', () => {
    const friday = helsinkiDay(Date.UTC(2026, 10, 20, 12)); // 20 Nov 2026 is a Friday
    expect(weekdayOfDay(friday)).toBe(5);
    expect(nextWeekday(friday + 1)).toBe(friday + 3);
    expect(previousWeekday(friday + 2)).toBe(friday);
    const fridayEvening = Date.UTC(2026, 10, 20, 17); // 19:00 in Helsinki
    expect(isWorkingTime(fridayEvening)).toBe(false);
    expect(nextWorkingTime(fridayEvening, 15)).toBe(Date.UTC(2026, 10, 23, 6, 15)); // Monday 08:15 local
    const tuesdayNoon = Date.UTC(2026, 10, 24, 10);
    expect(nextWorkingTime(tuesdayNoon, 0)).toBe(tuesdayNoon);
  });

  it('steps calendar months, clamping to the end of shorter months', () => {
    expect(addMonthsUtc(Date.UTC(2026, 2, 31, 8), -1)).toBe(Date.UTC(2026, 1, 28, 8));
    expect(addMonthsUtc(Date.UTC(2026, 10, 20), -12)).toBe(Date.UTC(2025, 10, 20));
    expect(addMonthsUtc(Date.UTC(2024, 0, 31), 1)).toBe(Date.UTC(2024, 1, 29));
  });
});
