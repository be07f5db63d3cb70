// "Accounts touched" and "contacts touched" over any period without grouping every pair (migration 030).
//
// rollup_account_touch_days and rollup_contact_touch_days hold one row per colleague, UTC day and account (a
// touch that is not a note) or contact that day, with prev_day: the pair's previous such day. A pair touched in
// days [d0, d1) has exactly one row there whose prev_day is before d0 (or none), so the distinct pairs are a
// filtered count of the period's rows, an index range per colleague, instead of a GROUP BY over every
// (colleague, pair) row. The rows follow rollup_account_days and rollup_contact_days (n > 0) and are kept by the
// same write (store/rollups.ts applyDifference): the keys whose count changed are synced, and the pairs where a
// day came or went are relinked.
//
// A period's edges are local midnights: the UTC days wholly inside it come from the rows; the pairs touched in
// the hours around its edges (account_touches, at most a UTC day at each end) are corrected one by one with two
// index probes each (touched in the period? counted by the rows?).
import { sql, type RawBuilder } from 'kysely';
import { chunks, type TenantScope } from './scope.ts';
import { figureQuery, oneOf } from './analytics-scope.ts';

/** The rollups' UTC day (store/rollups.ts ROLLUP_DAY_MS; not imported, as rollups.ts imports this file). */
const ROLLUP_DAY_MS = 86_400_000;

export type TouchDayKey = [user: string, day: number, other: string];

interface Dimension {
  table: 'rollup_account_touch_days' | 'rollup_contact_touch_days';
  column: 'account_id' | 'contact_id';
  /** The rollup whose rows with n > 0 are the touch days. */
  source: RawBuilder<unknown>;
}

const ACCOUNTS: Dimension = { table: 'rollup_account_touch_days', column: 'account_id', source: sql`rollup_account_days s where s.kind <> 'note' and s.n > 0` };
const CONTACTS: Dimension = { table: 'rollup_contact_touch_days', column: 'contact_id', source: sql`rollup_contact_days s where s.n > 0` };

/**
 * Syncs the touch days of the keys whose counts this write changed (after its upserts), then relinks the pairs
 * where a day came or went. `removals`: some count went down, so a day may have gone.
 */
export async function keepTouchDays(scope: TenantScope, accounts: TouchDayKey[], contacts: TouchDayKey[], removals: boolean): Promise<void> {
  if (scope.dialect === 'postgres' && (accounts.length || contacts.length)) {
    // One lock per pair, in order, before any row changes: two writers relinking the same pair take turns, and
    // the second reads the first's committed days (so no prev_day is left pointing past a day another added).
    const pairs = [...new Set([...accounts.map(([u, , a]) => `a ${scope.tenantId} ${u} ${a}`), ...contacts.map(([u, , c]) => `c ${scope.tenantId} ${u} ${c}`)])];
    await sql`select pg_advisory_xact_lock(k) from (select hashtextextended(s, 30) as k from unnest(cast(${pairs} as text[])) as x(s) order by 1) y`.execute(scope.db);
  }
  await keep(scope, ACCOUNTS, accounts, removals);
  await keep(scope, CONTACTS, contacts, removals);
}

async function keep(scope: TenantScope, dim: Dimension, keys: TouchDayKey[], removals: boolean): Promise<void> {
  if (!keys.length) return;
  const t = scope.tenantId;
  const table = sql.table(dim.table);
  const col = sql.ref(dim.column);
  const changed: { u: string; day: number; x: string }[] = [];
  for (const part of chunks(keys, 500)) {
    const v = sql`v (user_id, day, other) as (values ${sql.join(part.map(([u, day, x]) => sql`(${u}, cast(${day} as integer), ${x})`))})`;
    const exists = sql`exists (select 1 from ${dim.source} and s.tenant_id = ${t} and s.user_id = v.user_id and s.day = v.day and s.${col} = v.other)`;
    const added = await sql<{ user_id: string; day: unknown; other: string }>`with ${v} insert into ${table} (tenant_id, user_id, day, ${col}, prev_day)
      select ${t}, v.user_id, v.day, v.other, cast(null as integer) from v where ${exists}
      on conflict do nothing returning user_id, day, ${col} as other`.execute(scope.db);
    for (const r of added.rows) changed.push({ u: r.user_id, day: Number(r.day), x: r.other });
    if (!removals) continue;
    const gone = await sql<{ user_id: string; day: unknown; other: string }>`with ${v} delete from ${table}
      where tenant_id = ${t} and (user_id, day, ${col}) in (select v.user_id, v.day, v.other from v where not ${exists})
      returning user_id, day, ${col} as other`.execute(scope.db);
    for (const r of gone.rows) changed.push({ u: r.user_id, day: Number(r.day), x: r.other });
  }
  // Each pair from its earliest changed day: that day's row (if any) and every later one take their prev_day again.
  const lo = new Map<string, { u: string; x: string; lo: number }>();
  for (const c of changed) {
    const k = `${c.u} ${c.x}`;
    const p = lo.get(k);
    if (!p) lo.set(k, { u: c.u, x: c.x, lo: c.day });
    else p.lo = Math.min(p.lo, c.day);
  }
  for (const part of chunks([...lo.values()].sort((a, b) => (a.u + a.x < b.u + b.x ? -1 : 1)), 500)) {
    await sql`with aff (user_id, other, lo) as (values ${sql.join(part.map((p) => sql`(${p.u}, ${p.x}, cast(${p.lo} as integer))`))})
      update ${table} set prev_day = (select max(p.day) from ${table} p where p.tenant_id = ${table}.tenant_id and p.user_id = ${table}.user_id
        and p.${col} = ${table}.${col} and p.day < ${table}.day)
      from aff where ${table}.tenant_id = ${t} and ${table}.user_id = aff.user_id and ${table}.${col} = aff.other and ${table}.day >= aff.lo`.execute(scope.db);
  }
}

/** The tenant's touch days derived afresh from the day rollups (after rebuildRollups; as migration 030's backfill). */
export async function rebuildTouchDays(scope: TenantScope): Promise<void> {
  for (const dim of [ACCOUNTS, CONTACTS]) {
    const col = sql.ref(dim.column);
    await sql`delete from ${sql.table(dim.table)} where tenant_id = ${scope.tenantId}`.execute(scope.db);
    await sql`insert into ${sql.table(dim.table)} (tenant_id, user_id, day, ${col}, prev_day)
      select tenant_id, user_id, day, other, lag(day) over (partition by user_id, other order by day) from (
        select distinct s.tenant_id, s.user_id, s.day, s.${col} as other from ${dim.source} and s.tenant_id = ${scope.tenantId}) x`.execute(scope.db);
  }
}

interface Team { scope: TenantScope; memberIds: string[]; start: number; end: number }

/**
 * Per member, the distinct accounts (touches that are not notes) or contacts touched in [start, end): the pairs
 * counted by the touch days of the rounded period [d0, d1), corrected for the pairs touched around its edges.
 */
export async function distinctTouched(team: Team, which: 'account' | 'contact'): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!team.memberIds.length) return out;
  const dim = which === 'account' ? ACCOUNTS : CONTACTS;
  const t = team.scope.tenantId;
  const table = sql.table(dim.table);
  const col = sql.ref(dim.column);
  const { start, end } = team;
  // The rounded days the rows count (as segmentsOf), the whole UTC days inside the period, and the raw hours
  // around each edge: everything in [d0, d1) or [start, end) outside [a, b) is read from account_touches.
  const d0 = Math.round(start / ROLLUP_DAY_MS);
  const d1 = Math.round(end / ROLLUP_DAY_MS);
  const a = Math.ceil(start / ROLLUP_DAY_MS);
  const b = Math.max(a, Math.floor(end / ROLLUP_DAY_MS));
  const ranges = [[Math.min(start, d0 * ROLLUP_DAY_MS), a * ROLLUP_DAY_MS], [b * ROLLUP_DAY_MS, Math.max(end, d1 * ROLLUP_DAY_MS)]].filter(([lo, hi]) => hi! > lo!);
  const touched = (lo: number, hi: number) => sql`select t.user_id, t.interaction_id, t.account_id, t.occurred_at from account_touches t
    where t.tenant_id = ${t} and ${oneOf(team.scope, sql.ref('t.user_id'), team.memberIds)} and t.kind <> 'note' and t.occurred_at >= ${lo} and t.occurred_at < ${hi}`;
  const raw = sql.join(ranges.map(([lo, hi]) => touched(lo!, hi!)), sql` union all `);
  const pairs = which === 'account'
    ? sql`select user_id, account_id as other, occurred_at from (${raw}) r`
    : sql`select r.user_id, p.contact_id as other, r.occurred_at from (${raw}) r
        join interaction_participants p on p.tenant_id = ${t} and p.interaction_id = r.interaction_id where p.contact_id is not null`;
  const rowsIn = (lo: number, hi: number) => sql`exists (select 1 from ${table} l where l.tenant_id = ${t} and l.user_id = e.user_id
    and l.${col} = e.other and l.day >= ${lo} and l.day < ${hi})`;
  const r = await figureQuery(team.scope, sql<{ user_id: string; n: unknown }>`select user_id, sum(n) as n from (
      select user_id, count(*) as n from ${table} where tenant_id = ${t} and ${oneOf(team.scope, sql.ref('user_id'), team.memberIds)} and day >= ${d0} and day < ${d1}
        and (prev_day is null or prev_day < ${d0}) group by user_id
      ${ranges.length ? sql`union all
      select e.user_id, sum((case when e.in_period > 0 or ${rowsIn(a, b)} then 1 else 0 end) - (case when ${rowsIn(d0, d1)} then 1 else 0 end)) as n
      from (select user_id, other, max(case when occurred_at >= ${start} and occurred_at < ${end} then 1 else 0 end) as in_period
            from (${pairs}) q group by user_id, other) e
      group by e.user_id` : sql``}
    ) x group by user_id`);
  for (const row of r.rows) out.set(String(row.user_id), Number(row.n));
  return out;
}
