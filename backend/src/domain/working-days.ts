// Working days (Monday to Friday in the organisation's zone) for "unanswered for more than two working days".
// Public holidays are not modelled: a reminder a day early around Midsummer is cheaper than a calendar feed.
import { DAY_MS } from './types.ts';
import { addDays, localDate, localMidnight } from './period.ts';

const isWeekend = (isoDate: string) => {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 || day === 6;
};

/**
 * The instant `days` working days after `at`: the same local time of day on the n-th following weekday.
 * Mail that arrives on a weekend counts from Monday morning.
 */
export function addWorkingDays(at: number, days: number, timeZone: string): number {
  let date = localDate(at, timeZone);
  let timeOfDay = at - localMidnight(date, timeZone);
  if (isWeekend(date)) timeOfDay = 0;
  while (isWeekend(date)) date = addDays(date, 1);
  for (let left = days; left > 0; ) {
    date = addDays(date, 1);
    if (!isWeekend(date)) left--;
  }
  return localMidnight(date, timeZone) + Math.min(timeOfDay, DAY_MS - 1);
}

/** Whole working days from `at` until `now` (0 when now is earlier). */
export function workingDaysSince(at: number, now: number, timeZone: string): number {
  let n = 0;
  while (n < 400 && addWorkingDays(at, n + 1, timeZone) <= now) n++;
  return n;
}
