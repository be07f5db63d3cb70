// The managers' dashboard as SQL aggregations over the analytics index (account_touches, migration 003) and
// the timeline index: each function returns finished figures (one row per rep, tier, stage, week or listed
// account), never the interactions themselves. Counts include metadata-only and private items, as the care
// model's last contact does: a count says that a contact happened, never what was said. Nothing here
// returns a subject, snippet or note.
import { sql, type RawBuilder } from 'kysely';
import { OPEN_STAGES, STAGES, TIERS, type Stage, type TenantSettings, type Tier } from '../domain/types.ts';
import { WEEK_MS } from '../domain/period.ts';
import type { TierCompliance } from '../domain/care-model.ts';
import type { TenantScope } from './scope.ts';

export interface DashboardScope {
  scope: TenantScope;
  /** The team's members (user ids); their touches are the team's activity, their accounts the team's portfolio. */
  memberIds: string[];
  /** [start, end) epoch ms. */
  start: number;
  end: number;
  /** The Monday midnight the weekly trend counts from. */
  weekStart: number;
  /** When the care figures are taken: the period's end, or now if that is earlier. */
  asOf: number;
  settings: TenantSettings;
}

/** A reply is the same colleague's next email to the same account within this time; later is "unanswered". */
export const REPLY_WINDOW_MS = 14 * 86_400_000;

export const num = (v: unknown) => (v == null ? 0 : Number(v));
export const ids = (list: string[]) => sql.join(list.map((id) => sql`${id}`));

/** The members' touches in the period: the common table every per-rep and per-account figure reads. */
function teamTouches(d: DashboardScope, end = d.end): RawBuilder<unknown> {
  return sql`select user_id, occurred_at, interaction_id, account_id, kind, direction, minutes from account_touches
    where tenant_id = ${d.scope.tenantId} and user_id in (${ids(d.memberIds)}) and occurred_at >= ${d.start} and occurred_at < ${end}`;
}

/** Effort per touch row: meeting and call minutes as logged, the tenant's documented minutes per email. */
function effortExpr(settings: TenantSettings) {
  return sql`case when kind in ('meeting', 'call') then minutes when kind = 'email' then ${settings.minutesPerEmail} else 0 end`;
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
  // Counted as distinct interactions, so an email to two accounts is one email sent.
  const distinct = (when: RawBuilder<unknown>) => sql`count(distinct case when ${when} then interaction_id end)`;
  const [counts, minutes, contacts, replies] = await Promise.all([
    sql<Record<string, unknown>>`select user_id,
        ${distinct(sql`kind = 'email' and direction = 'outbound'`)} as emails_sent,
        ${distinct(sql`kind = 'email' and direction = 'inbound'`)} as emails_received,
        ${distinct(sql`kind = 'meeting'`)} as meetings,
        ${distinct(sql`kind = 'call'`)} as calls,
        ${distinct(sql`kind = 'chat'`)} as chats,
        ${distinct(sql`kind = 'note'`)} as notes,
        count(distinct case when kind <> 'note' then account_id end) as accounts
      from (${teamTouches(d)}) t group by user_id`.execute(db),
    // Minutes once per (colleague, meeting or call), however many accounts it belongs to.
    sql<Record<string, unknown>>`select user_id, sum(case when kind = 'meeting' then minutes else 0 end) as meeting_minutes,
        sum(case when kind = 'call' then minutes else 0 end) as call_minutes
      from (select user_id, interaction_id, max(kind) as kind, max(minutes) as minutes from (${teamTouches(d)}) t
            where kind in ('meeting', 'call') group by user_id, interaction_id) x
      group by user_id`.execute(db),
    // No "contact_id is not null" filter: count(distinct) skips nulls, and the filter would steer SQLite onto
    // the contact index (a scan of every participant per interaction) instead of the key.
    // PostgreSQL would hash-join a sequential scan of every participant of the tenant; LATERAL makes it look
    // up each interaction's participants by key, as SQLite's nested loop does anyway (SQLite has no LATERAL).
    // Straight from the touches: an interaction with two accounts is looked up twice, which count(distinct)
    // absorbs, and that costs less than first making the (colleague, interaction) pairs distinct.
    sql<Record<string, unknown>>`select x.user_id, count(distinct p.contact_id) as contacts
      from (${teamTouches(d)}) x
      ${d.scope.dialect === 'postgres'
        ? sql`cross join lateral (select pp.contact_id from interaction_participants pp where pp.tenant_id = ${d.scope.tenantId} and pp.interaction_id = x.interaction_id) p`
        : sql`join interaction_participants p on p.tenant_id = ${d.scope.tenantId} and p.interaction_id = x.interaction_id`}
      where x.kind <> 'note'
      group by x.user_id`.execute(db),
    // For each customer email, the next email the same colleague sent the same account: a running minimum
    // over the later emails (newest first), so each row costs one step, not a search.
    sql<Record<string, unknown>>`with e as (
        select user_id, account_id, occurred_at, direction from (${teamTouches(d, d.end + REPLY_WINDOW_MS)}) t where kind = 'email'
      ), n as (
        select user_id, occurred_at, direction,
          min(case when direction = 'outbound' then occurred_at end)
            over (partition by user_id, account_id order by occurred_at desc rows between unbounded preceding and 1 preceding) as next_out
        from e
      ), r as (
        select user_id, next_out - occurred_at as ms from n
        where direction = 'inbound' and occurred_at < ${d.end} and next_out is not null and next_out - occurred_at <= ${REPLY_WINDOW_MS}
      ), ranked as (
        select user_id, ms, row_number() over (partition by user_id order by ms) as rn, count(*) over (partition by user_id) as cnt from r
      )
      select user_id, avg(ms) as median_ms, max(cnt) as replied from ranked where rn in ((cnt + 1) / 2, (cnt + 2) / 2) group by user_id`.execute(db),
  ]);
  const by = (rows: Record<string, unknown>[]) => new Map(rows.map((r) => [String(r.user_id), r]));
  const c = by(counts.rows);
  const m = by(minutes.rows);
  const k = by(contacts.rows);
  const r = by(replies.rows);
  return d.memberIds.map((userId) => {
    const x = c.get(userId) ?? {};
    const mm = m.get(userId) ?? {};
    const rep = r.get(userId);
    const emailsSent = num(x.emails_sent);
    const emailsReceived = num(x.emails_received);
    const meetingMinutes = num(mm.meeting_minutes);
    const callMinutes = num(mm.call_minutes);
    return {
      userId,
      emailsSent,
      emailsReceived,
      meetings: num(x.meetings),
      meetingMinutes,
      calls: num(x.calls),
      callMinutes,
      chats: num(x.chats),
      notes: num(x.notes),
      accountsTouched: num(x.accounts),
      contactsTouched: num(k.get(userId)?.contacts),
      effortMinutes: meetingMinutes + callMinutes + (emailsSent + emailsReceived) * d.settings.minutesPerEmail,
      medianReplyMinutes: rep ? Math.round(num(rep.median_ms) / 60_000) : null,
      repliedEmails: num(rep?.replied),
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

/** The accounts the team spent most effort on in the period, with their pipeline beside the effort. */
export async function accountActivity(d: DashboardScope, limit: number): Promise<{ items: AccountActivity[]; total: number }> {
  if (d.memberIds.length === 0) return { items: [], total: 0 };
  const { db, tenantId } = d.scope;
  const open = sql.join(OPEN_STAGES.map((s) => sql`${s}`));
  const top = await sql<Record<string, unknown>>`with g as (
      select account_id,
        count(distinct case when kind <> 'note' then interaction_id end) as touches,
        count(distinct case when kind = 'email' then interaction_id end) as emails,
        count(distinct case when kind = 'meeting' then interaction_id end) as meetings,
        count(distinct case when kind = 'call' then interaction_id end) as calls,
        count(distinct case when kind = 'chat' then interaction_id end) as chats,
        count(distinct case when kind = 'note' then interaction_id end) as notes,
        sum(${effortExpr(d.settings)}) as effort,
        count(*) over () as total
      from (${teamTouches(d)}) t group by account_id
      order by effort desc, touches desc, account_id limit ${limit}
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
    const rows = await sql<Record<string, unknown>>`select account_id, user_id, count(distinct interaction_id) as n from (${teamTouches(d)}) t
      where kind <> 'note' and account_id in (${ids(accountIds)}) group by account_id, user_id order by n desc, user_id`.execute(db);
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
    const rows = await sql<Record<string, unknown>>`select tier, count(*) as n,
        sum(case when cadence is not null and last_at is not null and last_at >= ${d.asOf} - cadence then 1 else 0 end) as within
      from (select a.tier, ${lastContactBefore(d.scope.tenantId, d.asOf)} as last_at,
              ${hasCadence ? sql`case a.tier ${cadenceMs} end` : sql`null`} as cadence
            from accounts a where ${portfolio(d)}) x
      group by tier`.execute(d.scope.db);
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
  const rows = await sql<Record<string, unknown>>`select x.*, count(*) over () as total from (
      select a.id, a.name, a.tier, a.owner_id, ${count(d.start, mid)} as earlier, ${count(mid, d.end)} as recent,
        ${lastContactBefore(t, d.end)} as last_at
      from accounts a where ${portfolio(d)} and a.lifecycle <> 'former'
    ) x where x.earlier >= 3 and x.recent * 2 <= x.earlier
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
    and account_id not in (select id from accounts where tenant_id = ${d.scope.tenantId} and archived_at is not null) and currency = 'EUR'`;
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
  const weeks: WeekActivity[] = [];
  for (let w = d.weekStart; w < d.end; w += WEEK_MS) weeks.push({ weekStart: w, emails: 0, meetings: 0, meetingMinutes: 0, calls: 0, chats: 0, notes: 0 });
  if (d.memberIds.length === 0) return weeks;
  const rows = await sql<Record<string, unknown>>`select cast((occurred_at - ${d.weekStart}) / ${WEEK_MS} as bigint) as week, kind, count(*) as n, sum(minutes) as minutes
    from (select interaction_id, max(occurred_at) as occurred_at, max(kind) as kind, max(minutes) as minutes from (${teamTouches(d)}) t group by interaction_id) x
    group by 1, 2`.execute(d.scope.db);
  for (const r of rows.rows) {
    const w = weeks[Math.floor(num(r.week))];
    if (!w) continue;
    const n = num(r.n);
    if (r.kind === 'email') w.emails += n;
    else if (r.kind === 'meeting') {
      w.meetings += n;
      w.meetingMinutes += num(r.minutes);
    } else if (r.kind === 'call') w.calls += n;
    else if (r.kind === 'chat') w.chats += n;
    else if (r.kind === 'note') w.notes += n;
  }
  return weeks;
}
