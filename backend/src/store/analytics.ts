// The managers' dashboard as SQL aggregations: the team's activity (per rep, per account, per week) from the
// write-time rollups (migration 016, store/rollup-figures.ts), care and going-cold from the timeline index, the
// pipeline from the opportunities. Each function returns finished figures (one row per rep, tier, stage, week or
// listed account), never the interactions themselves. Counts include metadata-only and private items, as the
// care model's last contact does: a count says that a contact happened, never what was said. Nothing here
// returns a subject, snippet or note.
import { sql } from 'kysely';
import { OPEN_STAGES, STAGES, type Stage, type Tier } from '../domain/types.ts';
import { chunks } from './scope.ts';
import { REPLY_WINDOW_MS } from './rollups.ts';
import { accountRows, activityRows, segmentsOf } from './rollup-figures.ts';
import { replyMedians } from './analytics-replies.ts';
import { figureQuery, ids, num, oneOf, type DashboardScope } from './analytics-scope.ts';
import { distinctTouched } from './rollup-touch-days.ts';
import { inSnapshot } from './analytics-snapshot.ts';
import { weeklyTrend, type WeekActivity } from './analytics-weekly.ts';
import { careAndCold, type ColdAccount, type TierCare } from './analytics-portfolio.ts';

export { ids, num, type DashboardScope } from './analytics-scope.ts';
export { REPLY_WINDOW_MS };
export { weekIndex, weekIndexSql, weeklyTrend, type WeekActivity } from './analytics-weekly.ts';
export { careAndCold, careCompliance, goingCold, type ColdAccount, type TierCare } from './analytics-portfolio.ts';

type Figures = [
  RepActivity[], { items: AccountActivity[]; total: number }, { care: TierCare[]; goingCold: { items: ColdAccount[]; total: number } }, TeamPipeline, WeekActivity[],
];

/**
 * Every figure of the dashboard, read from one snapshot of the database (store/analytics-snapshot.ts): the
 * figures agree with each other whatever commits while they are computed. A caller already in a snapshot
 * (compute-dashboard, which reads the data version the figures are of in it) has them read in that one.
 */
export function dashboardFigures(d: DashboardScope, limit: number): Promise<Figures> {
  return inSnapshot(d.scope, async (scope) => {
    const s = { ...d, scope };
    // Issued longest first: the snapshot's lanes take statements in the order asked. Care is the single longest
    // statement and the ranking's three run one after another; either, started last, was the dashboard's tail on
    // one lane while the other idled.
    const [care, accounts, reps, pipeline, weekly] = await Promise.all([careAndCold(s, limit), accountActivity(s, limit), repActivity(s), teamPipeline(s), weeklyTrend(s)]);
    return [reps, accounts, care, pipeline, weekly];
  });
}

export interface RepActivity {
  userId: string;
  emailsSent: number;
  emailsReceived: number;
  meetings: number;
  meetingMinutes: number;
  calls: number;
  callMinutes: number;
  chats: number;
  notes: number;
  accountsTouched: number;
  contactsTouched: number;
  effortMinutes: number;
  /** Median minutes from a customer's email to this colleague's next email to that account; null without replies. */
  medianReplyMinutes: number | null;
  repliedEmails: number;
}

export async function repActivity(d: DashboardScope): Promise<RepActivity[]> {
  if (d.memberIds.length === 0) return [];
  const { db } = d.scope;
  const team = { scope: d.scope, memberIds: d.memberIds };
  const period = segmentsOf([d.start, d.end]);
  // Distinct accounts and contacts from the touch days (store/rollup-touch-days.ts); an email to two accounts is
  // one email sent (rollup_activity counts interactions).
  const span = { ...team, start: d.start, end: d.end };
  const [counts, acc, k, replies] = await Promise.all([
    figureQuery(d.scope, sql<Record<string, unknown>>`select user_id, kind, direction, sum(n) as n, sum(minutes) as minutes from (${activityRows(team, period)}) x
      group by user_id, kind, direction`),
    distinctTouched(span, 'account'),
    distinctTouched(span, 'contact'),
    replyMedians(d),
  ]);
  const activity = new Map<string, { n: Record<string, number>; minutes: Record<string, number> }>();
  for (const r of counts.rows) {
    const a = activity.get(String(r.user_id)) ?? { n: {}, minutes: {} };
    const key = r.kind === 'email' ? `email-${r.direction}` : String(r.kind);
    a.n[key] = (a.n[key] ?? 0) + num(r.n);
    a.minutes[key] = (a.minutes[key] ?? 0) + num(r.minutes);
    activity.set(String(r.user_id), a);
  }
  return d.memberIds.map((userId) => {
    const a = activity.get(userId) ?? { n: {}, minutes: {} };
    const r = replies.get(userId);
    const emailsSent = a.n['email-outbound'] ?? 0;
    const emailsReceived = a.n['email-inbound'] ?? 0;
    const meetingMinutes = a.minutes.meeting ?? 0;
    const callMinutes = a.minutes.call ?? 0;
    return {
      userId,
      emailsSent,
      emailsReceived,
      meetings: a.n.meeting ?? 0,
      meetingMinutes,
      calls: a.n.call ?? 0,
      callMinutes,
      chats: a.n.chat ?? 0,
      notes: a.n.note ?? 0,
      accountsTouched: acc.get(userId) ?? 0,
      contactsTouched: k.get(userId) ?? 0,
      effortMinutes: meetingMinutes + callMinutes + (emailsSent + emailsReceived) * d.settings.minutesPerEmail,
      medianReplyMinutes: r ? Math.round(r.medianMs / 60_000) : null,
      repliedEmails: r?.count ?? 0,
    };
  });
}

export interface AccountActivity {
  accountId: string;
  name: string;
  tier: Tier;
  ownerId: string | null;
  /** Interactions with the customer (notes left out). */
  touches: number;
  byChannel: { email: number; meeting: number; call: number; chat: number; note: number };
  byRep: { userId: string; touches: number }[];
  effortMinutes: number;
  openPipelineCents: number;
  /** Won in the period (closed as won between start and end). */
  wonCents: number;
}

/**
 * The accounts the team spent most effort on in the period, with their pipeline beside the effort. An
 * interaction two members share is one touch.
 *
 * Effort adds the members' own minutes, so it comes straight from the rollup rows; the distinct touches, which
 * only break ties, are counted for the candidates alone: every account whose effort reaches the `limit`-th
 * largest (the listed ones cannot be outside that set), from their own timelines over the exact period.
 */
export async function accountActivity(d: DashboardScope, limit: number): Promise<{ items: AccountActivity[]; total: number }> {
  if (d.memberIds.length === 0) return { items: [], total: 0 };
  const { db, tenantId } = d.scope;
  const team = { scope: d.scope, memberIds: d.memberIds };
  const period = segmentsOf([d.start, d.end]);
  const effort = sql`sum(case when kind in ('meeting', 'call') then minutes when kind = 'email' then n * ${d.settings.minutesPerEmail} else 0 end)`;
  const ranked = await figureQuery(d.scope, sql<Record<string, unknown>>`with pa as materialized (
      select account_id, ${effort} as effort from (${accountRows(team, period)}) x group by account_id having sum(n) > 0
    )
    select account_id, effort, (select count(*) from pa) as total from pa
    where ${limit > 0 ? sql`effort >= coalesce((select effort from pa order by effort desc limit 1 offset ${limit - 1}), ${Number.MIN_SAFE_INTEGER})` : sql`1 = 0`}
    union all select null, 0, (select count(*) from pa)`);
  const total = num(ranked.rows[0]?.total);
  const candidates = ranked.rows.filter((r) => r.account_id != null).map((r) => ({ accountId: String(r.account_id), effort: num(r.effort) }));
  if (!candidates.length) return { items: [], total };
  const channels = new Map<string, AccountActivity['byChannel']>(candidates.map((c) => [c.accountId, { email: 0, meeting: 0, call: 0, chat: 0, note: 0 }]));
  const byRep = new Map<string, { userId: string; touches: number }[]>();
  for (const part of chunks(candidates.map((c) => c.accountId), 500)) {
    // The candidates' touches by the members over the exact period, one range of account_touches' account index
    // each (migration 039), counted in the database: a touch is one per colleague, interaction and account, so an
    // interaction is counted once per account however many members hold it (its channel), and once per member.
    const rows = await sql<{ account_id: string; kind: string | null; user_id: string | null; n: unknown }>`with t as materialized (
        select account_id, kind, interaction_id, user_id from account_touches
        where tenant_id = ${tenantId} and account_id in (${ids(part)}) and occurred_at >= ${d.start} and occurred_at < ${d.end} and ${oneOf(d.scope, sql.ref('user_id'), d.memberIds)})
      select account_id, kind, cast(null as text) as user_id, count(distinct interaction_id) as n from t group by account_id, kind
      union all
      select account_id, cast(null as text), user_id, count(*) from t where kind <> 'note' group by account_id, user_id`.execute(db);
    for (const r of rows.rows) {
      if (r.user_id == null) {
        const c = channels.get(r.account_id)!;
        const k = r.kind as keyof AccountActivity['byChannel'];
        if (k in c) c[k] += num(r.n);
      } else {
        const reps = byRep.get(r.account_id) ?? [];
        reps.push({ userId: r.user_id, touches: num(r.n) });
        byRep.set(r.account_id, reps);
      }
    }
  }
  for (const reps of byRep.values()) reps.sort((a, b) => b.touches - a.touches || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
  const touchesOf = (id: string) => {
    const c = channels.get(id)!;
    return c.email + c.meeting + c.call + c.chat;
  };
  const top = candidates
    .map((c) => ({ ...c, touches: touchesOf(c.accountId) }))
    .sort((a, b) => b.effort - a.effort || b.touches - a.touches || (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0))
    .slice(0, limit);
  const open = sql.join(OPEN_STAGES.map((s) => sql`${s}`));
  const accounts = await sql<Record<string, unknown>>`select a.id, a.name, a.tier, a.owner_id,
      (select coalesce(sum(o.value_cents), 0) from opportunities o where o.tenant_id = ${tenantId} and o.account_id = a.id
        and o.stage in (${open}) and o.currency = 'EUR' and o.deleted_at is null) as open_cents,
      (select coalesce(sum(o.value_cents), 0) from opportunities o where o.tenant_id = ${tenantId} and o.account_id = a.id
        and o.stage = 'won' and o.currency = 'EUR' and o.deleted_at is null and o.closed_at >= ${d.start} and o.closed_at < ${d.end}) as won_cents
    from accounts a where a.tenant_id = ${tenantId} and a.id in (${ids(top.map((c) => c.accountId))})`.execute(db);
  const account = new Map(accounts.rows.map((r) => [String(r.id), r]));
  return {
    total,
    items: top.filter((c) => account.has(c.accountId)).map((c) => {
      const r = account.get(c.accountId)!;
      return {
        accountId: c.accountId,
        name: String(r.name),
        tier: r.tier as Tier,
        ownerId: r.owner_id == null ? null : String(r.owner_id),
        touches: c.touches,
        byChannel: channels.get(c.accountId)!,
        byRep: byRep.get(c.accountId) ?? [],
        effortMinutes: c.effort,
        openPipelineCents: num(r.open_cents),
        wonCents: num(r.won_cents),
      };
    }),
  };
}

export interface TeamPipeline {
  currency: 'EUR';
  stages: { stage: Stage; count: number; valueCents: number; weightedCents: number }[];
  openValueCents: number;
  weightedForecastCents: number;
  wonInPeriod: { count: number; valueCents: number };
}

/** The team's opportunities (by owner) by stage now, the weighted forecast, and what was won in the period. */
export async function teamPipeline(d: DashboardScope): Promise<TeamPipeline> {
  const empty = STAGES.map((stage) => ({ stage, count: 0, valueCents: 0, weightedCents: 0 }));
  if (d.memberIds.length === 0) return { currency: 'EUR', stages: empty, openValueCents: 0, weightedForecastCents: 0, wonInPeriod: { count: 0, valueCents: 0 } };
  // The team's live EUR deals are one range of the pipeline index, which holds every column read here, and the
  // archived accounts a small index of their own (migration 035). Named on SQLite: without statistics it prefers
  // the stage index (it saves the GROUP BY a sort) and reads every opportunity of the tenant.
  const sqlite = d.scope.dialect === 'sqlite';
  const from = sqlite ? sql`from opportunities indexed by opportunities_pipeline_ix` : sql`from opportunities`;
  const base = sql`${from} where tenant_id = ${d.scope.tenantId} and ${oneOf(d.scope, sql.ref('owner_id'), d.memberIds)} and deleted_at is null and archived_at is null
    and currency = 'EUR'
    and not exists (select 1 from accounts a ${sqlite ? sql`indexed by accounts_archived_ix` : sql``} where a.tenant_id = ${d.scope.tenantId} and a.id = opportunities.account_id and a.archived_at is not null)`;
  const [byStage, won] = await Promise.all([
    sql<Record<string, unknown>>`select stage, count(*) as n, coalesce(sum(value_cents), 0) as v, coalesce(sum(value_cents * probability), 0) as w ${base} group by stage`.execute(d.scope.db),
    sql<Record<string, unknown>>`select count(*) as n, coalesce(sum(value_cents), 0) as v ${base} and stage = 'won' and closed_at >= ${d.start} and closed_at < ${d.end}`.execute(d.scope.db),
  ]);
  const m = new Map(byStage.rows.map((r) => [String(r.stage), r]));
  const stages = STAGES.map((stage) => {
    const r = m.get(stage);
    return { stage, count: num(r?.n), valueCents: num(r?.v), weightedCents: Math.round(num(r?.w) / 100) };
  });
  const open = stages.filter((s) => OPEN_STAGES.includes(s.stage));
  return {
    currency: 'EUR',
    stages,
    openValueCents: open.reduce((n, s) => n + s.valueCents, 0),
    weightedForecastCents: open.reduce((n, s) => n + s.weightedCents, 0),
    wonInPeriod: { count: num(won.rows[0]?.n), valueCents: num(won.rows[0]?.v) },
  };
}
