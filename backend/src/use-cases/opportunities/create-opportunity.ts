import type { Opportunity } from '../../domain/types.ts';
import type { Actor } from '../../domain/record-permissions.ts';
import * as opportunities from '../../store/opportunities.ts';
import { getTenant } from '../../store/tenants.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { requireColleague } from '../require-colleague.ts';
import type { OpportunityLineInput } from '../../domain/products.ts';
import { linesFromCatalogue } from '../products/resolve-lines.ts';

export type CreateOpportunityInput = Omit<opportunities.OpportunityInput, 'ownerId' | 'probability' | 'lines'> & {
  ownerId?: string | null | undefined;
  /** Lines from the catalogue (productId) or free text (products/resolve-lines.ts). */
  lines: OpportunityLineInput[];
};

/**
 * Anyone may open a deal on any account; its owner is the creator unless the request names another. The value is
 * the sum of the lines when there are any and the probability follows the stage (opportunityFigures).
 */
export async function createOpportunity(scope: TenantScope, actor: Actor, input: CreateOpportunityInput, now: number): Promise<Opportunity> {
  return inTransaction(scope, async (tx) => {
    await requireColleague(tx, input.ownerId);
    const { settings } = await getTenant(tx);
    const lines = await linesFromCatalogue(tx, input.lines, { currency: input.currency });
    return opportunities.createOpportunity(tx, { ...input, lines, ownerId: input.ownerId === undefined ? actor.id : input.ownerId }, settings, actor.id, now);
  });
}
