// What an account's care plan is measured against: its meetings (with their subjects, for business reviews).
import type { TenantScope } from './scope.ts';

/** The account's meetings from `since` on, deleted ones left out; subjects and marks only feed the business-review test. */
export async function accountMeetingsSince(scope: TenantScope, accountId: string, since: number): Promise<{ occurredAt: number; subject: string | null; businessReview: boolean | null }[]> {
  const rows = await scope.db
    .selectFrom('interaction_accounts as ia')
    .innerJoin('interactions as i', (j) => j.onRef('i.tenant_id', '=', 'ia.tenant_id').onRef('i.id', '=', 'ia.interaction_id'))
    .select(['ia.occurred_at', 'i.subject', 'i.business_review'])
    .where('ia.tenant_id', '=', scope.tenantId)
    .where('ia.account_id', '=', accountId)
    .where('ia.kind', '=', 'meeting')
    .where('ia.occurred_at', '>=', since)
    .where('i.deleted_at', 'is', null)
    .limit(5000)
    .execute();
  return rows.map((r) => ({ occurredAt: Number(r.occurred_at), subject: r.subject, businessReview: r.business_review == null ? null : Number(r.business_review) === 1 }));
}
