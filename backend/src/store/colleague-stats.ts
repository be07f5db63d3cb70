// Each colleague's exchange with each of a page of accounts: relationship strength's inputs
// (domain/relationship-strength.ts) for an account list's column.
import { sql } from 'kysely';
import { ids, num } from './analytics.ts';
import type { TenantScope } from './scope.ts';

export interface AccountColleagueStats {
  accountId: string;
  userId: string;
  lastAt: number | null;
  emailsIn: number;
  emailsOut: number;
  meetings: number;
  calls: number;
}

/**
 * For a page of accounts, each colleague's exchange with each account since `since` (relationship strength's
 * inputs), read account by account from the timeline index: one range per account, grouped in SQL.
 */
export async function colleagueStatsForAccounts(scope: TenantScope, accountIds: string[], since: number): Promise<AccountColleagueStats[]> {
  if (accountIds.length === 0) return [];
  const t = scope.tenantId;
  const rows = await sql<Record<string, unknown>>`select ia.account_id, h.user_id, max(ia.occurred_at) as last_at,
      sum(case when ia.kind = 'email' and i.direction = 'inbound' then 1 else 0 end) as emails_in,
      sum(case when ia.kind = 'email' and i.direction = 'outbound' then 1 else 0 end) as emails_out,
      sum(case when ia.kind = 'meeting' then 1 else 0 end) as meetings,
      sum(case when ia.kind = 'call' then 1 else 0 end) as calls
    from interaction_accounts ia
    join interactions i on i.tenant_id = ia.tenant_id and i.id = ia.interaction_id
    join interaction_holders h on h.tenant_id = ia.tenant_id and h.interaction_id = ia.interaction_id
    where ia.tenant_id = ${t} and ia.account_id in (${ids(accountIds)}) and ia.occurred_at >= ${since} and ia.kind <> 'note'
    group by ia.account_id, h.user_id`.execute(scope.db);
  return rows.rows.map((r) => ({
    accountId: String(r.account_id), userId: String(r.user_id), lastAt: r.last_at == null ? null : num(r.last_at),
    emailsIn: num(r.emails_in), emailsOut: num(r.emails_out), meetings: num(r.meetings), calls: num(r.calls),
  }));
}
