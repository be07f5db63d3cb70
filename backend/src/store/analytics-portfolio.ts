// The dashboard's care-model compliance and going-cold list: both over the team's portfolio (the accounts its
// members own), so both from one pass over it: per account, its contacts in the two halves of the period, its
// last contact before asOf (care) and, for the accounts going cold, before the period's end, all from the
// timeline index (interaction_accounts).
import { sql } from 'kysely';
import { TIERS, type Tier } from '../domain/types.ts';
import type { TierCompliance } from '../domain/care-model.ts';
import { num, oneOf, type DashboardScope } from './analytics-scope.ts';

/** A tier's compliance as domain/care-model.ts counts it; every account of a tier shares its cadence. */
export type TierCare = { tier: Tier; cadenceDays: number | null } & Omit<TierCompliance, 'withCadence'>;

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
 * Care-model compliance at asOf: per tier, the team's accounts contacted within their cadence. The SQL form of
 * careStatus (domain/care-model.ts, the definition): within while the last contact before asOf is at or after
 * asOf - cadence; never contacted is overdue. store/analytics-oracle.test.ts holds the two equal.
 *
 * Going cold: a portfolio account (not a former customer) that had at least 3 contacts in the first half of the
 * period and at most half as many in the second. Anyone's contact counts: the customer does not care who called.
 */
export async function careAndCold(d: DashboardScope, limit: number): Promise<{ care: TierCare[]; goingCold: { items: ColdAccount[]; total: number } }> {
  const care = new Map<Tier, TierCare>(
    TIERS.map((tier) => [tier, { tier, cadenceDays: d.settings.cadenceDays[tier] ?? null, accounts: 0, withinCadence: 0, overdue: 0, share: null }]),
  );
  if (d.memberIds.length === 0) return { care: [...care.values()], goingCold: { items: [], total: 0 } };
  const t = d.scope.tenantId;
  const mid = Math.floor((d.start + d.end) / 2);
  const portfolio = sql`a.tenant_id = ${t} and a.deleted_at is null and a.archived_at is null and a.created_at < ${d.asOf} and ${oneOf(d.scope, sql.ref('a.owner_id'), d.memberIds)}`;
  const probe = (id: unknown, before: number) => sql`(select ia.occurred_at from interaction_accounts ia where ia.tenant_id = ${t} and ia.account_id = ${id}
    and ia.occurred_at < ${before} and ia.kind <> 'note' order by ia.occurred_at desc limit 1)`;
  // The account's last contact of all (accounts.last_contact_at, kept by the same writes as the timeline rows) is
  // its last before `before` unless it is at or after it (a past period, a meeting booked ahead): only those
  // accounts step in the index.
  const last = (a: string, before: number) => sql`(case when ${sql.ref(`${a}.last_contact_at`)} is null then null
    when ${sql.ref(`${a}.last_contact_at`)} < ${before} then ${sql.ref(`${a}.last_contact_at`)} else ${probe(sql.ref(`${a}.id`), before)} end)`;
  // Per account: its contacts in the period (n), in the first half (earlier), its last contact before asOf
  // (last_at) and before the end (last_end, needed for the accounts going cold only).
  let y;
  if (d.scope.dialect === 'postgres') {
    // Each account's period as one range, by LATERAL (an aggregate per account, not a hash join over every
    // account's period): the halves' counts, the last contact before the end and, if there was one in the
    // period before asOf, the last before asOf; otherwise one step back from the period's start (or asOf).
    y = sql`x as materialized (
        select a.id, a.name, a.tier, a.lifecycle, a.owner_id, a.last_contact_at, s.* from accounts a cross join lateral (
          select count(*) as n, sum(case when ia.occurred_at < ${mid} then 1 else 0 end) as earlier,
            max(case when ia.occurred_at < ${d.asOf} then ia.occurred_at end) as last_in, max(ia.occurred_at) as last_end
          from interaction_accounts ia where ia.tenant_id = ${t} and ia.account_id = a.id and ia.occurred_at >= ${d.start} and ia.occurred_at < ${d.end} and ia.kind <> 'note') s
        where ${portfolio}),
      y as (select x.id, x.name, x.tier, x.lifecycle, x.owner_id, x.n, x.earlier, x.last_end, coalesce(x.last_in, ${last('x', Math.min(d.start, d.asOf))}) as last_at from x)`;
  } else {
    // SQLite counts a range faster than it groups the rows of a join: the halves' counts and the last contact
    // before asOf as steps in the index, the last before the end for the accounts going cold only. The accounts
    // come by the owners' index (not every account of the tenant in key order).
    const range = (from: number, to: number) => sql`(select count(*) from interaction_accounts ia where ia.tenant_id = ${t} and ia.account_id = a.id
      and ia.occurred_at >= ${from} and ia.occurred_at < ${to} and ia.kind <> 'note')`;
    y = sql`x as materialized (
        select a.id, a.name, a.tier, a.lifecycle, a.owner_id, ${range(d.start, mid)} as earlier, ${range(mid, d.end)} as recent, ${last('a', d.asOf)} as last_at, a.last_contact_at
        from accounts a indexed by accounts_owner_ix where ${portfolio}),
      y as (select x.id, x.name, x.tier, x.lifecycle, x.owner_id, x.earlier + x.recent as n, x.earlier, x.last_at, x.last_contact_at from x)`;
  }
  // Care is counted per tier in the database and only the accounts going cold come back (not the whole
  // portfolio): within cadence while the last contact is at or after asOf - the tier's cadence.
  const cadenced = [...care.values()].filter((c) => c.cadenceDays !== null);
  const cutoff = cadenced.length
    ? sql`case y.tier ${sql.join(cadenced.map((c) => sql`when ${c.tier} then cast(${d.asOf - c.cadenceDays! * 86_400_000} as bigint)`), sql` `)} end`
    : sql`cast(null as bigint)`;
  const coldWhere = sql`coalesce(y.lifecycle, '') <> 'former' and y.earlier >= 3 and (y.n - y.earlier) * 2 <= y.earlier`;
  const lastEnd = d.scope.dialect === 'postgres' ? sql`y.last_end` : last('y', d.end);
  const rows = (await sql<Record<string, unknown>>`with ${y}
    select 'care' as part, cast(null as text) as id, cast(null as text) as name, y.tier, cast(null as text) as owner_id, count(*) as n,
      sum(case when y.last_at >= ${cutoff} then 1 else 0 end) as earlier, cast(null as bigint) as last_end
    from y group by y.tier
    union all
    select 'cold', y.id, y.name, y.tier, y.owner_id, y.n, y.earlier, ${lastEnd} from y where ${coldWhere}`.execute(d.scope.db)).rows;
  const cold: ColdAccount[] = [];
  for (const r of rows) {
    if (r.part === 'care') {
      const c = care.get(r.tier as Tier);
      if (c) {
        c.accounts += num(r.n);
        c.withinCadence += num(r.earlier);
      }
      continue;
    }
    const earlier = num(r.earlier);
    // Contacted in the period, so its last contact before the end is the range's last.
    cold.push({ accountId: String(r.id), name: String(r.name), tier: r.tier as Tier, ownerId: r.owner_id == null ? null : String(r.owner_id),
      lastContactAt: num(r.last_end), earlierTouches: earlier, recentTouches: num(r.n) - earlier });
  }
  for (const c of care.values()) {
    if (c.cadenceDays === null) continue;
    c.overdue = c.accounts - c.withinCadence;
    c.share = c.accounts ? c.withinCadence / c.accounts : null;
  }
  cold.sort((a, b) => b.earlierTouches - b.recentTouches - (a.earlierTouches - a.recentTouches) || a.lastContactAt! - b.lastContactAt!
    || (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0));
  return { care: [...care.values()], goingCold: { items: cold.slice(0, limit), total: cold.length } };
}

export async function careCompliance(d: DashboardScope): Promise<TierCare[]> {
  return (await careAndCold(d, 0)).care;
}

export async function goingCold(d: DashboardScope, limit: number): Promise<{ items: ColdAccount[]; total: number }> {
  return (await careAndCold(d, limit)).goingCold;
}
