// Reporting periods in the organisation's time zone: a period of whole local days, and the weeks its trend
// is bucketed into. Pure: the time zone rules come from Intl, the dates from the caller.
import { DAY_MS } from './types.ts';

export const WEEK_MS = 7 * DAY_MS;

export interface Period {
  /** First local day, YYYY-MM-DD. */
  from: string;
  /** Last local day, inclusive, YYYY-MM-DD. */
  to: string;
  timeZone: string;
  /** Local midnight starting `from`, epoch ms. */
  start: number;
  /** Local midnight after `to` (exclusive), epoch ms. */
  end: number;
  /** The Monday midnight on or before `start`: week k of the trend is [weekStart + k weeks, + 1 week). */
  weekStart: number;
}

/** The zone's offset from UTC at an instant, in ms (Helsinki: +2 h in winter, +3 h in summer). */
export function zoneOffset(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(at));
  const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** Epoch ms of local midnight starting the given day. */
export function localMidnight(isoDate: string, timeZone: string): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  // Twice: the offset at the guess can differ from the offset at the answer across a DST change.
  const first = guess - zoneOffset(guess, timeZone);
  return guess - zoneOffset(first, timeZone);
}

/** The local calendar day of an instant, YYYY-MM-DD. */
export function localDate(at: number, timeZone: string): string {
  return new Date(at + zoneOffset(at, timeZone)).toISOString().slice(0, 10);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function periodOf(from: string, to: string, timeZone: string): Period {
  const start = localMidnight(from, timeZone);
  const end = localMidnight(addDays(to, 1), timeZone);
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday 0
  return { from, to, timeZone, start, end, weekStart: localMidnight(addDays(from, -weekday), timeZone) };
}

/** The last `days` local days ending with the day of `now`. */
export function trailingPeriod(now: number, days: number, timeZone: string): Period {
  const to = localDate(now, timeZone);
  return periodOf(addDays(to, -(days - 1)), to, timeZone);
}
