// The dashboard's headline figures with the deals and accounts behind each, and the team's figures per tier
// and per segment. Read-only: nothing is written, so nothing is audited.
import type { Period } from '../../domain/period.ts';
import { TIERS, type Stage, type TenantSettings, type Tier } from '../../domain/types.ts';
import { notFound } from '../../domain/errors.ts';
import { careStatus } from '../../domain/care-model.ts';
import { careState, type CareState } from '../../domain/care-warning.ts';
import type { TenantScope } from '../../store/scope.ts';
import { listUsers } from '../../store/users.ts';
import {
  dealFigures, dealsBehind, figuresBy, portfolioAccounts,
  type DealRow, type DealSum, type GroupFigures, type HeadlineScope, type PortfolioAccount, type SegmentField,
} from '../../store/dashboard-headlines.ts';

export interface AccountBehind {
  accountId: string;
  name: string;
  tier: Tier;
  ownerId: string | null;
  lastContactAt: number | null;
  nextDueAt: number | null;
  daysOverdue: number;
}

export interface GroupRow extends GroupFigures {
  accounts: number;
  /** Accounts with a cadence, those within it, and the share (null without any cadence). */
  care: { withCadence: number; within: number; share: number | null };
}

export interface DashboardHeadlines {
  period: { from: string; to: string; timeZone: string; start: number; end: number; asOf: number };
  team: string | null;
  currency: 'EUR';
  openPipeline: DealSum & { stages: { stage: Stage; count: number; valueCents: number; weightedCents: number }[] };
  weightedForecastCents: number;
  won: DealSum;
  lost: DealSum;
  overdue: { count: number };
  goingCold: { count: number };
  behind: { open: DealRow[]; won: DealRow[]; lost: DealRow[]; overdue: AccountBehind[]; goingCold: AccountBehind[] };
  byTier: (GroupRow & { key: Tier })[];
  bySegment: { field: SegmentField; rows: GroupRow[] };
}

export interface HeadlinesRequest {
  scope: TenantScope;
  settings: TenantSettings;
  period: Period;
  team: string | null;
  segment: SegmentField;
  /** How many deals or accounts each figure lists behind it. */
  limit: number;
  now: number;
}

export async function getDashboardHeadlines(r: HeadlinesRequest): Promise<DashboardHeadlines> {
  const users = await listUsers(r.scope);
  const members = r.team === null ? users : users.filter((u) => u.team === r.team);
  if (r.team !== null && members.length === 0) throw notFound(`team named “${r.team}”`);
  const h: HeadlineScope = { scope: r.scope, memberIds: members.map((u) => u.id), start: r.period.start, end: r.period.end, asOf: Math.min(r.period.end, r.now) };
  const [deals, open, won, lost, portfolio, tierFigures, segmentFigures] = await Promise.all([
    dealFigures(h), dealsBehind(h, 'open', r.limit), dealsBehind(h, 'won', r.limit), dealsBehind(h, 'lost', r.limit),
    portfolioAccounts(h), figuresBy(h, 'tier'), figuresBy(h, r.segment),
  ]);
  const states = portfolio.map((a) => {
    const input = { tier: a.tier, lastContactAt: a.lastContactAt, createdAt: a.createdAt, cadenceDays: r.settings.cadenceDays, now: h.asOf };
    return { a, state: careState(input), status: careStatus(input) };
  });
  const behind = (state: CareState, order: (x: AccountBehind, y: AccountBehind) => number) => {
    const all = states.filter((x) => x.state === state).map(({ a, status }): AccountBehind => ({
      accountId: a.accountId, name: a.name, tier: a.tier, ownerId: a.ownerId, lastContactAt: a.lastContactAt, nextDueAt: status.nextDueAt, daysOverdue: status.daysOverdue,
    }));
    return { count: all.length, items: all.sort(order).slice(0, r.limit) };
  };
  // Longest overdue first; going cold: soonest due first. Ties by tier, then name.
  const byTierName = (x: AccountBehind, y: AccountBehind) => x.tier.localeCompare(y.tier) || x.name.localeCompare(y.name);
  const overdue = behind('overdue', (x, y) => y.daysOverdue - x.daysOverdue || byTierName(x, y));
  const cold = behind('going-cold', (x, y) => (x.nextDueAt ?? 0) - (y.nextDueAt ?? 0) || byTierName(x, y));

  const rows = (figures: GroupFigures[], keyOf: (a: PortfolioAccount) => string | null, keys: (string | null)[]): GroupRow[] => {
    const all = new Set<string | null>([...keys, ...figures.map((f) => f.key), ...portfolio.map(keyOf)]);
    return [...all].map((key) => {
      const f = figures.find((x) => x.key === key) ?? { key, openPipelineCents: 0, openDeals: 0, wonCents: 0, wonDeals: 0, activity: 0, nps: { average: null, count: 0 }, csat: { average: null, count: 0 } };
      const mine = states.filter((x) => keyOf(x.a) === key);
      const withCadence = mine.filter((x) => x.state !== 'no-cadence').length;
      const within = mine.filter((x) => x.state === 'kept' || x.state === 'going-cold').length;
      return { ...f, accounts: mine.length, care: { withCadence, within, share: withCadence ? within / withCadence : null } };
    });
  };
  const segmentRows = rows(segmentFigures, (a) => a.segment[r.segment], [])
    // Largest open pipeline first; accounts without a value for the segment last.
    .sort((x, y) => (x.key === null ? 1 : 0) - (y.key === null ? 1 : 0) || y.openPipelineCents - x.openPipelineCents || String(x.key).localeCompare(String(y.key)));
  const tierRows = rows(tierFigures, (a) => a.tier, [...TIERS])
    .filter((x): x is GroupRow & { key: Tier } => (TIERS as readonly (string | null)[]).includes(x.key))
    .sort((x, y) => x.key.localeCompare(y.key));
  const p = r.period;
  const openCount = deals.stages.reduce((s, x) => s + x.count, 0);
  return {
    period: { from: p.from, to: p.to, timeZone: p.timeZone, start: p.start, end: p.end, asOf: h.asOf },
    team: r.team,
    currency: 'EUR',
    openPipeline: { count: openCount, valueCents: deals.stages.reduce((s, x) => s + x.valueCents, 0), stages: deals.stages },
    weightedForecastCents: deals.stages.reduce((s, x) => s + x.weightedCents, 0),
    won: deals.won,
    lost: deals.lost,
    overdue: { count: overdue.count },
    goingCold: { count: cold.count },
    behind: { open, won, lost, overdue: overdue.items, goingCold: cold.items },
    byTier: tierRows,
    bySegment: { field: r.segment, rows: segmentRows },
  };
}
