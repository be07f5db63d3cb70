// The rollups (migrations 016 and 030) against account_touches: after any writer, the rollup tables must hold what the
// migration's backfill makes of account_touches at that moment (rows whose count went back to zero aside).
import { expect } from 'vitest';
import { sql } from 'kysely';
import type { TenantScope } from '../../backend/src/store/scope.ts';

const DAY_MS = 86_400_000;

/** Returns how many replies are stored (a check that proves little without any). */
export async function expectRollupsRebuilt(scope: TenantScope): Promise<number> {
  const t = scope.tenantId;
  const { db } = scope;
  const q = async (query: ReturnType<typeof sql>) => ((await query.execute(db)).rows as Record<string, unknown>[]).map((r) => Object.values(r).map(String).join('|')).sort();
  const day = scope.dialect === 'sqlite' ? sql`occurred_at / 86400000` : sql`cast(occurred_at / 86400000 as integer)`;
  expect(await q(sql`select user_id, day, kind, direction, n, minutes from rollup_activity where tenant_id = ${t} and n <> 0`)).toEqual(await q(sql`
    select user_id, ${day}, kind, coalesce(direction, ''), count(*), sum(minutes) from (select user_id, interaction_id, max(occurred_at) as occurred_at, max(kind) as kind,
      max(direction) as direction, max(minutes) as minutes from account_touches where tenant_id = ${t} group by user_id, interaction_id) x group by user_id, ${day}, kind, coalesce(direction, '')`));
  expect(await q(sql`select user_id, day, account_id, kind, n, minutes from rollup_account_days where tenant_id = ${t} and n <> 0`)).toEqual(await q(sql`
    select user_id, ${day}, account_id, kind, count(*), sum(minutes) from account_touches where tenant_id = ${t} group by user_id, ${day}, account_id, kind`));
  expect(await q(sql`select user_id, day, contact_id, n from rollup_contact_days where tenant_id = ${t} and n <> 0`)).toEqual(await q(sql`
    select x.user_id, ${sql.raw(scope.dialect === 'sqlite' ? 'x.occurred_at / 86400000' : 'cast(x.occurred_at / 86400000 as integer)')}, p.contact_id, count(distinct x.interaction_id)
    from account_touches x join interaction_participants p on p.tenant_id = x.tenant_id and p.interaction_id = x.interaction_id
    where x.tenant_id = ${t} and x.kind <> 'note' and p.contact_id is not null group by 1, 2, 3`));
  expect(await q(sql`select user_id, occurred_at, interaction_id, kind, minutes from rollup_shared_interactions where tenant_id = ${t}`)).toEqual(await q(sql`
    select distinct user_id, occurred_at, interaction_id, kind, minutes from account_touches x where tenant_id = ${t}
      and exists (select 1 from interaction_holders h where h.tenant_id = x.tenant_id and h.interaction_id = x.interaction_id and h.user_id <> x.user_id)`));
  // The touch days (migration 030): each (colleague, day, pair) touched, linked to the pair's previous such day.
  const tday = sql.raw(scope.dialect === 'sqlite' ? 'x.occurred_at / 86400000' : 'cast(x.occurred_at / 86400000 as integer)');
  expect(await q(sql`select user_id, day, account_id, prev_day from rollup_account_touch_days where tenant_id = ${t}`)).toEqual(await q(sql`
    select user_id, day, account_id, lag(day) over (partition by user_id, account_id order by day) from (
      select distinct x.user_id, ${tday} as day, x.account_id from account_touches x where x.tenant_id = ${t} and x.kind <> 'note') y`));
  expect(await q(sql`select user_id, day, contact_id, prev_day from rollup_contact_touch_days where tenant_id = ${t}`)).toEqual(await q(sql`
    select user_id, day, contact_id, lag(day) over (partition by user_id, contact_id order by day) from (
      select distinct x.user_id, ${tday} as day, p.contact_id from account_touches x join interaction_participants p on p.tenant_id = x.tenant_id
        and p.interaction_id = x.interaction_id where x.tenant_id = ${t} and x.kind <> 'note' and p.contact_id is not null) y`));
  const replies = await q(sql`select user_id, inbound_at, account_id, interaction_id, reply_ms from rollup_replies where tenant_id = ${t}`);
  expect(replies).toEqual(await q(sql`select user_id, occurred_at, account_id, interaction_id, next_out - occurred_at from (
      select i.user_id, i.occurred_at, i.account_id, i.interaction_id, (select min(o.occurred_at) from account_touches o where o.tenant_id = i.tenant_id and o.user_id = i.user_id
        and o.account_id = i.account_id and o.kind = 'email' and o.direction = 'outbound' and o.occurred_at > i.occurred_at and o.occurred_at <= i.occurred_at + ${14 * DAY_MS}) as next_out
      from account_touches i where i.tenant_id = ${t} and i.kind = 'email' and i.direction = 'inbound') x where next_out is not null`));
  return replies.length;
}

