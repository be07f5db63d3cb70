// The dashboard's activity figures read from the rollups (migration 016, kept by store/rollups.ts).
//
// Rollups are per UTC day; a period's boundaries are local midnights (and week starts) of whatever zone the
// request names. Each boundary is rounded to the nearest UTC midnight, the whole days between are read from the
// rollups, and the few hours between a boundary and its rounded day are added or taken away from
// account_touches, so every count is exact for any zone while the raw read stays a night's slice (for European
// zones two or three hours). Counts are sums of counts, so "taken away" is a subtraction, and a distinct pair
// (colleague, account) is in the period when its count over the period is above zero.
import { sql, type RawBuilder } from 'kysely';
import { ROLLUP_DAY_MS } from './rollups.ts';
import type { TenantScope } from './scope.ts';
import { oneOf } from './analytics-scope.ts';

const lit = (n: number) => sql`cast(${n} as integer)`;

export interface Segments {
  /** Each boundary's rounded UTC day. */
  days: number[];
  /** The hours between a boundary and its day, with the segment they count for and the sign. */
  slices: { lo: number; hi: number; seg: number; sign: 1 | -1 }[];
}

/** Segments [b0, b1), [b1, b2), ... as whole rollup days plus signed raw slices. */
export function segmentsOf(bounds: number[]): Segments {
  const days = bounds.map((b) => Math.round(b / ROLLUP_DAY_MS));
  const slices: Segments['slices'] = [];
  const last = bounds.length - 1;
  bounds.forEach((b, k) => {
    const x = days[k]! * ROLLUP_DAY_MS;
    if (x === b) return;
    // Buckets from x belong to segment k; [x, b) (or [b, x)) is really segment k - 1's (or k's).
    const sign = x < b ? 1 : -1;
    const lo = Math.min(x, b);
    const hi = Math.max(x, b);
    if (k >= 1) slices.push({ lo, hi, seg: k - 1, sign });
    if (k < last) slices.push({ lo, hi, seg: k, sign: sign === 1 ? -1 : 1 });
  });
  return { days, slices };
}

/** The segment a rollup day belongs to. */
function segOf(s: Segments, day: RawBuilder<unknown>): RawBuilder<unknown> {
  if (s.days.length <= 2) return lit(0);
  return sql`case ${sql.join(s.days.slice(1, -1).map((d, k) => sql`when ${day} < ${d} then ${lit(k)}`), sql` `)} else ${lit(s.days.length - 2)} end`;
}

/**
 * Rows (seg, ...keys, n, minutes) over the segments: the rollup table's whole days, plus `raw`'s rows for all the
 * slices at once (`raw` gets the slices' touches, each with its segment and sign, and returns the same columns,
 * its counts already times the sign): one aggregation, however many slices.
 */
function unionOf(
  t: Team,
  s: Segments,
  bucket: (seg: RawBuilder<unknown>, from: number, to: number) => RawBuilder<unknown>,
  raw: (touches: RawBuilder<unknown>) => RawBuilder<unknown>,
): RawBuilder<unknown> {
  const parts = [bucket(segOf(s, sql.ref('day')), s.days[0]!, s.days[s.days.length - 1]!)];
  // A branch per slice with its bounds as constants: each planned as the small index range it is (a join to a
  // table of slices was estimated at a ninth of the team's touches and planned in parallel on PostgreSQL).
  if (s.slices.length) parts.push(raw(sql.join(s.slices.map((x) => sql`select ${lit(x.seg)} as seg, ${lit(x.sign)} as sign, user_id, interaction_id, account_id, occurred_at, kind, direction, minutes
    from account_touches where tenant_id = ${t.scope.tenantId} and ${members(t)} and occurred_at >= ${x.lo} and occurred_at < ${x.hi}`), sql` union all `)));
  return sql.join(parts, sql` union all `);
}

interface Team { scope: TenantScope; memberIds: string[] }
const members = (t: Team) => oneOf(t.scope, sql.ref('user_id'), t.memberIds);

/** Per member, segment, kind and direction: distinct interactions and their minutes (each interaction once). */
export function activityRows(t: Team, s: Segments): RawBuilder<unknown> {
  return unionOf(
    t,
    s,
    (seg, from, to) => sql`select ${seg} as seg, user_id, kind, direction, n, minutes from rollup_activity
      where tenant_id = ${t.scope.tenantId} and ${members(t)} and day >= ${from} and day < ${to}`,
    (touches) => sql`select seg, user_id, kind, direction, sign * count(*) as n, sign * sum(minutes) as minutes from (
        select seg, sign, user_id, interaction_id, max(kind) as kind, coalesce(max(direction), '') as direction, max(minutes) as minutes
        from (${touches}) x group by seg, sign, user_id, interaction_id) y
      group by seg, sign, user_id, kind, direction`,
  );
}

/** Per member, segment, account and kind: touches and their minutes. */
export function accountRows(t: Team, s: Segments, where: RawBuilder<unknown> = sql`1 = 1`): RawBuilder<unknown> {
  return unionOf(
    t,
    s,
    (seg, from, to) => sql`select ${seg} as seg, user_id, account_id, kind, n, minutes from rollup_account_days
      where tenant_id = ${t.scope.tenantId} and ${members(t)} and day >= ${from} and day < ${to} and ${where}`,
    (touches) => sql`select seg, user_id, account_id, kind, sign * count(*) as n, sign * sum(minutes) as minutes from (${touches}) x
      where ${where} group by seg, sign, user_id, account_id, kind`,
  );
}

/** The team's shared interactions in [start, end), a row per member holding one: what members' counts hold more than once. */
export function sharedRows(t: Team, start: number, end: number): RawBuilder<unknown> {
  return sql`select user_id, occurred_at, interaction_id, kind, minutes from rollup_shared_interactions
    where tenant_id = ${t.scope.tenantId} and ${members(t)} and occurred_at >= ${start} and occurred_at < ${end}`;
}
