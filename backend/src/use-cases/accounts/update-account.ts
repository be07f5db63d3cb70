import type { Account } from '../../domain/types.ts';
import { mayChangeAccountOwner, mayChangeTier, mayEditAccount, type Actor } from '../../domain/record-permissions.ts';
import { requireNotArchived } from '../../domain/archive.ts';
import * as accounts from '../../store/accounts.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { requireColleague } from '../require-colleague.ts';
import { requirePermission } from '../require-permission.ts';
import { relinkUnmatched } from '../interactions/relink-unmatched.ts';
import { requireDomainsFree } from './find-duplicates.ts';

export async function updateAccount(scope: TenantScope, actor: Actor, id: string, patch: Partial<accounts.AccountInput>, now: number): Promise<Account> {
  return inTransaction(scope, async (tx) => {
    const current = await accounts.requireAccount(tx, id);
    requirePermission(mayEditAccount(actor, current));
    requireNotArchived('account', current);
    // Sending the current tier or owner back unchanged (a form saving every field) is not a change.
    if (patch.tier !== undefined && patch.tier !== current.tier) requirePermission(mayChangeTier(actor, current));
    if (patch.ownerId !== undefined && patch.ownerId !== current.ownerId) requirePermission(mayChangeAccountOwner(actor));
    await requireColleague(tx, patch.ownerId);
    // A domain belongs to one account: mail is placed by domain.
    if (patch.domains) await requireDomainsFree(tx, patch.domains, id);
    const account = await accounts.updateAccount(tx, id, patch, actor.id, now);
    const added = account.domains.filter((d) => !current.domains.includes(d));
    if (added.length) await relinkUnmatched(tx, { domains: added });
    return account;
  });
}
