// The dashboard's weekly trend: the team's interactions per local week, from the day rollups with the
// period's and the weeks' edges corrected exactly (store/rollup-figures.ts).
import { sql, type RawBuilder } from 'kysely';
import { figureQuery, num, type DashboardScope } from './analytics-scope.ts';
import { activityRows, segmentsOf, sharedRows } from './rollup-figures.ts';

export interface WeekActivity {
  weekStart: number;
  emails: number;
  meetings: number;
  meetingMinutes: number;
  calls: number;
  chats: number;
  notes: number;
}

/** The team's interactions per week (an interaction two members share counts once). */
export async function weeklyTrend(d: DashboardScope): Promise<WeekActivity[]> {
  const weeks: WeekActivity[] = d.weekStarts.map((w) => ({ weekStart: w, emails: 0, meetings: 0, meetingMinutes: 0, calls: 0, chats: 0, notes: 0 }));
  if (d.memberIds.length === 0 || weeks.length === 0) return weeks;
  const team = { scope: d.scope, memberIds: d.memberIds };
  // One segment per week (the first and last cut to the period); its index is the week's.
  const bounds = [d.start, ...d.weekStarts.filter((w) => w > d.start && w < d.end), d.end];
  const weekOf = bounds.slice(0, -1).map((b) => weekIndex(d.weekStarts, b));
  const [rows, shared] = await Promise.all([
    figureQuery(d.scope, sql<Record<string, unknown>>`select seg, kind, sum(n) as n, sum(minutes) as minutes from (${activityRows(team, segmentsOf(bounds))}) x group by seg, kind`),
    // A shared interaction is in k members' counts: k - 1 copies too many. It has a row per member holding it, all
    // with its time, kind and minutes, so they are grouped by (on PostgreSQL a text max compares by collation).
    figureQuery(d.scope, sql<Record<string, unknown>>`select ${weekIndexSql(d.weekStarts, sql.ref('occurred_at'))} as week, kind, sum(k - 1) as n, sum((k - 1) * minutes) as minutes
      from (select interaction_id, occurred_at, kind, minutes, count(*) as k from (${sharedRows(team, d.start, d.end)}) s
        group by interaction_id, occurred_at, kind, minutes) x
      group by 1, 2`),
  ]);
  const put = (week: number, kind: unknown, n: number, minutes: number) => {
    const w = weeks[week];
    if (!w) return;
    if (kind === 'email') w.emails += n;
    else if (kind === 'meeting') {
      w.meetings += n;
      w.meetingMinutes += minutes;
    } else if (kind === 'call') w.calls += n;
    else if (kind === 'chat') w.chats += n;
    else if (kind === 'note') w.notes += n;
  };
  for (const r of rows.rows) put(weekOf[num(r.seg)]!, r.kind, num(r.n), num(r.minutes));
  for (const r of shared.rows) put(num(r.week), r.kind, -num(r.n), -num(r.minutes));
  return weeks;
}

/** The week an instant falls in: the last week start at or before it. */
export function weekIndex(weekStarts: readonly number[], at: number): number {
  let k = 0;
  while (k + 1 < weekStarts.length && weekStarts[k + 1]! <= at) k++;
  return k;
}

/** weekIndex in SQL, by the weeks' own edges: a week across a DST change is 167 or 169 hours, never 7 * 24. */
export function weekIndexSql(weekStarts: readonly number[], at: RawBuilder<unknown>): RawBuilder<number> {
  if (weekStarts.length < 2) return sql<number>`0`;
  const cases = weekStarts.slice(1).map((w, k) => sql`when ${at} >= ${w} then ${sql.lit(k + 1)}`).reverse();
  return sql<number>`(case ${sql.join(cases, sql` `)} else 0 end)`;
}
