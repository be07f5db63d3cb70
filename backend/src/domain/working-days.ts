// Working days (Monday to Friday in the organisation's zone) for "unanswered for more than two working days".
// Public holidays are not modelled: a reminder a day early around Midsummer is cheaper than a calendar feed.
import { DAY_MS } from './types.ts';
import { addDays, localDate, localMidnight } from './period.ts';

const isWeekend = (isoDate: string) => {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 || day === 6;
};

/** Where working days count from: `at`'s local day, or the Monday after a weekend, and its time of day. */
function countingFrom(at: number, timeZone: string): { date: string; timeOfDay: number } {
  let date = localDate(at, timeZone);
  let timeOfDay = at - localMidnight(date, timeZone);
  if (isWeekend(date)) timeOfDay = 0;
  while (isWeekend(date)) date = addDays(date, 1);
  return { date, timeOfDay: Math.min(timeOfDay, DAY_MS - 1) };
}

const nextWorkingDay = (isoDate: string) => {
  let date = addDays(isoDate, 1);
  while (isWeekend(date)) date = addDays(date, 1);
  return date;
};

/**
 * The instant `days` working days after `at`: the same local time of day on the n-th following weekday.
 * Mail that arrives on a weekend counts from Monday morning.
 */
export function addWorkingDays(at: number, days: number, timeZone: string): number {
  let { date, timeOfDay } = countingFrom(at, timeZone);
  for (let left = days; left > 0; left--) date = nextWorkingDay(date);
  return localMidnight(date, timeZone) + timeOfDay;
}

/** Whole working days from `at` until `now` (0 when now is earlier): the largest n with addWorkingDays(at, n) <= now. */
export function workingDaysSince(at: number, now: number, timeZone: string): number {
  // One walk forward, not addWorkingDays again for every n: Today asks this for every open item.
  let { date, timeOfDay } = countingFrom(at, timeZone);
  let n = 0;
  while (n < 400) {
    date = nextWorkingDay(date);
    if (localMidnight(date, timeZone) + timeOfDay > now) break;
    n++;
  }
  return n;
}
