// What every dashboard figure is computed over (store/analytics.ts and its neighbours), and their small helpers.
import { sql } from 'kysely';
import type { TenantSettings } from '../domain/types.ts';
import type { TenantScope } from './scope.ts';

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
