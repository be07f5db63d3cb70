// The dashboard's headline figures and its table per tier and segment, as SQL over both databases: the team's
// deals (by owner) open now and closed in the period, its portfolio (accounts its members own) with each
// account's last contact, and per tier or segment the pipeline, won value, activity and NPS/CSAT. Care status
// is not decided here: the use case classifies the portfolio rows with domain/care-model.ts.
import { sql, type RawBuilder } from 'kysely';
import { OPEN_STAGES, type Stage, type Tier } from '../domain/types.ts';
import type { TenantScope } from './scope.ts';

export interface HeadlineScope {
  scope: TenantScope;
  memberIds: string[];
  /** [start, end) epoch ms. */
  start: number;
  end: number;
  /** When "now" figures are taken: the period's end, or now if that is earlier. */
  asOf: number;
}

export const SEGMENT_FIELDS = ['industry', 'size', 'region'] as const;
export type SegmentField = (typeof SEGMENT_FIELDS)[number];

const n = (v: unknown) => (v == null ? 0 : Number(v));
const list = (xs: readonly string[]) => sql.join(xs.map((x) => sql`${x}`));

export interface DealRow {
  opportunityId: string;
  name: string;
  stage: Stage;
  valueCents: number;
  probability: number;
  accountId: string;
  accountName: string;
  ownerId: string | null;
  closedAt: number | null;
}

export interface DealSum { count: number; valueCents: number }

/** The team's EUR deals: open now by stage (value and weighted), and won and lost in the period. */
export async function dealFigures(h: HeadlineScope): Promise<{ stages: { stage: Stage; count: number; valueCents: number; weightedCents: number }[]; won: DealSum; lost: DealSum }> {
  const stages = OPEN_STAGES.map((stage) => ({ stage, count: 0, valueCents: 0, weightedCents: 0 }));
  const none = { count: 0, valueCents: 0 };
  if (!h.memberIds.length) return { stages, won: none, lost: none };
  const base = sql`from opportunities where tenant_id = ${h.scope.tenantId} and owner_id in (${list(h.memberIds)}) and deleted_at is null and currency = 'EUR'`;
  const [open, closed] = await Promise.all([
    sql<Record<string, unknown>>`select stage, count(*) as n, coalesce(sum(value_cents), 0) as v, coalesce(sum(value_cents * probability), 0) as w
      ${base} and stage in (${list(OPEN_STAGES)}) group by stage`.execute(h.scope.db),
    sql<Record<string, unknown>>`select stage, count(*) as n, coalesce(sum(value_cents), 0) as v
      ${base} and stage in ('won', 'lost') and closed_at >= ${h.start} and closed_at < ${h.end} group by stage`.execute(h.scope.db),
  ]);
  for (const r of open.rows) {
    const s = stages.find((x) => x.stage === r.stage);
    if (s) Object.assign(s, { count: n(r.n), valueCents: n(r.v), weightedCents: Math.round(n(r.w) / 100) });
  }
  const sum = (stage: string) => {
    const r = closed.rows.find((x) => x.stage === stage);
    return { count: n(r?.n), valueCents: n(r?.v) };
  };
  return { stages, won: sum('won'), lost: sum('lost') };
}

/** The deals behind a figure, largest first: open now, or won or lost in the period. */
export async function dealsBehind(h: HeadlineScope, which: 'open' | 'won' | 'lost', limit: number): Promise<DealRow[]> {
  if (!h.memberIds.length) return [];
  const cond = which === 'open'
    ? sql`o.stage in (${list(OPEN_STAGES)})`
    : sql`o.stage = ${which} and o.closed_at >= ${h.start} and o.closed_at < ${h.end}`;
  const rows = await sql<Record<string, unknown>>`select o.id, o.name, o.stage, o.value_cents, o.probability, o.account_id, a.name as account_name, o.owner_id, o.closed_at
    from opportunities o join accounts a on a.tenant_id = o.tenant_id and a.id = o.account_id
    where o.tenant_id = ${h.scope.tenantId} and o.owner_id in (${list(h.memberIds)}) and o.deleted_at is null and o.currency = 'EUR' and ${cond}
    order by o.value_cents desc, o.id limit ${limit}`.execute(h.scope.db);
  return rows.rows.map((r) => ({
    opportunityId: String(r.id), name: String(r.name), stage: r.stage as Stage, valueCents: n(r.value_cents), probability: n(r.probability),
    accountId: String(r.account_id), accountName: String(r.account_name), ownerId: r.owner_id == null ? null : String(r.owner_id),
    closedAt: r.closed_at == null ? null : n(r.closed_at),
  }));
}

export interface PortfolioAccount {
  accountId: string;
  name: string;
  tier: Tier;
  lifecycle: string;
  ownerId: string | null;
  segment: Record<SegmentField, string | null>;
  createdAt: number;
  /** The newest contact (not a note) before asOf. */
  lastContactAt: number | null;
}

/** The team's portfolio at asOf, each account with its last contact before then (as the care table counts it). */
export async function portfolioAccounts(h: HeadlineScope): Promise<PortfolioAccount[]> {
  if (!h.memberIds.length) return [];
  const t = h.scope.tenantId;
  const rows = await sql<Record<string, unknown>>`select a.id, a.name, a.tier, a.lifecycle, a.owner_id, a.industry, a.size, a.region, a.created_at,
      (select ia.occurred_at from interaction_accounts ia where ia.tenant_id = ${t} and ia.account_id = a.id
        and ia.occurred_at < ${h.asOf} and ia.kind <> 'note' order by ia.occurred_at desc limit 1) as last_at
    from accounts a where a.tenant_id = ${t} and a.deleted_at is null and a.created_at < ${h.asOf} and a.owner_id in (${list(h.memberIds)})
    order by a.name, a.id`.execute(h.scope.db);
  const opt = (v: unknown) => (v == null || v === '' ? null : String(v));
  return rows.rows.map((r) => ({
    accountId: String(r.id), name: String(r.name), tier: r.tier as Tier, lifecycle: String(r.lifecycle), ownerId: opt(r.owner_id),
    segment: { industry: opt(r.industry), size: opt(r.size), region: opt(r.region) },
    createdAt: n(r.created_at), lastContactAt: r.last_at == null ? null : n(r.last_at),
  }));
}

export interface GroupFigures {
  /** The tier, or the segment's value; null for accounts without one. */
  key: string | null;
  openPipelineCents: number;
  openDeals: number;
  wonCents: number;
  wonDeals: number;
  /** Distinct contacts (not notes) the team's members had with these accounts in the period. */
  activity: number;
  nps: { average: number | null; count: number };
  csat: { average: number | null; count: number };
}

/**
 * Pipeline, won value, activity and feedback grouped by an account column. Deals count by their owner (the
 * team's, as the headline figures), activity by the member in touch, feedback on the portfolio's accounts.
 */
export async function figuresBy(h: HeadlineScope, column: 'tier' | SegmentField): Promise<GroupFigures[]> {
  if (!h.memberIds.length) return [];
  const t = h.scope.tenantId;
  const col = sql.ref(`a.${column}`);
  const members = list(h.memberIds);
  const q = (body: RawBuilder<unknown>) => sql<Record<string, unknown>>`${body}`.execute(h.scope.db);
  const [deals, touches, feedback] = await Promise.all([
    q(sql`select ${col} as k,
        coalesce(sum(case when o.stage in (${list(OPEN_STAGES)}) then o.value_cents else 0 end), 0) as open_v,
        sum(case when o.stage in (${list(OPEN_STAGES)}) then 1 else 0 end) as open_n,
        coalesce(sum(case when o.stage = 'won' and o.closed_at >= ${h.start} and o.closed_at < ${h.end} then o.value_cents else 0 end), 0) as won_v,
        sum(case when o.stage = 'won' and o.closed_at >= ${h.start} and o.closed_at < ${h.end} then 1 else 0 end) as won_n
      from opportunities o join accounts a on a.tenant_id = o.tenant_id and a.id = o.account_id
      where o.tenant_id = ${t} and o.owner_id in (${members}) and o.deleted_at is null and o.currency = 'EUR'
      group by ${col}`),
    q(sql`select ${col} as k, count(distinct t.interaction_id) as n
      from account_touches t join accounts a on a.tenant_id = t.tenant_id and a.id = t.account_id
      where t.tenant_id = ${t} and t.user_id in (${members}) and t.occurred_at >= ${h.start} and t.occurred_at < ${h.end} and t.kind <> 'note'
      group by ${col}`),
    q(sql`select ${col} as k, f.kind, avg(f.score * 1.0) as avg, count(*) as n
      from feedback f join accounts a on a.tenant_id = f.tenant_id and a.id = f.account_id
      where f.tenant_id = ${t} and a.deleted_at is null and a.owner_id in (${members}) and f.given_at >= ${h.start} and f.given_at < ${h.end}
      group by ${col}, f.kind`),
  ]);
  const out = new Map<string | null, GroupFigures>();
  const at = (k: unknown) => {
    const key = k == null || k === '' ? null : String(k);
    let g = out.get(key);
    if (!g) {
      g = { key, openPipelineCents: 0, openDeals: 0, wonCents: 0, wonDeals: 0, activity: 0, nps: { average: null, count: 0 }, csat: { average: null, count: 0 } };
      out.set(key, g);
    }
    return g;
  };
  for (const r of deals.rows) Object.assign(at(r.k), { openPipelineCents: n(r.open_v), openDeals: n(r.open_n), wonCents: n(r.won_v), wonDeals: n(r.won_n) });
  for (const r of touches.rows) at(r.k).activity = n(r.n);
  for (const r of feedback.rows) {
    const g = at(r.k);
    const f = { average: Math.round(n(r.avg) * 10) / 10, count: n(r.n) };
    if (r.kind === 'nps') g.nps = f;
    else if (r.kind === 'csat') g.csat = f;
  }
  return [...out.values()];
}
