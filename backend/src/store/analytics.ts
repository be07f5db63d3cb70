// The managers' dashboard as SQL aggregations: the team's activity (per rep, per account, per week) from the
// write-time rollups (migration 016, store/rollup-figures.ts), care and going-cold from the timeline index, the
// pipeline from the opportunities. Each function returns finished figures (one row per rep, tier, stage, week or
// listed account), never the interactions themselves. Counts include metadata-only and private items, as the
// care model's last contact does: a count says that a contact happened, never what was said. Nothing here
// returns a subject, snippet or note.
import { sql, type RawBuilder } from 'kysely';
import { OPEN_STAGES, STAGES, TIERS, type Stage, type TenantSettings, type Tier } from '../domain/types.ts';
import type { TierCompliance } from '../domain/care-model.ts';
import type { TenantScope } from './scope.ts';
import { REPLY_WINDOW_MS } from './rollups.ts';
import { accountRows, activityRows, segmentsOf, sharedRows } from './rollup-figures.ts';
import { distinctTouched } from './rollup-touch-days.ts';

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

export { REPLY_WINDOW_MS };

export const num = (v: unknown) => (v == null ? 0 : Number(v));
export const ids = (list: string[]) => sql.join(list.map((id) => sql`${id}`));

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
    sql<Record<string, unknown>>`select user_id, kind, direction, sum(n) as n, sum(minutes) as minutes from (${activityRows(team, period)}) x
      group by user_id, kind, direction`.execute(db),
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

/**
 * Per member, the median reply latency in the period (the middle one, or the mean of the middle two) and how many.
 * Replies are stored at the customer email's exact time: the period is one range per colleague. SQLite sorts the
 * few hundred latencies per colleague faster in the process than in two window passes; PostgreSQL ranks them
 * faster than the driver hands 25k rows over.
 */
async function replyMedians(d: DashboardScope): Promise<Map<string, { medianMs: number; count: number }>> {
  const where = sql`tenant_id = ${d.scope.tenantId} and user_id in (${ids(d.memberIds)}) and inbound_at >= ${d.start} and inbound_at < ${d.end}`;
  const out = new Map<string, { medianMs: number; count: number }>();
  if (d.scope.dialect === 'postgres') {
    const r = await sql<Record<string, unknown>>`with ranked as (
        select user_id, reply_ms as ms, row_number() over (partition by user_id order by reply_ms) as rn, count(*) over (partition by user_id) as cnt
        from rollup_replies where ${where})
      select user_id, avg(ms) as median_ms, max(cnt) as replied from ranked where rn in ((cnt + 1) / 2, (cnt + 2) / 2) group by user_id`.execute(d.scope.db);
    for (const x of r.rows) out.set(String(x.user_id), { medianMs: num(x.median_ms), count: num(x.replied) });
    return out;
  }
  const r = await sql<{ user_id: string; ms: unknown }>`select user_id, reply_ms as ms from rollup_replies where ${where}`.execute(d.scope.db);
  const latencies = new Map<string, number[]>();
  for (const x of r.rows) {
    const list = latencies.get(x.user_id);
    if (list) list.push(num(x.ms));
    else latencies.set(x.user_id, [num(x.ms)]);
  }
  for (const [user, xs] of latencies) {
    xs.sort((a, b) => a - b);
    out.set(user, { medianMs: (xs[Math.floor((xs.length - 1) / 2)]! + xs[Math.floor(xs.length / 2)]!) / 2, count: xs.length });
  }
  return out;
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
 * interaction two members share is one touch: the members' counts less the copies in rollup_shared_touches.
 */
export async function accountActivity(d: DashboardScope, limit: number): Promise<{ items: AccountActivity[]; total: number }> {
  if (d.memberIds.length === 0) return { items: [], total: 0 };
  const { db, tenantId } = d.scope;
  const team = { scope: d.scope, memberIds: d.memberIds };
  const period = segmentsOf([d.start, d.end]);
  const open = sql.join(OPEN_STAGES.map((s) => sql`${s}`));
  const distinct = (when: RawBuilder<unknown>) => sql`sum(case when ${when} then pa.n - coalesce(dup.d, 0) else 0 end)`;
  const top = await sql<Record<string, unknown>>`with pa as (
      select account_id, kind, sum(n) as n, sum(minutes) as minutes from (${accountRows(team, period)}) x group by account_id, kind
    ), dup as (
      select account_id, kind, count(*) - count(distinct interaction_id) as d from (${sharedRows(team, d.start, d.end)}) y group by account_id, kind
    ), g as (
      select pa.account_id,
        ${distinct(sql`pa.kind <> 'note'`)} as touches,
        ${distinct(sql`pa.kind = 'email'`)} as emails,
        ${distinct(sql`pa.kind = 'meeting'`)} as meetings,
        ${distinct(sql`pa.kind = 'call'`)} as calls,
        ${distinct(sql`pa.kind = 'chat'`)} as chats,
        ${distinct(sql`pa.kind = 'note'`)} as notes,
        sum(case when pa.kind in ('meeting', 'call') then pa.minutes when pa.kind = 'email' then pa.n * ${d.settings.minutesPerEmail} else 0 end) as effort,
        count(*) over () as total
      from pa left join dup on dup.account_id = pa.account_id and dup.kind = pa.kind
      group by pa.account_id having sum(pa.n) > 0
      order by effort desc, touches desc, pa.account_id limit ${limit}
    )
    select g.*, a.name, a.tier, a.owner_id,
      (select coalesce(sum(o.value_cents), 0) from opportunities o where o.tenant_id = ${tenantId} and o.account_id = g.account_id
        and o.stage in (${open}) and o.currency = 'EUR' and o.deleted_at is null) as open_cents,
      (select coalesce(sum(o.value_cents), 0) from opportunities o where o.tenant_id = ${tenantId} and o.account_id = g.account_id
        and o.stage = 'won' and o.currency = 'EUR' and o.deleted_at is null and o.closed_at >= ${d.start} and o.closed_at < ${d.end}) as won_cents
    from g join accounts a on a.tenant_id = ${tenantId} and a.id = g.account_id
    order by g.effort desc, g.touches desc, g.account_id`.execute(db);
  const accountIds = top.rows.map((r) => String(r.account_id));
  const byRep = new Map<string, { userId: string; touches: number }[]>();
  if (accountIds.length) {
    // The listed accounts' own timelines over the exact period, each interaction's holders among the members (an
    // account_touches row per holder): a few hundred rows, where the members' rollup rows are every account's.
    // CROSS JOIN keeps SQLite from starting at the members' holdings (every interaction they hold).
    const rows = await sql<Record<string, unknown>>`select ia.account_id, h.user_id, count(distinct ia.interaction_id) as n
      from interaction_accounts ia cross join interaction_holders h
      where h.tenant_id = ia.tenant_id and h.interaction_id = ia.interaction_id and ia.tenant_id = ${tenantId} and ia.account_id in (${ids(accountIds)}) and ia.occurred_at >= ${d.start} and ia.occurred_at < ${d.end}
        and ia.kind <> 'note' and h.user_id in (${ids(d.memberIds)})
      group by ia.account_id, h.user_id order by count(distinct ia.interaction_id) desc, h.user_id`.execute(db);
    for (const r of rows.rows) {
      const list = byRep.get(String(r.account_id)) ?? [];
      list.push({ userId: String(r.user_id), touches: num(r.n) });
      byRep.set(String(r.account_id), list);
    }
  }
  return {
    total: num(top.rows[0]?.total),
    items: top.rows.map((r) => ({
      accountId: String(r.account_id),
      name: String(r.name),
      tier: r.tier as Tier,
      ownerId: r.owner_id == null ? null : String(r.owner_id),
      touches: num(r.touches),
      byChannel: { email: num(r.emails), meeting: num(r.meetings), call: num(r.calls), chat: num(r.chats), note: num(r.notes) },
      byRep: byRep.get(String(r.account_id)) ?? [],
      effortMinutes: num(r.effort),
      openPipelineCents: num(r.open_cents),
      wonCents: num(r.won_cents),
    })),
  };
}

/** The newest contact (not a note) with an account before `before`: one backward step in the timeline index. */
function lastContactBefore(tenantId: string, before: number) {
  return sql`(select ia.occurred_at from interaction_accounts ia where ia.tenant_id = ${tenantId} and ia.account_id = a.id
    and ia.occurred_at < ${before} and ia.kind <> 'note' order by ia.occurred_at desc limit 1)`;
}

/** The team's portfolio: accounts its members own (all accounts for a whole-organisation view). */
function portfolio(d: DashboardScope) {
  return sql`a.tenant_id = ${d.scope.tenantId} and a.deleted_at is null and a.archived_at is null and a.created_at < ${d.asOf} and a.owner_id in (${ids(d.memberIds)})`;
}

/** A tier's compliance as domain/care-model.ts counts it; every account of a tier shares its cadence. */
export type TierCare = { tier: Tier; cadenceDays: number | null } & Omit<TierCompliance, 'withCadence'>;

/**
 * Care-model compliance at asOf: per tier, the team's accounts contacted within their cadence. The SQL form of
 * careStatus (domain/care-model.ts, the definition): within while the last contact before asOf is at or after
 * asOf - cadence; never contacted is overdue. store/analytics-oracle.test.ts holds the two equal.
 */
export async function careCompliance(d: DashboardScope): Promise<TierCare[]> {
  const out = new Map<Tier, TierCare>(
    TIERS.map((tier) => [tier, { tier, cadenceDays: d.settings.cadenceDays[tier] ?? null, accounts: 0, withinCadence: 0, overdue: 0, share: null }]),
  );
  if (d.memberIds.length) {
    const cadenceMs = sql.join(
      TIERS.filter((t) => d.settings.cadenceDays[t] != null).map((t) => sql`when ${t} then cast(${d.settings.cadenceDays[t]! * 86_400_000} as bigint)`),
      sql` `,
    );
    const hasCadence = TIERS.some((t) => d.settings.cadenceDays[t] != null);
    // Materialised: both databases otherwise inline x and look each account's last contact up twice.
    const rows = await sql<Record<string, unknown>>`with x as materialized (select a.tier, ${lastContactBefore(d.scope.tenantId, d.asOf)} as last_at,
              ${hasCadence ? sql`case a.tier ${cadenceMs} end` : sql`null`} as cadence
            from accounts a where ${portfolio(d)})
      select tier, count(*) as n,
        sum(case when cadence is not null and last_at is not null and last_at >= ${d.asOf} - cadence then 1 else 0 end) as within
      from x group by tier`.execute(d.scope.db);
    for (const r of rows.rows) {
      const t = out.get(r.tier as Tier);
      if (!t) continue;
      t.accounts = num(r.n);
      if (t.cadenceDays !== null) {
        t.withinCadence = num(r.within);
        t.overdue = t.accounts - t.withinCadence;
        t.share = t.accounts ? t.withinCadence / t.accounts : null;
      }
    }
  }
  return [...out.values()];
}

export interface ColdAccount {
  accountId: string;
  name: string;
  tier: Tier;
  ownerId: string | null;
  lastContactAt: number | null;
  /** Contacts in the first and in the second half of the period. */
  earlierTouches: number;
  recentTouches: number;
}

/**
 * Going cold: a portfolio account (not a former customer) that had at least 3 contacts in the first half of the
 * period and at most half as many in the second. Anyone's contact counts: the customer does not care who called.
 */
export async function goingCold(d: DashboardScope, limit: number): Promise<{ items: ColdAccount[]; total: number }> {
  if (d.memberIds.length === 0) return { items: [], total: 0 };
  const mid = Math.floor((d.start + d.end) / 2);
  const t = d.scope.tenantId;
  const count = (from: number, to: number) => sql`(select count(*) from interaction_accounts ia where ia.tenant_id = ${t} and ia.account_id = a.id
    and ia.occurred_at >= ${from} and ia.occurred_at < ${to} and ia.kind <> 'note')`;
  // Each count once per account (materialised: inlined, both databases evaluated them up to three times), the
  // last contact only for the accounts going cold.
  const rows = await sql<Record<string, unknown>>`with c as materialized (
      select a.id, ${count(d.start, mid)} as earlier, ${count(mid, d.end)} as recent
      from accounts a where ${portfolio(d)} and a.lifecycle <> 'former'
    ), x as materialized (
      select a.id, a.name, a.tier, a.owner_id, c.earlier, c.recent, ${lastContactBefore(t, d.end)} as last_at
      from c join accounts a on a.tenant_id = ${t} and a.id = c.id where c.earlier >= 3 and c.recent * 2 <= c.earlier
    )
    select x.*, count(*) over () as total from x
    order by x.earlier - x.recent desc, x.last_at, x.id limit ${limit}`.execute(d.scope.db);
  return {
    total: num(rows.rows[0]?.total),
    items: rows.rows.map((r) => ({
      accountId: String(r.id),
      name: String(r.name),
      tier: r.tier as Tier,
      ownerId: r.owner_id == null ? null : String(r.owner_id),
      lastContactAt: r.last_at == null ? null : num(r.last_at),
      earlierTouches: num(r.earlier),
      recentTouches: num(r.recent),
    })),
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
  // Without statistics SQLite prefers the stage index (it saves the GROUP BY a sort) and reads every
  // opportunity of the tenant; the owners' index reads only the team's.
  const from = d.scope.dialect === 'sqlite' ? sql`from opportunities indexed by opportunities_owner_ix` : sql`from opportunities`;
  const base = sql`${from} where tenant_id = ${d.scope.tenantId} and owner_id in (${ids(d.memberIds)}) and deleted_at is null and archived_at is null
    and not exists (select 1 from accounts a where a.tenant_id = ${d.scope.tenantId} and a.id = opportunities.account_id and a.archived_at is not null)
    and currency = 'EUR'`;
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
    sql<Record<string, unknown>>`select seg, kind, sum(n) as n, sum(minutes) as minutes from (${activityRows(team, segmentsOf(bounds))}) x group by seg, kind`.execute(d.scope.db),
    // A shared interaction is in k members' counts: k - 1 copies too many.
    sql<Record<string, unknown>>`select ${weekIndexSql(d.weekStarts, sql.ref('occurred_at'))} as week, kind, sum(k - 1) as n, sum((k - 1) * minutes) as minutes
      from (select interaction_id, max(occurred_at) as occurred_at, max(kind) as kind, max(minutes) as minutes, count(distinct user_id) as k
            from (${sharedRows(team, d.start, d.end)}) s group by interaction_id) x
      group by 1, 2`.execute(d.scope.db),
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
