// Europe/Helsinki wall-clock arithmetic for the generator, without Intl: the benchmark places a million
// interactions in working hours, and Intl.DateTimeFormat per timestamp would dominate its run time.
// Finland follows the EU rule: UTC+2, and UTC+3 from the last Sunday of March 01:00 UTC to the last Sunday
// of October 01:00 UTC.

import * as domainTypes from '../domain/types.ts';

// Copied once: under CommonJS (tsx -e) an imported name is a getter on every use, and this runs per timestamp.
const { DAY_MS } = domainTypes;

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** The last Sunday of a month (0-based), 01:00 UTC: the EU's switch moment. */
function lastSundayAt0100Utc(year: number, month: number): number {
  const lastDay = Date.UTC(year, month + 1, 0); // day 0 of the next month = last day of this one
  const weekday = new Date(lastDay).getUTCDay(); // 0 = Sunday
  return lastDay - weekday * DAY_MS + HOUR_MS;
}

// Per-year switch instants, filled on first use: the generator alternates between a handful of years.
const YEAR_MS_APPROX = 31_556_952_000;
const dstByYear = new Map<number, [number, number, number, number]>();

function yearInfo(year: number): [number, number, number, number] {
  let info = dstByYear.get(year);
  if (!info) {
    info = [Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1), lastSundayAt0100Utc(year, 2), lastSundayAt0100Utc(year, 9)];
    dstByYear.set(year, info);
  }
  return info;
}

/** Helsinki's offset from UTC at an instant, in ms (2 h in winter, 3 h in summer). */
export function helsinkiOffsetMs(utcMs: number): number {
  // Estimate the year arithmetically and correct it at the boundaries: no Date object per call.
  let year = 1970 + Math.floor(utcMs / YEAR_MS_APPROX);
  let info = yearInfo(year);
  if (utcMs < info[0]) info = yearInfo(--year);
  else if (utcMs >= info[1]) info = yearInfo(++year);
  return utcMs >= info[2] && utcMs < info[3] ? 3 * HOUR_MS : 2 * HOUR_MS;
}

/** Days since 1970-01-01 on Helsinki's calendar. */
export function helsinkiDay(utcMs: number): number {
  return Math.floor((utcMs + helsinkiOffsetMs(utcMs)) / DAY_MS);
}

/** Minutes past local midnight in Helsinki. */
export function helsinkiMinuteOfDay(utcMs: number): number {
  const local = utcMs + helsinkiOffsetMs(utcMs);
  return Math.floor((local - Math.floor(local / DAY_MS) * DAY_MS) / MINUTE_MS);
}

/** Day of week of a local day number: 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekendDay(day: number): boolean {
  const w = weekdayOfDay(day);
  return w === 0 || w === 6;
}

/**
 * The UTC instant of a Helsinki wall-clock time (local day number, minutes past midnight).
 * The offset is read a few hours before the guess; that is only ambiguous in the 03:00-04:00 switch hour,
 * which the generator never uses.
 */
export function helsinkiToUtc(day: number, minuteOfDay: number): number {
  const local = day * DAY_MS + minuteOfDay * MINUTE_MS;
  return local - helsinkiOffsetMs(local - 2 * HOUR_MS);
}

/** The first weekday on or after `day`. */
export function nextWeekday(day: number): number {
  const w = weekdayOfDay(day);
  return w === 6 ? day + 2 : w === 0 ? day + 1 : day;
}

/** The last weekday on or before `day`. */
export function previousWeekday(day: number): number {
  const w = weekdayOfDay(day);
  return w === 6 ? day - 1 : w === 0 ? day - 2 : day;
}

/** Working hours in Helsinki: Monday to Friday, 08:00-17:00. */
export const WORK_START_MIN = 8 * 60;
export const WORK_END_MIN = 17 * 60;

export function isWorkingTime(utcMs: number): boolean {
  const day = helsinkiDay(utcMs);
  if (isWeekendDay(day)) return false;
  const m = helsinkiMinuteOfDay(utcMs);
  return m >= WORK_START_MIN && m < WORK_END_MIN;
}

/**
 * `utcMs` if it is in working hours, else the next working morning plus `morningSlackMin` minutes:
 * a reply to a Friday-evening email goes out on Monday morning, not at midnight.
 */
export function nextWorkingTime(utcMs: number, morningSlackMin: number): number {
  let day = helsinkiDay(utcMs);
  const m = helsinkiMinuteOfDay(utcMs);
  if (!isWeekendDay(day) && m >= WORK_START_MIN && m < WORK_END_MIN) return utcMs;
  if (m >= WORK_END_MIN) day += 1;
  day = nextWeekday(day);
  return helsinkiToUtc(day, WORK_START_MIN + Math.min(Math.max(0, Math.floor(morningSlackMin)), WORK_END_MIN - WORK_START_MIN - 1));
}

/** YYYY-MM-DD of an instant on Helsinki's calendar (expected close dates are local dates). */
export function helsinkiDate(utcMs: number): string {
  return new Date(helsinkiDay(utcMs) * DAY_MS).toISOString().slice(0, 10);
}

/** The same instant `months` calendar months earlier or later (UTC arithmetic; day clamped to the month's end). */
export function addMonthsUtc(utcMs: number, months: number): number {
  const d = new Date(utcMs);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const target = new Date(Date.UTC(y, m, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.getTime();
}
