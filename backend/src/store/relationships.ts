// The inputs of relationship strength, aggregated in SQL: per colleague (and per colleague and contact) of an
// account, their emails in and out, calls and meetings in the window and their last contact.
import { sql } from 'kysely';
import type { TenantScope } from './scope.ts';
import type { RelationshipStats } from '../domain/relationship-strength.ts';

export interface RelationshipRow extends RelationshipStats {
  userId: string;
  contactId: string | null;
}

export async function relationshipStats(scope: TenantScope, accountId: string, since: number): Promise<{ byUser: RelationshipRow[]; byUserContact: RelationshipRow[] }> {
  const counts = (eb: any) => [
    eb.fn.max('i.occurred_at').as('last_at'),
    sql<number>`sum(case when i.kind = 'email' and i.direction = 'inbound' and i.occurred_at >= ${since} then 1 else 0 end)`.as('emails_in'),
    sql<number>`sum(case when i.kind = 'email' and i.direction = 'outbound' and i.occurred_at >= ${since} then 1 else 0 end)`.as('emails_out'),
    sql<number>`sum(case when i.kind = 'meeting' and i.occurred_at >= ${since} then 1 else 0 end)`.as('meetings'),
    sql<number>`sum(case when i.kind = 'call' and i.occurred_at >= ${since} then 1 else 0 end)`.as('calls'),
  ];
  const base = scope.db
    .selectFrom('interaction_accounts as ia')
    .innerJoin('interactions as i', (j) => j.onRef('i.tenant_id', '=', 'ia.tenant_id').onRef('i.id', '=', 'ia.interaction_id'))
    .innerJoin('interaction_holders as h', (j) => j.onRef('h.tenant_id', '=', 'ia.tenant_id').onRef('h.interaction_id', '=', 'ia.interaction_id'))
    .where('ia.tenant_id', '=', scope.tenantId)
    .where('ia.account_id', '=', accountId)
    .where('ia.kind', '!=', 'note');
  const [byUser, byUserContact] = await Promise.all([
    base.select((eb) => ['h.user_id', ...counts(eb)]).groupBy('h.user_id').execute(),
    base
      .innerJoin('interaction_participants as p', (j) => j.onRef('p.tenant_id', '=', 'ia.tenant_id').onRef('p.interaction_id', '=', 'ia.interaction_id'))
      .where('p.contact_id', 'is not', null)
      .select((eb) => ['h.user_id', 'p.contact_id', ...counts(eb)])
      .groupBy(['h.user_id', 'p.contact_id'])
      .execute(),
  ]);
  const row = (r: any): RelationshipRow => ({
    userId: r.user_id, contactId: r.contact_id ?? null, lastAt: r.last_at == null ? null : Number(r.last_at),
    emailsIn: Number(r.emails_in ?? 0), emailsOut: Number(r.emails_out ?? 0), meetings: Number(r.meetings ?? 0), calls: Number(r.calls ?? 0),
  });
  return { byUser: byUser.map(row), byUserContact: byUserContact.map(row) };
}
