// The candidates for a salesperson's next-best actions, each one bounded SQL query: customer email nobody has
// answered, open opportunities without activity, and the colleague's per-account exchange for relationship
// strength. Overdue cadences come from searchAccounts (the same rule as the care list).
import { sql } from 'kysely';
import { OPEN_STAGES, type Stage, type Tier } from '../domain/types.ts';
import type { TenantScope } from './scope.ts';

const num = (v: unknown) => (v == null ? 0 : Number(v));

export interface UnansweredEmail {
  interactionId: string;
  accountId: string;
  accountName: string;
  tier: Tier;
  occurredAt: number;
  subject: string | null;
  fromName: string | null;
  fromAddress: string | null;
}

/**
 * Customer email this colleague holds, received in [since, before), after which nobody in the organisation
 * wrote, called, chatted or met the account. At most one per account: the latest.
 */
export async function unansweredEmails(scope: TenantScope, userId: string, since: number, before: number, limit: number): Promise<UnansweredEmail[]> {
  const t = scope.tenantId;
  const rows = await sql<Record<string, unknown>>`select x.interaction_id, x.account_id, x.occurred_at, a.name, a.tier, i.subject,
      (select coalesce(p.display_name, p.address) from interaction_participants p where p.tenant_id = ${t} and p.interaction_id = x.interaction_id and p.role = 'from' limit 1) as from_name,
      (select p.address from interaction_participants p where p.tenant_id = ${t} and p.interaction_id = x.interaction_id and p.role = 'from' limit 1) as from_address
    from (
      select account_id, occurred_at, interaction_id,
        row_number() over (partition by account_id order by occurred_at desc, interaction_id desc) as rn
      from account_touches tt
      where tt.tenant_id = ${t} and tt.user_id = ${userId} and tt.occurred_at >= ${since} and tt.occurred_at < ${before}
        and tt.kind = 'email' and tt.direction = 'inbound'
        and not exists (
          select 1 from interaction_accounts ia join interactions j on j.tenant_id = ia.tenant_id and j.id = ia.interaction_id
          where ia.tenant_id = ${t} and ia.account_id = tt.account_id and ia.occurred_at > tt.occurred_at
            and (ia.kind = 'meeting' or (ia.kind in ('email', 'call', 'chat') and j.direction = 'outbound'))
        )
    ) x
    join accounts a on a.tenant_id = ${t} and a.id = x.account_id and a.deleted_at is null and a.archived_at is null
    join interactions i on i.tenant_id = ${t} and i.id = x.interaction_id
    where x.rn = 1
    order by x.occurred_at limit ${limit}`.execute(scope.db);
  return rows.rows.map((r) => ({
    interactionId: String(r.interaction_id),
    accountId: String(r.account_id),
    accountName: String(r.name),
    tier: r.tier as Tier,
    occurredAt: num(r.occurred_at),
    subject: r.subject == null ? null : String(r.subject),
    fromName: r.from_name == null ? null : String(r.from_name),
    fromAddress: r.from_address == null ? null : String(r.from_address),
  }));
}

export interface OpportunityActivity {
  opportunityId: string;
  name: string;
  accountId: string;
  accountName: string;
  tier: Tier;
  stage: Stage;
  valueCents: number;
  currency: string;
  /** The newest of: its last stage change, its last linked interaction. */
  lastActivityAt: number;
}

/** This colleague's open opportunities whose last activity is older than `idleSince`. */
export async function idleOpportunities(scope: TenantScope, userId: string, idleSince: number, limit: number): Promise<OpportunityActivity[]> {
  const t = scope.tenantId;
  const open = sql.join(OPEN_STAGES.map((s) => sql`${s}`));
  const greatest = scope.dialect === 'sqlite' ? sql`max` : sql`greatest`;
  const rows = await sql<Record<string, unknown>>`select * from (
      select o.id, o.name, o.account_id, a.name as account_name, a.tier, o.stage, o.value_cents, o.currency,
        ${greatest}(o.stage_changed_at, coalesce((select max(i.occurred_at) from interactions i where i.tenant_id = ${t} and i.opportunity_id = o.id and i.deleted_at is null), 0)) as last_at
      from opportunities o join accounts a on a.tenant_id = o.tenant_id and a.id = o.account_id and a.deleted_at is null and a.archived_at is null
      where o.tenant_id = ${t} and o.owner_id = ${userId} and o.deleted_at is null and o.archived_at is null and o.stage in (${open})
    ) x where x.last_at < ${idleSince} order by x.value_cents desc, x.id limit ${limit}`.execute(scope.db);
  return rows.rows.map((r) => ({
    opportunityId: String(r.id),
    name: String(r.name),
    accountId: String(r.account_id),
    accountName: String(r.account_name),
    tier: r.tier as Tier,
    stage: r.stage as Stage,
    valueCents: num(r.value_cents),
    currency: String(r.currency),
    lastActivityAt: num(r.last_at),
  }));
}

export interface MyAccountExchange {
  accountId: string;
  accountName: string;
  tier: Tier;
  lastAt: number;
  emailsIn: number;
  emailsOut: number;
  meetings: number;
  calls: number;
  interactions: number;
}

/** Per account, what this colleague exchanged since `since` (the inputs of relationship strength). */
export async function myAccountExchange(scope: TenantScope, userId: string, since: number, minInteractions: number): Promise<MyAccountExchange[]> {
  const t = scope.tenantId;
  const rows = await sql<Record<string, unknown>>`select x.*, a.name, a.tier from (
      select account_id, max(occurred_at) as last_at, count(*) as n,
        sum(case when kind = 'email' and direction = 'inbound' then 1 else 0 end) as emails_in,
        sum(case when kind = 'email' and direction = 'outbound' then 1 else 0 end) as emails_out,
        sum(case when kind = 'meeting' then 1 else 0 end) as meetings,
        sum(case when kind = 'call' then 1 else 0 end) as calls
      from account_touches where tenant_id = ${t} and user_id = ${userId} and occurred_at >= ${since} and kind <> 'note'
      group by account_id having count(*) >= ${minInteractions}
    ) x join accounts a on a.tenant_id = ${t} and a.id = x.account_id and a.deleted_at is null and a.archived_at is null and a.lifecycle <> 'former'`.execute(scope.db);
  return rows.rows.map((r) => ({
    accountId: String(r.account_id),
    accountName: String(r.name),
    tier: r.tier as Tier,
    lastAt: num(r.last_at),
    emailsIn: num(r.emails_in),
    emailsOut: num(r.emails_out),
    meetings: num(r.meetings),
    calls: num(r.calls),
    interactions: num(r.n),
  }));
}
