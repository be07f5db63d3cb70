// The dashboard's activity figures as they were computed before the rollups (migration 016): straight from the
// touches, every time. The oracle the rollup-based figures (store/analytics.ts) must equal, on any data.
import { sql, type RawBuilder } from 'kysely';
import { OPEN_STAGES, type TenantSettings } from '../../backend/src/domain/types.ts';
import { ids, num, REPLY_WINDOW_MS, type AccountActivity, type DashboardScope, type RepActivity, type WeekActivity } from '../../backend/src/store/analytics.ts';
import type { Tier } from '../../backend/src/domain/types.ts';

function teamTouches(d: DashboardScope, end = d.end): RawBuilder<unknown> {
  return sql`select user_id, occurred_at, interaction_id, account_id, kind, direction, minutes from account_touches
    where tenant_id = ${d.scope.tenantId} and user_id in (${ids(d.memberIds)}) and occurred_at >= ${d.start} and occurred_at < ${end}`;
}

function effortExpr(settings: TenantSettings) {
  return sql`case when kind in ('meeting', 'call') then minutes when kind = 'email' then ${settings.minutesPerEmail} else 0 end`;
}

export async function rawRepActivity(d: DashboardScope): Promise<RepActivity[]> {
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

/** The accounts the team spent most effort on in the period, with their pipeline beside the effort. */
export async function rawAccountActivity(d: DashboardScope, limit: number): Promise<{ items: AccountActivity[]; total: number }> {
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

/** The team's interactions per week (an interaction two members share counts once). */
export async function rawWeeklyTrend(d: DashboardScope): Promise<WeekActivity[]> {
  const weeks: WeekActivity[] = d.weekStarts.map((w) => ({ weekStart: w, emails: 0, meetings: 0, meetingMinutes: 0, calls: 0, chats: 0, notes: 0 }));
  if (d.memberIds.length === 0) return weeks;
  // One row per interaction, placed in JS by the weeks' own edges (the last week start at or before it).
  const rows = await sql<Record<string, unknown>>`select interaction_id, max(occurred_at) as occurred_at, max(kind) as kind, max(minutes) as minutes, 1 as n
    from (${teamTouches(d)}) t group by interaction_id`.execute(d.scope.db);
  for (const r of rows.rows) {
    const w = weeks[d.weekStarts.filter((s) => s <= num(r.occurred_at)).length - 1];
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
