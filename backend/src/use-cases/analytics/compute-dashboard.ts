// The managers' dashboard: a team's figures over a period, computed from the store's rollups and shared for a
// minute through the dashboard cache. The cache key carries the tenant's data version (store/rollups.ts), which
// every write the figures read bumps in the database: after a write, every server instance computes again, so
// two instances never answer different figures for the same data.
import type { Period } from '../../domain/period.ts';
import type { Role, TenantSettings, User } from '../../domain/types.ts';
import { notFound } from '../../domain/errors.ts';
import type { TenantScope } from '../../store/scope.ts';
import { listUsers } from '../../store/users.ts';
import {
  dashboardFigures,
  type AccountActivity, type ColdAccount, type DashboardScope, type RepActivity, type TeamPipeline, type TierCare, type WeekActivity,
} from '../../store/analytics.ts';
import { dataVersion } from '../../store/rollups.ts';
import { inSnapshot } from '../../store/analytics-snapshot.ts';
import { dashboardKey, type Cached, type DashboardCache } from './dashboard-cache.ts';

/** The dashboard's figures, as the cache keeps them. */
export interface DashboardFigures {
  period: { from: string; to: string; timeZone: string; start: number; end: number; asOf: number };
  /** The team's name; null for the whole organisation. */
  team: string | null;
  reps: (RepActivity & { displayName: string; role: Role })[];
  accounts: { items: AccountActivity[]; total: number };
  care: TierCare[];
  goingCold: { items: ColdAccount[]; total: number };
  pipeline: TeamPipeline;
  weekly: WeekActivity[];
}

export interface DashboardRequest {
  scope: TenantScope;
  settings: TenantSettings;
  period: Period;
  /** A team's name, or null for the whole organisation. */
  team: string | null;
  /** How many accounts the per-account table and the going-cold list show. */
  limit: number;
  /** Compute now instead of serving figures computed less than a minute ago. */
  refresh: boolean;
  now: number;
}

export async function computeDashboard(dashboards: DashboardCache<DashboardFigures>, r: DashboardRequest): Promise<Cached<DashboardFigures>> {
  const users = await listUsers(r.scope);
  const members = r.team === null ? users : users.filter((u) => u.team === r.team);
  if (r.team !== null && members.length === 0) throw notFound(`team named “${r.team}”`);
  const d: DashboardScope = {
    scope: r.scope, memberIds: members.map((u) => u.id), start: r.period.start, end: r.period.end, weekStarts: r.period.weekStarts,
    asOf: Math.min(r.period.end, r.now), settings: r.settings,
  };
  const { cadenceDays, minutesPerEmail } = r.settings;
  // Everything the figures depend on; a current period's asOf moves with the clock and is taken at computation.
  const keyAt = (version: number) => dashboardKey(r.scope.tenantId, { version, team: r.team, members: d.memberIds, start: d.start, end: d.end, weekStart: r.period.weekStart, ended: d.asOf === d.end, limit: r.limit, cadenceDays, minutesPerEmail });
  // The version read now picks the cached figures; figures computed now are kept under the version their own
  // snapshot read (a write may commit between the two reads), so one key never holds two sets of figures.
  const version = await dataVersion(r.scope);
  let computedAt = version;
  const compute = () => figures(d, r, members).then(([value, v]) => ((computedAt = v), value));
  return dashboards.get(keyAt(version), r.now, compute, r.refresh, () => keyAt(computedAt));
}

async function figures(d: DashboardScope, r: DashboardRequest, members: User[]): Promise<[DashboardFigures, number]> {
  // One snapshot, the data version read inside it before the figures, which take the same snapshot's lanes.
  const [version, [reps, accounts, { care, goingCold: cold }, pipeline, weekly]] = await inSnapshot(d.scope, async (scope) => {
    const v = await dataVersion(scope);
    return [v, await dashboardFigures({ ...d, scope }, r.limit)] as const;
  });
  const byId = new Map(members.map((u) => [u.id, u]));
  const p = r.period;
  return [{
    period: { from: p.from, to: p.to, timeZone: p.timeZone, start: p.start, end: p.end, asOf: d.asOf },
    team: r.team,
    reps: reps.map((x) => ({ ...x, displayName: byId.get(x.userId)!.displayName, role: byId.get(x.userId)!.role })),
    accounts, care, goingCold: cold, pipeline, weekly,
  }, version];
}

