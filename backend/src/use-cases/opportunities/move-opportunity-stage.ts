import { conflict } from '../../domain/errors.ts';
import { mayMoveStage, type Actor } from '../../domain/record-permissions.ts';
import { canMoveStage } from '../../domain/stage-move.ts';
import type { Opportunity, Stage } from '../../domain/types.ts';
import { requireNotArchived } from '../../domain/archive.ts';
import * as opportunities from '../../store/opportunities.ts';
import { getTenant } from '../../store/tenants.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { requirePermission } from '../require-permission.ts';
import { loadOpportunity } from './load-opportunity.ts';
import { endRolesOutsideAccount } from './end-roles-outside-account.ts';

/** Moves a deal to another stage; its probability follows the stage (won 100, lost 0, open per the settings). */
export async function moveOpportunityStage(scope: TenantScope, actor: Actor, id: string, stage: Stage, now: number): Promise<Opportunity> {
  return inTransaction(scope, async (tx) => {
    const { opportunity: current, account } = await loadOpportunity(tx, id);
    requirePermission(mayMoveStage(actor, current, account));
    requireNotArchived('opportunity', current);
    // The same stage again changes nothing, and keeps stageChangedAt (time in stage) as it was.
    if (current.stage === stage) return current;
    if (!canMoveStage(current.stage, stage)) {
      throw conflict(`This deal is ${current.stage}. Reopen it to an open stage first, then mark it ${stage}: the history then shows the outcome changed.`, [
        { field: 'stage', message: `cannot go from ${current.stage} to ${stage} directly` },
      ]);
    }
    const { settings } = await getTenant(tx);
    const moved = await opportunities.moveStage(tx, id, stage, settings, actor.id, now);
    // A reopened deal is open again: a committee member who has since left the account is off it.
    await endRolesOutsideAccount(tx, actor.id, { opportunityIds: [id] }, 'deal-reopened', now);
    return moved;
  });
}
