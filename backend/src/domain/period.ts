// Reporting periods in the organisation's time zone: a period of whole local days, and the weeks its trend
// is bucketed into. Pure: the time zone rules come from Intl, the dates from the caller.
import { invalid } from './errors.ts';
import { localMidnight, zoneOffset } from './local-time.ts';

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
  /** The Monday midnight on or before `start`: the first week of the trend. */
  weekStart: number;
  /**
   * Every local Monday midnight from weekStart while before `end`: week k is [weekStarts[k], weekStarts[k + 1]).
   * Counted in local days, not in 7 * 24 h: the week of a DST change is 167 or 169 hours long.
   */
  weekStarts: number[];
}

/**
 * The dates any input may name. Far past any plan or history a CRM keeps, and well inside what Date and
 * Intl represent (year 9999 already overflows a day later, as +010000): out of range is a 400, not a crash.
 */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2999-12-31';

/** A real calendar day (no 30 February) between EARLIEST_DATE and LATEST_DATE. */
export function isSupportedDate(isoDate: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m || isoDate < EARLIEST_DATE || isoDate > LATEST_DATE) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const back = new Date(Date.UTC(y, mo - 1, d));
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d;
}

export const SUPPORTED_DATE_MESSAGE = `must be a date between ${EARLIEST_DATE} and ${LATEST_DATE}`;

// Moved to local-time.ts (care-plan.ts needs them without importing types.ts); still exported from here.
export { localMidnight, zoneOffset } from './local-time.ts';

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
  // Callers validate first; this keeps a missed one a 400 rather than a RangeError from Date.
  for (const [field, value] of [['from', from], ['to', to]] as const) {
    if (!isSupportedDate(value)) throw invalid(`${field} ${SUPPORTED_DATE_MESSAGE}.`, [{ field, message: SUPPORTED_DATE_MESSAGE }]);
  }
  const start = localMidnight(from, timeZone);
  const end = localMidnight(addDays(to, 1), timeZone);
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday 0
  const monday = addDays(from, -weekday);
  return { from, to, timeZone, start, end, weekStart: localMidnight(monday, timeZone), weekStarts: localWeekStarts(monday, end, timeZone) };
}

/** The local midnights of `monday` and each following Monday while before `end`. */
export function localWeekStarts(monday: string, end: number, timeZone: string): number[] {
  const out: number[] = [];
  for (let day = monday, at = localMidnight(day, timeZone); at < end; day = addDays(day, 7), at = localMidnight(day, timeZone)) out.push(at);
  return out;
}

/** The last `days` local days ending with the day of `now`. */
export function trailingPeriod(now: number, days: number, timeZone: string): Period {
  const to = localDate(now, timeZone);
  return periodOf(addDays(to, -(days - 1)), to, timeZone);
}
