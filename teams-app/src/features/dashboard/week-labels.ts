// The weekly trend's labels. A week starts at the Monday midnight the backend counts from, in the period's
// time zone; its local date is read at noon, so an hour's shift across a daylight-saving change (Monday
// 00:00 becoming Sunday 23:00) never moves it to the day before.
const NOON_MS = 12 * 3_600_000;

/** The local calendar day of the week's Monday, YYYY-MM-DD. */
export function weekMonday(weekStart: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(weekStart + NOON_MS);
}

/** ISO 8601 week number (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  const weekday = (day.getUTCDay() + 6) % 7; // Monday 0
  day.setUTCDate(day.getUTCDate() - weekday + 3); // that week's Thursday names its year
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  return 1 + Math.floor((day.getTime() - yearStart) / (7 * 86_400_000));
}

export interface WeekLabel {
  weekStart: number;
  monday: string;
  week: number;
  /** The month's short name where this week is the first to start in it, else null. */
  month: string | null;
}

/**
 * Labels for the weeks the table lists, dropping any that start after asOf (a week still to come has no
 * figures yet, and the chart must not run into it).
 */
export function weekLabels(weekStarts: number[], asOf: number, timeZone: string, locale: string): WeekLabel[] {
  const monthName = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
  let lastMonth = '';
  return weekStarts.filter((w) => w <= asOf).map((weekStart) => {
    const monday = weekMonday(weekStart, timeZone);
    const ym = monday.slice(0, 7);
    const month = ym !== lastMonth ? monthName.format(Date.UTC(Number(ym.slice(0, 4)), Number(ym.slice(5, 7)) - 1, 15)) : null;
    lastMonth = ym;
    return { weekStart, monday, week: isoWeek(monday), month };
  });
}
