import type { Account } from '../../domain/types.ts';
import { mayArchiveAccount, type Actor } from '../../domain/record-permissions.ts';
import * as accounts from '../../store/accounts.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { requirePermission } from '../require-permission.ts';
import { relinkUnmatched } from '../interactions/relink-unmatched.ts';

/** Brings an archived account back (the "Undo" right after archiving, or the banner's "Restore"). */
export async function restoreAccount(scope: TenantScope, actor: Actor, id: string, now: number): Promise<Account> {
  return inTransaction(scope, async (tx) => {
    const current = await accounts.requireAccount(tx, id);
    requirePermission(mayArchiveAccount(actor, current));
    if (current.archivedAt == null) return current;
    const account = await accounts.setAccountArchived(tx, id, null, actor.id, now);
    // Mail from its domains that arrived while it was archived was placed on no account: it joins now.
    if (account.domains.length) await relinkUnmatched(tx, { domains: account.domains });
    return account;
  });
}
