import { conflict } from '../../domain/errors.ts';
import { opportunityFigures, probabilityFor } from '../../domain/opportunity-value.ts';
import { mayChangeOpportunityOwner, mayEditOpportunity, type Actor } from '../../domain/record-permissions.ts';
import { OPEN_STAGES, type Opportunity } from '../../domain/types.ts';
import { requireNotArchived } from '../../domain/archive.ts';
import * as opportunities from '../../store/opportunities.ts';
import { getTenant } from '../../store/tenants.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { requireColleague } from '../require-colleague.ts';
import { requirePermission } from '../require-permission.ts';
import { loadOpportunity } from './load-opportunity.ts';
import type { OpportunityLineInput } from '../../domain/products.ts';
import { linesFromCatalogue } from '../products/resolve-lines.ts';

export type OpportunityPatch = Partial<Omit<opportunities.OpportunityInput, 'accountId' | 'stage' | 'lines'> & { lines: OpportunityLineInput[] }>;

export async function updateOpportunity(scope: TenantScope, actor: Actor, id: string, patch: OpportunityPatch, now: number): Promise<Opportunity> {
  return inTransaction(scope, async (tx) => {
    const { opportunity: current, account } = await loadOpportunity(tx, id);
    requirePermission(mayEditOpportunity(actor, current, account));
    requireNotArchived('opportunity', current);
    if (patch.ownerId !== undefined && patch.ownerId !== current.ownerId) requirePermission(mayChangeOpportunityOwner(actor, current, account));
    await requireColleague(tx, patch.ownerId);
    const { settings } = await getTenant(tx);
    if (!OPEN_STAGES.includes(current.stage) && patch.probability !== undefined && patch.probability !== probabilityFor(current.stage, settings.stageProbability)) {
      throw conflict(`A ${current.stage} deal’s probability is fixed (won 100 %, lost 0 %). Reopen the deal to an open stage to set another.`, [
        { field: 'probability', message: `fixed while the deal is ${current.stage}` },
      ]);
    }
    // A product deactivated since the deal was quoted stays on it; a new line cannot take it.
    const newLines = patch.lines && (await linesFromCatalogue(tx, patch.lines, { currency: patch.currency ?? current.currency, current: current.lines }));
    const lines = newLines ?? current.lines;
    const figures = opportunityFigures(
      { stage: current.stage, lines, value: patch.value ?? current.value, probability: patch.probability ?? current.probability },
      settings.stageProbability,
    );
    const { lines: _asked, ...rest } = patch;
    return opportunities.updateOpportunity(tx, id, { ...rest, ...(newLines && { lines: newLines }), ...figures }, actor.id, now);
  });
}
