import type { Opportunity } from '../../domain/types.ts';
import { mayArchiveOpportunity, type Actor } from '../../domain/record-permissions.ts';
import * as opportunities from '../../store/opportunities.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { requirePermission } from '../require-permission.ts';
import { loadOpportunity } from './load-opportunity.ts';

/** Sets a deal aside (entered by mistake, a duplicate): it leaves the board, the pipeline and Today. Idempotent. */
export async function archiveOpportunity(scope: TenantScope, actor: Actor, id: string, now: number): Promise<Opportunity> {
  return inTransaction(scope, async (tx) => {
    const { opportunity: current, account } = await loadOpportunity(tx, id);
    requirePermission(mayArchiveOpportunity(actor, current, account));
    if (current.archivedAt != null) return current;
    return opportunities.setOpportunityArchived(tx, id, now, actor.id, now);
  });
}
