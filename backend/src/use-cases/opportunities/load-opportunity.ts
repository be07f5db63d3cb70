import { notFound } from '../../domain/errors.ts';
import type { Account, Opportunity } from '../../domain/types.ts';
import { getAccount } from '../../store/accounts.ts';
import { getOpportunity } from '../../store/opportunities.ts';
import type { TenantScope } from '../../store/scope.ts';

/** An opportunity with its account, whose owner also decides who may change the deal. */
export async function loadOpportunity(scope: TenantScope, id: string): Promise<{ opportunity: Opportunity; account: Account | null }> {
  const opportunity = await getOpportunity(scope, id);
  if (!opportunity) throw notFound('opportunity');
  return { opportunity, account: await getAccount(scope, opportunity.accountId) };
}
