// What every dashboard figure is computed over (store/analytics.ts and its neighbours), and their small helpers.
import { sql, type RawBuilder } from 'kysely';
import type { TenantSettings } from '../domain/types.ts';
import type { TenantScope } from './scope.ts';
import { isSnapshot } from './analytics-snapshot.ts';

export interface DashboardScope {
  scope: TenantScope;
  /** The team's members (user ids); their touches are the team's activity, their accounts the team's portfolio. */
  memberIds: string[];
  /** [start, end) epoch ms. */
  start: number;
  end: number;
  /** The local Monday midnights of the weekly trend (Period.weekStarts): the first on or before start, each before end. */
  weekStarts: readonly number[];
  /** When the care figures are taken: the period's end, or now if that is earlier. */
  asOf: number;
  settings: TenantSettings;
}

export const num = (v: unknown) => (v == null ? 0 : Number(v));
export const ids = (list: string[]) => sql.join(list.map((id) => sql`${id}`));

/**
 * `column` is one of these ids. PostgreSQL: one array parameter; the dashboard's statements name the team in every
 * branch, and as IN lists of 50 members one statement had 1,481 parameters to send, parse, bind and plan. SQLite:
 * an IN list (no round trip to spare).
 */
export function oneOf(scope: Pick<TenantScope, 'dialect'>, column: RawBuilder<unknown>, list: string[]): RawBuilder<unknown> {
  return scope.dialect === 'postgres' ? sql`${column} = any(cast(${list} as text[]))` : sql`${column} in (${ids(list)})`;
}

/**
 * Runs one of the dashboard's aggregations. On PostgreSQL without parallel workers (SET LOCAL, so for this
 * statement's own short transaction only, when not in the dashboard's snapshot, which sets it for its own): each
 * is an index range of a few thousand rows, and a Gather's workers cost more to start and to wait for than the
 * step itself, the more so on a machine of few cores.
 */
export async function figureQuery<R>(scope: TenantScope, query: RawBuilder<R>): Promise<{ rows: R[] }> {
  if (scope.dialect !== 'postgres' || isSnapshot(scope)) return query.execute(scope.db);
  return scope.db.transaction().execute(async (tx) => {
    await sql`set local max_parallel_workers_per_gather = 0`.execute(tx);
    return query.execute(tx);
  });
}
